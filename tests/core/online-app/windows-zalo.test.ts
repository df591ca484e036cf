// Zalo on a recorded Windows PC, its Uninstall key as winget's manifest gives it (microsoft/winget-pkgs
// manifests/v/VNGCorp/Zalo/26.9.10: AppsAndFeaturesEntries DisplayName «Zalo 26.9.10», ProductCode
// f0c47de4-c117-54e4-97d9-eb3fd2985e6c, locale Publisher «VNG Corp.»): found by the banned-app probes from the built-in
// policy's online-app entry, a notice at points 3 and 4 with the rules, no removal; the tray and the exit code
// stay what the other findings make them, and it is notified once.
import { describe, expect, it } from 'vitest';
import { windowsProbes } from '../../../src/core/checks/banned-app/windows/windows-probes';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { exitCodeFor } from '../../../src/core/engine';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { decide, EMPTY_NOTIFY_STATE, notificationContent } from '../../../src/main/notifications';
import { trayStateFor } from '../../../src/main/tray-state';
import type { Finding } from '../../../src/shared/finding';
import { reportWith, zoomOk } from '../../shared/sample-report';
import { ENV, HKCU, fixture, regS, windowsCommands, windowsFiles } from '../banned-app/windows/windows-host';

const ZALO_KEY = 'f0c47de4-c117-54e4-97d9-eb3fd2985e6c';
const hkcuKeys = `${fixture('reg-hkcu-uninstall.txt')}\r\n${HKCU}\\${ZALO_KEY}\r\n    DisplayName    REG_SZ    Zalo 26.9.10\r\n    DisplayVersion    REG_SZ    26.9.10\r\n    Publisher    REG_SZ    VNG Corp.\r\n    UninstallString    REG_SZ    "C:\\Users\\Nguyễn\\AppData\\Local\\Programs\\Zalo\\Uninstall Zalo.exe" /currentuser\r\n\r\n`;

function pc(withZalo: boolean): FixtureHost {
  return new FixtureHost({
    platform: 'win32',
    homedir: 'C:\\Users\\Nguyễn',
    env: ENV,
    files: windowsFiles({}),
    commands: windowsCommands(withZalo ? [regS(HKCU, hkcuKeys)] : []),
  });
}

async function check(withZalo: boolean): Promise<readonly Finding[]> {
  return onlineAppCheck({ linux: [], darwin: [], win32: windowsProbes }).run({ host: pc(withZalo), policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
}

describe('Zalo PC on Windows, as an online app of points 3 and 4', () => {
  it('is a notice naming its product and version, at points 3 and 4, with the rules and no removal', async () => {
    const found = await check(true);
    const zalo = found.filter((f) => f.status === 'notice');
    expect(zalo).toHaveLength(1);
    expect(zalo[0]).toMatchObject({ check: 'online-app', app: 'zalo', severity: 'info', advisoryPoint: 3, alsoPoints: [4] });
    expect(zalo[0]!.title).toEqual({ key: 'onlineApp:installed.title', params: { app: 'Zalo', product: 'Zalo 26.9.10' } });
    expect(zalo[0]!.action).toEqual({ key: 'onlineApp:action', params: { app: 'Zalo' } });
    expect(zalo[0]!.detail).toEqual({ key: 'onlineApp:detail', params: { app: 'Zalo', number: '1981/UBND-VHTT' } });
    expect(zalo[0]!.evidence.some((e) => e.kind === 'registry' && e.path?.endsWith(ZALO_KEY))).toBe(true);
    expect(zalo[0]!.remediation).toBeUndefined();
    expect(found.some((f) => f.status === 'violation' || f.status === 'warning')).toBe(false);
  });

  it('without it: no notice, one ok for the list', async () => {
    const found = await check(false);
    expect(found.filter((f) => f.status === 'notice')).toEqual([]);
    expect(found.filter((f) => f.status === 'ok')).toHaveLength(1);
  });

  it('changes neither the exit code nor the tray colour', async () => {
    const notices = (await check(true)).filter((f) => f.status === 'notice');
    expect(exitCodeFor([zoomOk, ...notices])).toBe(exitCodeFor([zoomOk]));
    expect(exitCodeFor(notices)).toBe(0);
    expect(trayStateFor(reportWith([zoomOk, ...notices]), false)).toBe('green');
    expect(trayStateFor(reportWith([zoomOk]), false)).toBe('green');
  });

  it('is notified once, never repeated while it stays, and its notification speaks of using it, not of a fault', async () => {
    const notices = (await check(true)).filter((f) => f.status === 'notice');
    const first = decide(notices, EMPTY_NOTIFY_STATE, 0, true);
    expect(first.show.map((s) => s.reason)).toEqual(['new']);
    const content = notificationContent(first, '1981/UBND-VHTT');
    expect(content?.title.key).toBe('ui:notify.notice');
    expect(content?.body.key).toBe('ui:notify.noticeClick');
    let state = first.state;
    for (const t of [3_600_000, 4 * 3_600_000, 30 * 86_400_000]) {
      const d = decide(notices, state, t, true);
      expect(d.show).toEqual([]);
      state = d.state;
    }
  });
});
