/**
 * The app's time, injected (electron-shim/clock.ts: @sinonjs/fake-timers in the app process before its
 * bundle loads): coming back from sleep and unlocking the screen run a check; "remind me later" on a
 * finding holds its reminders across a restart of the app and ends on time, by the app's own timer.
 * The BUILT app on the shim, on a recorded Debian PC with Zoom's .deb installed (not running).
 * Sleeping is the date moving on while timers stand still (`clock:jump`, as Node's monotonic timers on
 * a suspended PC) and then `resume`; time passing is `clock:tick` (every timer due meanwhile fires).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainTranslator } from '../../src/main/i18n';
import { BACKOFF_MS, SNOOZE_MS, type NotifyState } from '../../src/main/notifications';
import { RESUME_MIN_GAP_MS } from '../../src/main/scheduler';
import { trayIconFile } from '../../src/main/tray-icon';
import type { TrayState } from '../../src/main/tray-state';
import { AppProcess, appPage, buildApp, connectTest, ROOT, TestChromium, whyNot } from './app-under-test';
import { officePc, writeMachine } from './machines';

const skip = whyNot();
const work = mkdtempSync(join(tmpdir(), 'attt-system-clock-'));
const vi = mainTranslator('vi');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 09:00 on a working day in Cẩm Phả. */
const T0 = Date.parse('2026-12-02T09:00:00+07:00');
const icon = (state: TrayState): string => trayIconFile(join(ROOT, 'assets'), state, 'linux').path;

/** How many checks the tray showed: the times its icon turned to «checking». */
function checksShown(app: AppProcess): number {
  const paths = app.all('tray:image').map((e) => e.path);
  return paths.filter((p, i) => p === icon('checking') && paths[i - 1] !== p).length;
}

/** Notifications about findings (not the first start's login notice). */
const findingNotices = (app: AppProcess) => app.all('notification:show').filter((e) => e.title !== vi.t('ui:notify.loginOnTitle'));

/** Waits until a check that started after event `from` has ended (its tooltip no longer says «checking»). */
async function checkEnded(app: AppProcess, from: number): Promise<void> {
  const started = await app.waitFor('tray:image', (e) => e.path === icon('checking'), from);
  await app.waitFor('tray:tooltip', (e) => !e.text.includes(vi.t('ui:tray.checking')), app.events.indexOf(started));
}

