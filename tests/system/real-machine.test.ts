/**
 * Issue 14's "done when", on a real-shaped Debian machine: the BUILT app runs (Node + the Electron
 * shim) inside a mount and process namespace (tests/helpers/real-layout.ts) with the host's real
 * dpkg database, Zoom installed there from its .deb with `dpkg -i` (a real /opt/zoom), Zoom running
 * as the desktop user, and its meeting links handed to it in ~/.config/mimeapps.list. The app runs
 * as that user, with no recorded machine: its real Host looks. The namespace keeps the host's
 * network only so the shim inside reaches Debian's Chromium over loopback (the test drives the same
 * Chromium). Steps: a grey tray, the first check turns it red with exactly one Vietnamese
 * notification, its click opens the window at the finding, the window's removal (plan, confirm,
 * progress, result proven by the re-check) turns the tray green with no new notification, history
 * has every check and the audit log every step. Faked: the administrator password prompt (pkexec is
 * sudo with a NOPASSWD rule for the person, as in tests/real-layout/fix-debian.test.ts).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_FILE, type AuditEntry } from '../../src/core/remediation/audit-log';
import { mainTranslator } from '../../src/main/i18n';
import { trayIconFile } from '../../src/main/tray-icon';
import type { TrayState } from '../../src/main/tray-state';
import type { Report } from '../../src/shared/report';
import { layoutTitle, onHost, RealLayout, realLayoutUnavailable, USER, type LayoutRun } from '../helpers/real-layout';
import { buildZoomDeb } from '../helpers/zoom-packages';
import { AppProcess, appPage, buildApp, connectTest, ROOT, SHIM_EXEC_ARGV, shimEnv, shotBoth, TestChromium, whyNot } from './app-under-test';

const why = whyNot() ?? realLayoutUnavailable() ?? (onHost('/usr/bin/sudo') ? null : 'sudo is missing (the stand-in for pkexec; .ci/run installs it)') ?? (onHost('/usr/bin/setfattr') ? null : 'setfattr is missing (attr; .ci/run installs it)');
const shots = process.env.ATTT_SHIM_SCREENSHOTS ? join(ROOT, process.env.ATTT_SHIM_SCREENSHOTS) : join(ROOT, 'test-results', 'system');
const vi = mainTranslator('vi');
const en = mainTranslator('en');
const HOME = USER.home;
const DATA = `${HOME}/.config/attt-selfcheck`;
const MIMEAPPS = `${HOME}/.config/mimeapps.list`;
const PERSON = `${USER.uid}:${USER.gid}`;

const icon = (state: TrayState): string => trayIconFile(join(ROOT, 'assets'), state, 'linux').path;

describe.skipIf(why !== null)(layoutTitle('the built app on a real-shaped Debian PC with Zoom installed and running: red, one notification, removal from the window, green', why), { timeout: 240_000 }, () => {
  let outDir = '';
  let m: RealLayout;
  let chrome: TestChromium;
  let browser: Browser;
  let app: AppProcess;
  let page: Page;
  /** The findings the removal planned (every Zoom finding of the red check). */
  let planned: string[] = [];
  const profile = mkdtempSync(join(tmpdir(), 'attt-system-real-chromium-'));
  /** A file of the person's data folder, read from the host side. */
  const data = (name: string): string => readFileSync(m.hostPath(`${DATA}/${name}`), 'utf8');
  const lastReport = (): Report => JSON.parse(data('last-report.json')) as Report;
  const zoomNotices = (): { index: number; title: string }[] => app.all('notification:show').filter((e) => e.title !== vi.t('ui:notify.loginOnTitle'));
  const shot = async (name: string): Promise<void> => {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  /** The tooltip once the check in progress (if any) has ended, from event index `from`. */
  const settledTip = (from: number) => app.waitFor('tray:tooltip', (e) => !e.text.includes(vi.t('ui:tray.checking')) && !e.text.includes(en.t('ui:tray.checking')), from);

  beforeAll(async () => {
    const built = buildApp();
    if (built.error) throw new Error(built.error);
    outDir = built.outDir;
    // The person reads the build (mkdtemp made its folder private to root).
    chmodSync(join(outDir, '..'), 0o755);
    m = new RealLayout({ hostPackages: true });
    await m.must(['dpkg', '-i', buildZoomDeb(m.workDir)]);
    m.symlink('/usr/bin/sudo', '/usr/bin/pkexec');
    m.write('/etc/sudoers.d/clerk', `${USER.name} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    m.write(MIMEAPPS, '[Default Applications]\ntext/html=firefox-esr.desktop\nx-scheme-handler/zoommtg=Zoom.desktop\n', { owner: USER });
    // A patched PC: its package lists hold nothing newer than what is installed (the host's own lists may).
    m.opaque('/var/lib/apt/lists');
    chrome = await TestChromium.start(profile);
    browser = await connectTest(chrome.endpoint);
    const env = {
      ...shimEnv(),
      HOME,
      USER: USER.name,
      ATTT_SHIM_CDP: chrome.endpoint,
      ATTT_SHIM_TEMP: '/tmp/attt-shim',
      TZ: 'Asia/Ho_Chi_Minh',
    };
    const proc = await m.start(
      { argv: [process.execPath, ...SHIM_EXEC_ARGV, join(outDir, 'main', 'index.js')], user: PERSON, env, cwd: ROOT },
      [{ argv: ['/usr/bin/zoom'], user: PERSON, ready: 'zoom' }],
      // The build, and the repo (tsx, the shim, node_modules, assets/, the app's cwd): a clone under /tmp, as CI's
      // may be, is hidden inside otherwise, where the layout has its own /tmp.
      { hostPaths: [join(outDir, '..'), ROOT], hostNetwork: true },
    );
    app = new AppProcess(proc, env);
    // An app that cannot start fails here at once, with the namespace's stderr, rather than in every step.
    await app.waitFor('app:ready', () => true, 0, 60_000);
  }, 300_000);

  afterAll(async () => {
    app?.kill();
    await app?.exited;
    await browser?.close().catch(() => undefined);
    await chrome?.stop();
    // Chromium's helpers may still be writing its profile for a moment after it ended.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    m?.dispose();
    if (outDir) rmSync(join(outDir, '..'), { recursive: true, force: true });
  });

  it('first start: a grey tray, then the first check of the real machine turns it red', async () => {
    await app.waitFor('app:ready');
    expect((await app.waitFor('tray:image')).path).toBe(icon('grey'));
    const red = await app.waitFor('tray:image', (e) => e.path !== icon('grey') && e.path !== icon('checking'));
    expect(red.path).toBe(icon('red'));
    const tip = await settledTip(app.events.indexOf(red));
    expect(tip.text.split('\n')[0]).toBe(`${vi.t('ui:app.name')} — ${vi.t('ui:tray.state.red')}`);
    // What the real Host found: the package (dpkg's database), the running Zoom (/proc), the link handler (mimeapps.list).
    const zoom = lastReport().findings.filter((f) => f.check === 'banned-app');
    expect(zoom.map((f) => f.title.key).sort()).toEqual(['bannedApp:form.url-handler', 'bannedApp:installed.title', 'bannedApp:running.title']);
    expect(zoom.find((f) => f.title.key === 'bannedApp:installed.title')?.evidence.some((e) => e.path === '/opt/zoom')).toBe(true);
    // Nothing else is wrong on this PC: Zoom is the only reason for red.
    expect(lastReport().findings.filter((f) => f.check !== 'banned-app' && f.status !== 'ok')).toEqual([]);
  });

  it('exactly one notification, in Vietnamese, naming the Zoom that dpkg lists', async () => {
    const n = await app.waitFor('notification:show', (e) => e.title !== vi.t('ui:notify.loginOnTitle'));
    expect(n.title).toContain('Công văn số 1981/UBND-VHTT');
    expect(n.title).toContain('Zoom');
    expect(`${n.title} ${n.body}`).not.toMatch(/\b(the|is|Official letter)\b/);
    expect(zoomNotices()).toHaveLength(1);
  });

  it('clicking it opens the window at that finding', async () => {
    await app.command({ cmd: 'notification:click', index: zoomNotices()[0]!.index });
    await app.waitFor('window:show');
    page = await appPage(browser, outDir);
    await app.waitFor('ipc:send', (e) => e.channel === 'nav:open' && e.delivered);
    const focused = page.locator('article.focused');
    await focused.waitFor();
    const id = await focused.getAttribute('data-finding-id');
    expect(lastReport().findings.find((f) => f.id === id)?.status).toBe('violation');
    expect(await page.evaluate("document.activeElement?.getAttribute('data-finding-id')")).toBe(id);
    for (const i of app.all('ipc:invoke')) expect(i.senderUrl).toBe(pathToFileURL(join(outDir, 'renderer', 'index.html')).href);
    await shotBoth(app, page, shots, 'system-real-pc-finding', 'vi');
  });

  it('the removal from the window: the plan of every Zoom item, one confirmation, progress, each proven removed by the re-check', async () => {
    // Two items have a removal of their own (the package and the link handler): the removal page offers «Gỡ bỏ toàn bộ».
    const zoom = lastReport().findings.filter((f) => f.check === 'banned-app' && f.status !== 'ok');
    expect(zoom.filter((f) => f.remediation).map((f) => f.title.key).sort()).toEqual(['bannedApp:form.url-handler', 'bannedApp:installed.title']);
    // It plans every finding of Zoom from one fresh check, each an item it acts on: the running Zoom (closed once, first), the package, the handler;
    // its button says as many («Gỡ bỏ toàn bộ (3 mục)»), not the two with a removal of their own.
    const count = zoom.length;
    await page.getByRole('button', { name: vi.t('ui:nav.fix') }).click();
    await page.getByRole('button', { name: vi.t('ui:fix.all.open', { count }) }).click();
    const flow = page.locator('[data-flow="all"]');
    await flow.locator('li[data-state="planned"]').nth(count - 1).waitFor();
    expect(await flow.locator('li[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')).sort())).toEqual(zoom.map((f) => f.id).sort());
    expect(await flow.locator('li[data-state="planned"]').count()).toBe(count);
    // Each row is named by its finding in words (with its status), the running Zoom too.
    for (const f of zoom) expect(await flow.locator(`li[data-item="${f.id}"] .badge`).count(), f.title.key).toBe(1);
    const running = zoom.find((f) => f.title.key === 'bannedApp:running.title')!;
    expect(await flow.locator(`li[data-item="${running.id}"]`).textContent()).toContain(vi.t(running.title.key, running.title.params));
    planned = zoom.map((f) => f.id).sort();
    // Closing Zoom and purging its package needs administrator rights: the window says so before anything is done.
    await page.getByRole('note').filter({ hasText: vi.t('ui:fix.elevatedNote').slice(0, 40) }).waitFor();
    await shotBoth(app, page, shots, 'system-real-pc-removal-plan', 'vi');
    const from = app.events.length;
    // Closing the running Zoom is said apart from the removals on the button too.
    await page.getByRole('button', { name: vi.t('ui:fix.all.confirmCloseAnd', { app: 'Zoom', count: count - 1 }) }).click();
    // Progress: the window shows it is removing, and the tray says so.
    await app.waitFor('tray:image', (e) => e.path === icon('fixing'), from);
    await flow.locator('li[data-state="removed"]').nth(count - 1).waitFor({ timeout: 180_000 });
    expect(await flow.locator('li[data-state="left"]').count()).toBe(0);
    // Closing is not removing: the running Zoom's row says it was closed, every other row that it was removed.
    for (const f of zoom) expect(await flow.locator(`li[data-item="${f.id}"] strong`).textContent(), f.title.key).toBe(vi.t(f.id === running.id ? 'ui:fix.closed' : 'ui:fix.resolved'));
  });

  it('the tray turns green with no new notification; the machine has no Zoom left', async () => {
    const green = await app.waitFor('tray:image', (e) => e.path === icon('green'));
    const tip = await settledTip(app.events.indexOf(green));
    expect(tip.text.split('\n')[0]).toBe(`${vi.t('ui:app.name')} — ${vi.t('ui:tray.state.green')}`);
    expect(lastReport().findings.filter((f) => f.status !== 'ok')).toEqual([]);
    expect(zoomNotices()).toHaveLength(1);
    // The removal's result in both languages, once the tray's colour and words are asserted (a switch rebuilds them).
    await shotBoth(app, page, shots, 'system-real-pc-removal-result', 'vi');
  });

  it('history has the red check and the re-check after the removal, with what changed; the audit log has every step the removal took', async () => {
    await page.getByRole('button', { name: vi.t('ui:nav.history') }).click();
    const rows = page.locator('table.history tbody tr');
    await rows.nth(1).waitFor();
    // Newest first: the one re-check after the app's removal is clean; the first check found everything.
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('0 vi phạm, 0 cảnh báo');
    expect(texts[1]).toContain('2 vi phạm, 1 cảnh báo');
    expect(texts[1]).toContain(vi.t('common:change.first'));
    // What changed, in words: the package, the running Zoom and the handler no longer found, each with what it was.
    const gone = await rows.nth(0).locator('li.change').evaluateAll((els) => els.map((e) => `${e.className}: ${e.textContent}`));
    const line = (key: string, before: 'violation' | 'warning') => `change change-resolved: ${vi.t('common:change.resolved')}: ${vi.t(key, { app: 'Zoom', product: 'Zoom' })} — ${vi.t('common:change.was', { before: vi.t(`common:status.${before}`) })}`;
    expect(gone).toHaveLength(3);
    for (const l of gone) expect(l).toMatch(/^change change-resolved: /);
    expect(gone).toContain(line('bannedApp:running.title', 'violation'));
    expect(gone).toContain(line('bannedApp:form.url-handler', 'warning'));
    expect(gone.join('\n')).toMatch(/zoom 6\.4\.6\.1370/);
    await shot('system-real-pc-history-vi');
    const audit = data(AUDIT_LOG_FILE).trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
    const steps = audit.filter((e) => e.type === 'step');
    expect(steps.find((e) => e.argv?.includes('purge'))).toMatchObject({ outcome: 'ok', argv: ['/usr/bin/pkexec', '/usr/bin/apt-get', 'purge', '-y', 'zoom'] });
    expect(steps.some((e) => e.step?.kind === 'close-app' && e.outcome === 'ok')).toBe(true);
    expect(steps.some((e) => e.path === MIMEAPPS && e.outcome === 'ok')).toBe(true);
    // One verdict per planned item, each proven by the re-check.
    const verdicts = audit.filter((e) => e.type === 'verdict');
    expect(verdicts.map((v) => v.findingId).sort()).toEqual(planned);
    for (const v of verdicts) expect(v.outcome, JSON.stringify(v.plan)).toBe('removed');
  });

  it('in English too (the tray switches the language, the window follows)', async () => {
    const from = app.events.length;
    await app.command({ cmd: 'menu:click', label: vi.t('ui:language.en') });
    await app.waitFor('ipc:send', (e) => e.channel === 'settings:updated' && e.delivered, from);
    await page.getByRole('button', { name: en.t('ui:nav.history') }).click();
    await page.getByRole('heading', { name: en.t('ui:history.title') }).waitFor();
    await shot('system-real-pc-history-en');
    await page.getByRole('button', { name: en.t('ui:nav.findings') }).click();
    await page.locator('article').first().waitFor();
    await shotBoth(app, page, shots, 'system-real-pc-green', 'en');
  });

  it('quit: the app ends with 0; Zoom is gone from dpkg, from /opt and from the processes; the shim was asked for nothing it lacks', async () => {
    await app.command({ cmd: 'menu:click', label: en.t('ui:tray.quit') });
    expect(await app.exited).toBe(0);
    const run = JSON.parse(readFileSync(join(m.dir, 'results.json'), 'utf8')) as LayoutRun;
    expect(run.background[0]!.running).toBe(false);
    expect(await m.dpkgStatus('zoom')).toBe('');
    expect(await m.existing(['/opt/zoom', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'])).toEqual([]);
    expect(await m.read(MIMEAPPS)).toContain('text/html=firefox-esr.desktop');
    expect(await m.read(MIMEAPPS)).not.toContain('zoommtg');
    expect(app.all('shim:missing')).toEqual([]);
    expect(app.all('shim:error')).toEqual([]);
  });
});
