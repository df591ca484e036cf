// Wazuh SCA and the online apps of points 3 and 4: an SCA check passes or fails (its result feeds the agent's
// compliance score), and an online app on a PC is no failure, so the SCA export holds none of them (docs/fleet.md);
// one the organisation policy raises to banned is a banned app there like Zoom, with its own checks; the osquery
// pack then looks for it as a banned app, not as a notice.
import { describe, expect, it } from 'vitest';
import { capture } from '../helpers/capture-io';
import { main } from '../../src/cli/main';
import { osqueryPack } from '../../src/core/export/osquery-pack';
import { scaPolicy } from '../../src/core/export/wazuh-sca';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { Policy } from '../../src/core/policy/policy-schema';

const words = { name: 'n', description: 'd', requirement: 'r' };
const describeCheck = (app: { name: string }) => ({ title: app.name, description: 'd', remediation: 'r' });

/** The policy in force once an organisation policy lists `id` in banOnlineApps (as policy-in-force.ts moves it). */
function banning(id: string): Policy {
  const p = builtinPolicy();
  const app = p.onlineApps.find((a) => a.id === id)!;
  return { ...p, bannedApps: [...p.bannedApps, app], onlineApps: p.onlineApps.filter((a) => a.id !== id) };
}

describe('the online apps in the Wazuh SCA export', () => {
  it.each(['linux', 'darwin', 'windows'])('%s: the built-in policy\'s SCA checks are Zoom\'s only, none of an online app', async (platform) => {
    const io = capture();
    expect(await main(['export', 'wazuh-sca', '--platform', platform, '--lang', 'en'], { io, env: {} })).toBe(0);
    expect(io.stdout).toContain('Zoom');
    for (const app of builtinPolicy().onlineApps) expect(io.stdout, app.name).not.toContain(`"${app.name}`);
    expect(scaPolicy(builtinPolicy(), platform as 'linux', words, describeCheck).checks.every((c) => c.title === 'Zoom')).toBe(true);
  });

  it('raised to banned by the organisation: Telegram Desktop\'s packages and Zalo\'s Uninstall key (per machine and in every loaded user hive) become SCA checks, and banned-app queries in the osquery pack', () => {
    const linux = scaPolicy(banning('telegram'), 'linux', words, describeCheck);
    expect(linux.checks.filter((c) => c.title === 'Telegram Desktop').flatMap((c) => c.rules)).toContain('c:dpkg -s telegram-desktop -> r:^Status: install ok installed');
    const windows = scaPolicy(banning('zalo'), 'windows', words, describeCheck);
    expect(windows.checks.filter((c) => c.title === 'Zalo').flatMap((c) => c.rules)).toContain('r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\f0c47de4-c117-54e4-97d9-eb3fd2985e6c');
    // Their per-user installers (Zalo, Messenger, the GoTo app) write under HKCU: the SYSTEM agent sees it in HKEY_USERS.
    for (const id of ['zalo', 'messenger', 'goto-meeting']) {
      const app = builtinPolicy().onlineApps.find((a) => a.id === id)!;
      const rules = scaPolicy(banning(id), 'windows', words, describeCheck).checks.filter((c) => c.title === app.name).flatMap((c) => c.rules);
      expect(app.windows.uninstallKeyNames.length, id).toBeGreaterThan(0);
      for (const key of app.windows.uninstallKeyNames) {
        expect(rules, id).toContain(`c:powershell -NoProfile -Command "Test-Path -Path 'Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${key.replace(/[[\]]/g, '`$&')}'" -> r:^True`);
      }
    }
    const pack = osqueryPack(banning('telegram'), (_a, _p, _f, _t, kind) => ({ description: kind, value: kind }));
    expect(pack.queries.telegram_linux_deb_packages?.description).toBe('banned');
    expect(pack.queries.notice_telegram_linux_deb_packages).toBeUndefined();
    expect(pack.queries.notice_zalo_windows_registry?.description).toBe('notice');
  });
});
