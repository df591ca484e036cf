// The window's app-level removal on a real-shaped Linux install (a zoom .deb in a private dpkg database with
// /opt/zoom and its menu entry, the person's own entry and autostart entry): fix:plan-app plans every item from
// ONE check, fix:run-app ends with ONE re-check and a result per item. (Closing once is proven on plans in
// tests/core/remediation/app-fix.test.ts: a real running Zoom was not seen reliably here under load.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { dpkgAdmindirRewrite } from '../../src/core/host/host-from-env';
import { ConfinedMutableHost, RealMutableHost } from '../../src/core/host/mutable-host';
import { SandboxHost } from '../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { coreAppFixService } from '../../src/main/core-app-fix-service';
import type { FixProgress } from '../../src/shared/fix';
import { dpkgAvailable, DpkgSandbox } from '../helpers/dpkg-sandbox';

const FORMS = join(__dirname, '..', 'fixtures', 'linux', 'zoom-forms');
const now = new Date('2026-11-25T08:00:00Z');
/** The machine: Zoom's package and its entries; `checks()` counts the banned-app check's runs (its dpkg-query listing). */
function machine() {
  const dpkg = new DpkgSandbox('attt-appfix-');
  const root = dpkg.instdir;
  const entry = readFileSync(join(FORMS, 'Zoom.desktop'), 'utf8');
  dpkg.install({ name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } });
  dpkg.install({ name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n', 'opt/zoom/zoom': 'x', 'usr/bin/zoom': '#!/bin/sh\nexec /opt/zoom/ZoomLauncher "$@"\n', 'usr/share/applications/Zoom.desktop': entry } });
  const home = join(dpkg.root, 'home', 'hà');
  const apps = join(home, '.local', 'share', 'applications');
  mkdirSync(apps, { recursive: true });
  mkdirSync(join(home, '.config', 'autostart'), { recursive: true });
  writeFileSync(join(apps, 'Zoom.desktop'), entry);
  writeFileSync(join(home, '.config', 'autostart', 'zoom.desktop'), '[Desktop Entry]\nType=Application\nExec=/opt/zoom/ZoomLauncher --silent\n');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_DATA_DIRS: join(root, 'usr', 'share'), XDG_CONFIG_DIRS: join(root, 'etc', 'xdg'), ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_PASSWD_FILE: join(dpkg.root, 'no-passwd') };
  let listings = 0;
  const rewrite = dpkgAdmindirRewrite(dpkg.admindir);
  const host = new SandboxHost({
    homedir: home,
    env,
    rewrite: (argv) => {
      if (argv[0] === 'dpkg-query' && argv[1] === '-W') listings++;
      return rewrite(argv);
    },
  });
  const mutable = new ConfinedMutableHost(new RealMutableHost(host, () => now), [dpkg.root]);
  const service = coreAppFixService({ host, policy: builtinPolicy, dataDir: join(dpkg.root, 'data'), now: () => now, mutable, execute: { privileged: false, close: { graceMs: 5_000, pollMs: 50 } } });
  return { dpkg, root, home, apps, service, checks: () => listings };
}

describe.runIf(process.platform === 'linux' && dpkgAvailable())('the window removes all of Zoom as one operation (private dpkg database, real files, a real process)', { timeout: 120_000 }, () => {
  it('one check plans every item, one re-check proves a result per item, with progress per item and per step', async () => {
    const m = machine();
    const plan = await m.service.planApp('zoom');
    expect(m.checks()).toBe(1);
    expect(plan).toMatchObject({ appId: 'zoom', app: 'Zoom', running: false });
    expect(plan.items.length).toBeGreaterThan(1);
    const progress: FixProgress[] = [];
    const outcome = await m.service.runApp('zoom', plan.planId, (p) => progress.push(p));
    expect(m.checks()).toBe(2); // the plan's check and ONE re-check, whatever the number of items
    expect(m.dpkg.status('zoom')).toBe('');
    expect(m.dpkg.status('attt-base')).toBe('install ok installed');
    expect(existsSync(join(m.root, 'opt', 'zoom'))).toBe(false);
    expect(existsSync(join(m.apps, 'Zoom.desktop'))).toBe(false);
    expect(existsSync(join(m.home, '.config', 'autostart', 'zoom.desktop'))).toBe(false);
    expect(outcome.items.map((i) => i.findingId)).toEqual(plan.items.map((i) => i.findingId));
    // Each item's kind travels from its plan to its result (none of them closes a program here: nothing runs).
    expect(outcome.items.map((i) => i.kind)).toEqual(plan.items.map((i) => i.kind));
    expect(plan.items.map((i) => i.kind)).not.toContain('close');
    expect(outcome.items.map((i) => [i.ok, i.verdicts.every((v) => v.verdict === 'removed')])).toEqual(plan.items.map(() => [true, true]));
    // Progress per item (each starts and ends) and per step, every line naming the app; one re-check at the end.
    expect(progress.every((p) => p.appId === 'zoom')).toBe(true);
    for (const item of plan.items) {
      expect(progress.filter((p) => p.findingId === item.findingId && p.stepId === 'item').map((p) => p.state)).toEqual(['running', 'done']);
      for (const step of item.steps) expect(progress.filter((p) => p.stepId === step.id).map((p) => p.state)).toEqual(['running', 'done']);
    }
    expect(progress.filter((p) => p.stepId === 'recheck').map((p) => p.state)).toEqual(['running', 'done']);
    expect(progress.at(-1)).toMatchObject({ stepId: 'recheck', state: 'done' });
    // The token ran once; «Đóng Zoom» with nothing running says so.
    await expect(m.service.runApp('zoom', plan.planId, () => undefined)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await m.service.closeApp('zoom', () => undefined)).toEqual({ verdict: 'closed', message: { key: 'ui:fix.close.notRunning', params: { app: 'Zoom' } } });
    m.dpkg.dispose();
  });

  it('an app id the policy does not have is refused in words; nothing is checked', async () => {
    const m = machine();
    await expect(m.service.planApp('skype')).rejects.toMatchObject({ code: 'invalid-request', userMessage: { key: 'ui:error.unknownApp', params: { app: 'skype' } } });
    expect(m.checks()).toBe(0);
    m.dpkg.dispose();
  });
});
