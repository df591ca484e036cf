/**
 * The running app wired as src/main/start-app.ts wires it, on the Electron fakes: the check runs in a utility
 * process of the worker entry while the tray shows "checking" and its menu is there; a crashed check process
 * becomes an unknown result; the first start's login notice is shown once; resume and unlock are listened to.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
const killed = vi.hoisted(() => [] as number[]);
// The fake check processes have no real pid: the tree kill is recorded, never sent to a process.
vi.mock('../../src/core/check-process/kill-tree', () => ({ killTree: (pid: number) => void killed.push(pid) }));
import { app, fake, powerMonitor, type UtilityProcess } from '../helpers/fake-electron';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { startApp, type RunningApp } from '../../src/main/start-app';
import type { CheckRequest } from '../../src/core/check-process/protocol';
import { reportWith, zoomInstalled } from '../shared/sample-report';
import { ecsLines } from '../../src/core/export/ecs';
import { mainTranslator } from '../../src/main/i18n';

type Item = { id?: string; label?: string; enabled?: boolean };
let dir: string;
const saved = process.env.XDG_CONFIG_HOME;
let running: RunningApp[] = [];
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'attt-start-'));
  process.env.XDG_CONFIG_HOME = join(dir, 'config'); // the Linux autostart entry goes here
  fake.home = join(dir, 'home');
});
afterEach(() => {
  app.emit('before-quit');
  running = [];
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved;
  rmSync(dir, { recursive: true, force: true });
});

const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01', osRelease: '6.1.0' });
const start = (): RunningApp => {
  const r = startApp(join(dir, 'data'), host);
  running.push(r);
  return r;
};
/** Waits until the app has started its n-th check process. */
async function utility(n = 1): Promise<UtilityProcess> {
  await vi.waitFor(() => expect(fake.utilities.length).toBeGreaterThanOrEqual(n), { timeout: 5_000, interval: 10 });
  return fake.utilities[n - 1]!;
}
const tray = () => fake.trays.at(-1)!;
const menu = () => tray().menu!.template as Item[];

describe.skipIf(process.platform === 'win32' || process.platform === 'darwin')('the app as started (Linux icons)', () => {
  it('checks in a utility process of the worker entry; meanwhile the tray says "checking" and its menu is there; then the result', async () => {
    start();
    const p = await utility();
    expect(p.modulePath).toMatch(/[\\/]check-worker\.js$/);
    expect(p.sent).toEqual([expect.objectContaining({ type: 'run', checks: ['banned-app', 'os-patch', 'browser-patch', 'online-app', 'installer-origin'] } satisfies Partial<CheckRequest>)]);
    expect(tray().image.path).toBe('/app/assets/tray/checking-22.png');
    expect(menu()[0]).toMatchObject({ label: 'Kiểm tra ngay', enabled: false });
    expect(menu()[1]).toMatchObject({ label: 'Đang kiểm tra…' });
    p.reply({ type: 'report', report: reportWith([zoomInstalled]) });
    await vi.waitFor(() => expect(tray().image.path).toBe('/app/assets/tray/red-22.png'), { timeout: 2_000, interval: 10 });
    expect(menu()[0]).toMatchObject({ enabled: true });
    expect(fake.notifications.map((n) => n.options.title)).toContain('Zoom 5.13.7 (12602): vi phạm điểm 1 Công văn số 1981/UBND-VHTT');
  });

  it('a check process that crashes leaves the tray grey ("could not check") with the reason, never stuck on "checking"', async () => {
    const r = start();
    const p = await utility();
    p.exit(134);
    await vi.waitFor(() => expect(tray().image.path).toBe('/app/assets/tray/grey-22.png'), { timeout: 2_000, interval: 10 });
    const report = r.controller.latestReport()!;
    expect(report.findings.map((f) => [f.check, f.status, f.reason?.key])).toEqual([
      ['banned-app', 'unknown', 'common:reason.checkProcessEnded'],
      ['os-patch', 'unknown', 'common:reason.checkProcessEnded'],
      ['browser-patch', 'unknown', 'common:reason.checkProcessEnded'],
      ['online-app', 'unknown', 'common:reason.checkProcessEnded'],
      ['installer-origin', 'unknown', 'common:reason.checkProcessEnded'],
    ]);
    expect(menu()[0]).toMatchObject({ enabled: true });
  });

  it('the first start says once that it starts at login (a click opens Settings); a restart does not say it again', async () => {
    start();
    expect(fake.notifications[0]!.options.title).toBe('Trợ lý tự kiểm tra ATTT sẽ khởi động cùng máy tính');
    fake.notifications[0]!.emit('click');
    expect(fake.windows[0]!.webContents.sent).toEqual([{ channel: 'nav:open', payload: { page: 'settings', focus: 'start-at-login' } }]);
    (await utility()).exit(1);
    app.emit('before-quit');
    const before = fake.notifications.length;
    start();
    expect(fake.notifications.slice(before).map((n) => n.options.title)).not.toContain('Trợ lý tự kiểm tra ATTT sẽ khởi động cùng máy tính');
  });

  it('quitting while a check runs ends its check process', async () => {
    start();
    const p = await utility();
    const pid = p.pid;
    killed.length = 0;
    app.emit('before-quit');
    expect(killed).toEqual([pid]);
    expect(p.killed).toBe(true);
  });

  it("after each check appends the same ECS lines check --ecs prints to <data>/logs/findings.ecs.ndjson", async () => {
    start();
    const report = reportWith([zoomInstalled]);
    (await utility()).reply({ type: 'report', report });
    const log = join(dir, 'data', 'logs', 'findings.ecs.ndjson');
    await vi.waitFor(() => expect(existsSync(log)).toBe(true), { timeout: 2_000, interval: 10 });
    await vi.waitFor(() => expect(readFileSync(log, 'utf8')).toBe(ecsLines(report, mainTranslator('vi')).map((l) => `${l}\n`).join('')), { timeout: 2_000, interval: 10 });
    expect(tray().tooltip).not.toMatch(/nhật ký/);
  });

  it('a log that cannot be written (a folder at its name) does not stop the check; the tooltip and the window say why in words', async () => {
    mkdirSync(join(dir, 'data', 'logs', 'findings.ecs.ndjson'), { recursive: true });
    const r = start();
    (await utility()).reply({ type: 'report', report: reportWith([zoomInstalled]) });
    await vi.waitFor(() => expect(tray().image.path).toBe('/app/assets/tray/red-22.png'), { timeout: 2_000, interval: 10 });
    await vi.waitFor(() => expect(tray().tooltip).toMatch(/\nChưa ghi được nhật ký: tại đó là thư mục$/), { timeout: 2_000, interval: 10 });
    expect(r.controller.problemMessages()).toEqual([{ key: 'ui:problem.ecsLog.is-a-directory', params: { file: join(dir, 'data', 'logs', 'findings.ecs.ndjson') } }]);
    expect(r.controller.latestReport()!.findings.map((f) => f.id)).toEqual([zoomInstalled.id]);
  });

  it('listens for resume and for unlock-screen', () => {
    start();
    expect(powerMonitor.listenerCount('resume')).toBe(1);
    expect(powerMonitor.listenerCount('unlock-screen')).toBe(1);
  });
});