describe.skipIf(skip !== null)(`the app's injected clock: wake-up checks, a snooze across a restart${skip ? ` — SKIPPED: ${skip}` : ''}`, { timeout: 180_000 }, () => {
  let outDir = '';
  let chrome: TestChromium;
  let browser: Browser;
  const apps: AppProcess[] = [];
  const home = join(work, 'home');
  const dataDir = join(home, '.config', 'attt-selfcheck');
  let env: NodeJS.ProcessEnv;
  let app: AppProcess;
  let findingId = '';
  let until = 0;
  const start = (at: number): AppProcess => {
    const a = AppProcess.fork(outDir, { ...env, ATTT_SHIM_CLOCK: String(at) });
    apps.push(a);
    return a;
  };
  const notifyState = (): NotifyState => JSON.parse(readFileSync(join(dataDir, 'notify-state.json'), 'utf8')) as NotifyState;

  beforeAll(async () => {
    const built = buildApp();
    if (built.error) throw new Error(built.error);
    outDir = built.outDir;
    mkdirSync(home, { recursive: true });
    chrome = await TestChromium.start(join(work, 'chromium-profile'));
    browser = await connectTest(chrome.endpoint);
    env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      ATTT_SELFCHECK_FIXTURE: writeMachine(work, 'machine', officePc(true, home, dataDir)),
      ATTT_SELFCHECK_DATA_DIR: dataDir,
      ATTT_SHIM_CDP: chrome.endpoint,
      ATTT_SHIM_TEMP: join(work, 'tmp'),
      TZ: 'Asia/Ho_Chi_Minh',
      LANG: 'C.UTF-8',
    };
  }, 240_000);

  afterAll(async () => {
    for (const a of apps) a.kill();
    await Promise.all(apps.map((a) => a.exited));
    await browser?.close().catch(() => undefined);
    await chrome?.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    if (outDir) rmSync(join(outDir, '..'), { recursive: true, force: true });
  });

  it('the first check runs at start, on the injected clock: red, one notification, its time the clock\'s', async () => {
    app = start(T0);
    await checkEnded(app, 0);
    expect(app.last('tray:image')?.path).toBe(icon('red'));
    await app.waitFor('notification:show', (e) => e.title !== vi.t('ui:notify.loginOnTitle'));
    expect(findingNotices(app)).toHaveLength(1);
    const records = Object.entries(notifyState().records);
    expect(records).toHaveLength(1);
    findingId = records[0]![0];
    // The app's now is the test's: the record was made at T0 (plus the real seconds the start took), not today.
    expect(records[0]![1].firstAt - T0).toBeGreaterThanOrEqual(0);
    expect(records[0]![1].firstAt - T0).toBeLessThan(HOUR);
  });

  it('back from sleep: resume then unlock-screen run one check', async () => {
    const before = checksShown(app);
    const from = app.events.length;
    await app.command({ cmd: 'clock:jump', ms: RESUME_MIN_GAP_MS + MINUTE });
    await app.command({ cmd: 'power', event: 'resume' });
    await app.command({ cmd: 'power', event: 'unlock-screen' });
    await checkEnded(app, from);
    expect(checksShown(app)).toBe(before + 1);
    // Minutes later, not the back-off's hour: no reminder.
    expect(findingNotices(app)).toHaveLength(1);
  });

  it('unlocking the screen after a while runs a check', async () => {
    const before = checksShown(app);
    const from = app.events.length;
    await app.command({ cmd: 'power', event: 'lock-screen' });
    await app.command({ cmd: 'clock:jump', ms: RESUME_MIN_GAP_MS + MINUTE });
    await app.command({ cmd: 'power', event: 'unlock-screen' });
    await checkEnded(app, from);
    expect(checksShown(app)).toBe(before + 1);
  });

  it('«remind me later» on the finding, from the window the notification opens', async () => {
    await app.command({ cmd: 'notification:click', index: findingNotices(app)[0]!.index });
    const page = await appPage(browser, outDir);
    const card = page.locator(`article.focused[data-finding-id="${findingId}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: vi.t('ui:finding.snooze') }).click();
    await card.getByRole('status').waitFor();
    until = notifyState().records[findingId]!.snoozedUntil!;
    // A day from the app's now (T0 and the minutes jumped), not from today's real date.
    expect(until - T0).toBeGreaterThanOrEqual(SNOOZE_MS);
    expect(until - T0).toBeLessThan(SNOOZE_MS + HOUR);
    await app.command({ cmd: 'menu:click', label: vi.t('ui:tray.quit') });
    expect(await app.exited).toBe(0);
  });

  it('started again two hours later: the check at start shows no reminder (the back-off\'s would be due)', async () => {
    // Without the snooze the first repeat is due an hour after the notification.
    expect(2 * HOUR).toBeGreaterThan(BACKOFF_MS[0]!);
    app = start(T0 + 2 * HOUR);
    await checkEnded(app, 0);
    expect(app.last('tray:image')?.path).toBe(icon('red'));
    expect(findingNotices(app)).toEqual([]);
  });

  it('back from a sleep ending ten minutes before the snooze ends: still no reminder', async () => {
    const from = app.events.length;
    await app.command({ cmd: 'clock:jump', ms: until - 10 * MINUTE - (T0 + 2 * HOUR) });
    await app.command({ cmd: 'power', event: 'resume' });
    await checkEnded(app, from);
    expect(findingNotices(app)).toEqual([]);
    expect(notifyState().records[findingId]?.snoozedUntil).toBe(until);
  });

  it('twenty minutes later the snooze has ended: its timer shows the reminder, with no check needed', async () => {
    const checks = checksShown(app);
    const from = app.events.length;
    await app.command({ cmd: 'clock:tick', ms: 20 * MINUTE });
    const n = await app.waitFor('notification:show', (e) => e.title !== vi.t('ui:notify.loginOnTitle'), from);
    expect(n.title).toContain('Công văn số 1981/UBND-VHTT');
    expect(findingNotices(app)).toHaveLength(1);
    expect(checksShown(app)).toBe(checks);
    expect(notifyState().records[findingId]?.snoozedUntil).toBeUndefined();
    await app.command({ cmd: 'app:quit' });
    expect(await app.exited).toBe(0);
    expect(app.all('shim:missing')).toEqual([]);
    expect(app.all('shim:error')).toEqual([]);
  });
});
