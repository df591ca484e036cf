/**
 * The whole app end to end without the Electron binary: the BUILT main bundle under Node with the
 * Electron shim, its window a real page of the built renderer in Debian's Chromium, looking at a
 * recorded Debian PC (ATTT_SELFCHECK_FIXTURE) with Zoom's .deb installed. Each step is what a user
 * (or the OS) does, and what the app shows is asserted: the tray (icon file, tooltip, menu), the
 * notifications, the window's page. Screenshots go to test-results/system/ (ATTT_SHIM_SCREENSHOTS
 * names another folder, e.g. docs/screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi as vitest } from 'vitest';
import { mainTranslator } from '../../src/main/i18n';
import { trayIconFile } from '../../src/main/tray-icon';
import type { TrayState } from '../../src/main/tray-state';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { Report } from '../../src/shared/report';
import { AppProcess, appPage, buildApp, connectTest, inPreloadWorld, ROOT, shotBoth, TestChromium, whyNot } from './app-under-test';
import { DELIVER, INVOKE_BINDING, MISSING_BINDING, RAW_INVOKE, SETTLE } from './electron-shim/page-runtime';
import { officePc, writeMachine } from './machines';

const skip = whyNot();
const shots = process.env.ATTT_SHIM_SCREENSHOTS ? join(ROOT, process.env.ATTT_SHIM_SCREENSHOTS) : join(ROOT, 'test-results', 'system');
const work = mkdtempSync(join(tmpdir(), 'attt-system-run-'));
const vi = mainTranslator('vi');
const en = mainTranslator('en');

let outDir = '';
let buildError: string | null = null;
let chrome: TestChromium;
let browser: Browser;
const apps: AppProcess[] = [];

/** A fresh user: home, XDG config (the autostart entry lands there) and the app's data folder, looking at `machine`. */
function user(name: string, withZoom: boolean): { env: NodeJS.ProcessEnv; home: string; dataDir: string } {
  const home = join(work, name, 'home');
  const dataDir = join(home, '.config', 'attt-selfcheck');
  mkdirSync(home, { recursive: true });
  const machine = writeMachine(join(work, name), 'machine', officePc(withZoom, home, dataDir));
  return {
    home,
    dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      ATTT_SELFCHECK_FIXTURE: machine,
      ATTT_SELFCHECK_DATA_DIR: dataDir,
      ATTT_SHIM_CDP: chrome.endpoint,
      ATTT_SHIM_TEMP: join(work, name, 'tmp'),
      TZ: 'Asia/Ho_Chi_Minh',
      LANG: 'C.UTF-8',
    },
  };
}

function start(env: NodeJS.ProcessEnv, args: readonly string[] = []): AppProcess {
  const a = AppProcess.fork(outDir, env, args);
  apps.push(a);
  return a;
}

/** Whether the element is the focused one (run in the page). */
const IS_FOCUSED = (el: unknown): boolean => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

/** The tray icon file the app should show on Linux for a state. */
const icon = (state: TrayState): string => trayIconFile(join(ROOT, 'assets'), state, 'linux').path;

const lastReport = (dataDir: string): Report => JSON.parse(readFileSync(join(dataDir, 'last-report.json'), 'utf8')) as Report;

describe.skipIf(skip !== null)(`the built app on the Electron shim${skip ? ` — SKIPPED: ${skip}` : ''}`, { timeout: 180_000 }, () => {
  beforeAll(async () => {
    ({ outDir, error: buildError } = buildApp());
    chrome = await TestChromium.start(join(work, 'chromium-profile'));
    browser = await connectTest(chrome.endpoint);
  }, 240_000);

  afterAll(async () => {
    for (const a of apps) a.kill();
    await Promise.all(apps.map((a) => a.exited));
    await browser?.close().catch(() => undefined);
    await chrome?.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    if (outDir) rmSync(join(outDir, '..'), { recursive: true, force: true });
  });

  describe('a PC with Zoom installed', () => {
    let app: AppProcess;
    let u: ReturnType<typeof user>;
    let page: Page;
    const findingNotices = (): { index: number; title: string }[] => app.all('notification:show').filter((e) => e.title !== vi.t('ui:notify.loginOnTitle'));

    it('builds with electron-vite', () => {
      expect(buildError).toBeNull();
    });

    it('first start: no window, a grey tray with its menu, start at login as the settings say, then the first check turns it red', async () => {
      u = user('zoom-pc', true);
      app = start(u.env);
      await app.waitFor('app:ready');
      expect(app.last('app:single-instance')).toEqual({ type: 'app:single-instance', locked: true });
      const first = await app.waitFor('tray:image');
      expect(first.path).toBe(icon('grey'));
      expect(first.empty).toBe(false);
      const menu = await app.waitFor('tray:menu');
      expect(menu.items.map((i) => i.label ?? '-')).toEqual([vi.t('ui:tray.checkNow'), vi.t('ui:tray.neverRan'), '-', vi.t('ui:tray.open'), vi.t('ui:tray.pause'), vi.t('ui:tray.language'), '-', vi.t('ui:tray.quit')]);

      // While the first check runs the icon says so, then the colour of the result.
      const red = await app.waitFor('tray:image', (e) => e.path !== icon('grey') && e.path !== icon('checking'));
      expect(red.path).toBe(icon('red'));
      // (The tray sets its first icon twice: when made, and at its first update.)
      const shown = app.all('tray:image').map((e) => e.path).filter((p, i, all) => p !== all[i - 1]);
      expect(shown).toEqual([icon('grey'), icon('checking'), icon('red')]);
      const at = app.events.indexOf(red);
      const tip = await app.waitFor('tray:tooltip', (e) => !e.text.includes(vi.t('ui:tray.checking')), at);
      expect(tip.text.split('\n')[0]).toBe(`${vi.t('ui:app.name')} — ${vi.t('ui:tray.state.red')}`);
      expect(tip.text).toContain('1 vi phạm');
      expect(app.all('window:create')).toEqual([]);
      // The check ran in a utility process (a real Node child on the shim) that ended after its report.
      const fork = app.all('utility:fork')[0];
      expect(fork?.modulePath).toBe(join(outDir, 'main', 'check-worker.js'));
      await app.waitFor('utility:exit', (e) => e.pid === fork!.pid);
      // Linux: the XDG autostart entry, written only when the setting is on.
      expect(existsSync(join(u.home, '.config', 'autostart', 'attt-selfcheck.desktop'))).toBe(DEFAULT_SETTINGS.startAtLogin);
    });

    it('exactly one notification about the finding, in Vietnamese, quiet; and the first start notice that the app starts at login', async () => {
      const n = await app.waitFor('notification:show', (e) => e.title !== vi.t('ui:notify.loginOnTitle'));
      expect(n.title).toContain('Công văn số 1981/UBND-VHTT');
      expect(`${n.title}\n${n.body}`).toMatch(/zoom 6\.2\.0/i);
      expect(n.silent).toBe(true);
      expect(`${n.title} ${n.body}`).not.toMatch(/\b(the|is|Official letter)\b/);
      expect(findingNotices()).toHaveLength(1);
      const login = app.all('notification:show').filter((e) => e.title === vi.t('ui:notify.loginOnTitle'));
      expect(login).toHaveLength(DEFAULT_SETTINGS.startAtLogin ? 1 : 0);
      // Linux notifications have no buttons: the notice's click opens the settings instead.
      for (const l of login) expect(l.actions).toEqual([]);
    });

    it('a second check from the tray menu notifies nothing new', async () => {
      const from = app.events.length;
      await app.command({ cmd: 'menu:click', label: vi.t('ui:tray.checkNow') });
      await app.waitFor('tray:tooltip', (e) => e.text.includes(vi.t('ui:tray.checking')), from);
      const checking = app.events.findIndex((e, i) => i >= from && e.type === 'tray:tooltip' && e.text.includes(vi.t('ui:tray.checking')));
      const shown = app.all('notification:show').length;
      await app.waitFor('tray:tooltip', (e) => !e.text.includes(vi.t('ui:tray.checking')), checking);
      expect(app.all('notification:show')).toHaveLength(shown);
      expect(findingNotices()).toHaveLength(1);
      expect(app.all('window:create')).toEqual([]);
      // Both checks' findings, as ECS lines, in the findings log of the data folder (the check never waits on it).
      const log = join(u.dataDir, 'logs', 'findings.ecs.ndjson');
      const last = lastReport(u.dataDir);
      await vitest.waitFor(() => {
        const docs = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { '@timestamp': string; event: { id: string; dataset: string } });
        expect(new Set(docs.map((d) => d['@timestamp'])).size).toBe(2);
        expect(docs.filter((d) => d['@timestamp'] === last.generatedAt).map((d) => d.event.id).sort()).toEqual(last.findings.map((f) => f.id).sort());
        expect(docs.every((d) => d.event.dataset === 'attt_selfcheck.finding')).toBe(true);
      }, { timeout: 5_000, interval: 50 });
    });

    it('clicking the notification opens the window at that finding, under the CSP, with the real bridge', async () => {
      await app.command({ cmd: 'notification:click', index: findingNotices()[0]!.index });
      const created = await app.waitFor('window:create');
      expect(created.options).toMatchObject({ show: false, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true } });
      await app.waitFor('window:show');
      page = await appPage(browser, outDir);
      const violation = lastReport(u.dataDir).findings.find((f) => f.status === 'violation');
      expect(violation).toBeDefined();
      // nav:open is sent once the page has loaded; the renderer outlines and focuses that card.
      const nav = await app.waitFor('ipc:send', (e) => e.channel === 'nav:open');
      expect(nav.delivered).toBe(true);
      await page.locator(`article.focused[data-finding-id="${violation!.id}"]`).waitFor();
      expect(await page.evaluate("document.activeElement?.getAttribute('data-finding-id')")).toBe(violation!.id);
      // The real handlers answered the real page (the sender check passed for the built index.html).
      const invokes = app.all('ipc:invoke');
      expect(invokes.map((i) => i.channel)).toEqual(expect.arrayContaining(['report:latest', 'settings:get']));
      for (const i of invokes) expect(i.senderUrl).toBe(pathToFileURL(join(outDir, 'renderer', 'index.html')).href);
      // The app's CSP holds in the page: an injected inline script does not run.
      const inline = await page.evaluate(`new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.head.append(s);
        setTimeout(() => resolve(window.inlineRan ? 'ran' : 'no violation event'), 5000);
      })`);
      expect(inline).toMatch(/^script-src/);
      await shotBoth(app, page, shots, 'system-notification-opens-finding', 'vi');
    });

    it('the finding in plain words, and the advisory page, by keyboard only', async () => {
      const card = page.locator('article.finding-violation').first();
      // In words: the product and version as dpkg names it, not the package database's line.
      expect(await card.locator('h3').textContent()).toMatch(/zoom 6\.2\.0/i);
      expect(await card.textContent()).toContain('Công văn số 1981/UBND-VHTT');
      // Tab from the top of the page to the advisory's navigation button, then Enter.
      await page.evaluate('document.activeElement?.blur()');
      const advisory = page.getByRole('button', { name: vi.t('ui:nav.advisory') });
      for (let i = 0; i < 40 && !(await advisory.evaluate(IS_FOCUSED)); i++) await page.keyboard.press('Tab');
      expect(await advisory.evaluate(IS_FOCUSED)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Điểm 1' }).waitFor();
      await shotBoth(app, page, shots, 'system-advisory', 'vi');
    });

    it('clicking the first start notice opens the settings, at start at login (on)', async () => {
      const notice = app.all('notification:show').find((e) => e.title === vi.t('ui:notify.loginOnTitle'));
      expect(notice).toBeDefined();
      const from = app.events.length;
      await app.command({ cmd: 'notification:click', index: notice!.index });
      await app.waitFor('ipc:send', (e) => e.channel === 'nav:open' && e.delivered, from);
      const box = page.getByRole('checkbox', { name: vi.t('ui:settings.startAtLogin') });
      await box.waitFor();
      expect(await box.isChecked()).toBe(true);
      await shotBoth(app, page, shots, 'system-settings-from-login-notice', 'vi');
    });

    it('a second launch focuses the first and ends', async () => {
      const from = app.events.length;
      const second = start(u.env);
      expect(await second.exited).toBe(0);
      expect(second.last('app:single-instance')).toEqual({ type: 'app:single-instance', locked: false });
      expect(second.all('tray:image')).toEqual([]);
      await app.waitFor('window:show', () => true, from);
      await app.waitFor('window:focus', () => true, from);
    });

    it('switching the language from the tray rebuilds the tray menu and the window', async () => {
      const from = app.events.length;
      await app.command({ cmd: 'menu:click', label: vi.t('ui:language.en') });
      const menu = await app.waitFor('tray:menu', (e) => e.items[0]?.label === en.t('ui:tray.checkNow'), from);
      expect(menu.items.at(-1)?.label).toBe(en.t('ui:tray.quit'));
      expect(menu.items.find((i) => i.id === 'language')?.submenu?.find((i) => i.checked)?.id).toBe('lang-en');
      await app.waitFor('ipc:send', (e) => e.channel === 'settings:updated' && e.delivered, from);
      await page.getByRole('button', { name: en.t('ui:nav.findings') }).waitFor();
      await page.getByRole('button', { name: en.t('ui:nav.findings') }).click();
      await page.locator('article.finding-violation').first().waitFor();
      await shotBoth(app, page, shots, 'system-findings', 'en');
    });

    it('a hostile script in the page: bad payloads through window.api are refused by the handlers; a made-up channel, from the preload\'s world, too', async () => {
      // The page's own world reaches only window.api; its calls carry whatever the script gives them.
      const answers = (await page.evaluate(`(async () => {
        const out = [];
        out.push(await window.api.runFix('x'.repeat(100000), 1));
        out.push(await window.api.setSettings({ language: 'fr', startAtLogin: 'yes' }));
        out.push(await window.api.openLink('javascript:alert(1)'));
        out.push(await window.api.listHistory(-1));
        out.push(await window.api.snoozeFinding('no-such-finding'));
        return out;
      })()`)) as unknown[];
      for (const a of [answers[0], answers[1], answers[3]]) expect(a).toMatchObject({ ok: false, error: { code: 'invalid-request', message: { key: 'ui:error.invalidRequest' } } });
      // A link outside the allowlist is not opened: the answer is "not opened".
      expect(answers[2]).toEqual({ ok: true, value: false });
      expect(answers[4]).toMatchObject({ ok: false });
      // A compromised renderer reaching the raw invoke in the preload's world: a channel with no handler is refused.
      const raw = await inPreloadWorld(page, `globalThis.${RAW_INVOKE}('shell:exec', [['rm', '-rf', '/']]).then(() => 'answered', (e) => 'rejected: ' + e.message)`);
      expect(String(raw)).toContain("No handler registered for 'shell:exec'");
      expect(app.all('shell:open-external')).toEqual([]);
      // Nothing changed: the language is still English.
      expect(JSON.parse(readFileSync(join(u.dataDir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'en' });
    });

    it('context isolation: the page sees only the declared window.api; the preload\'s internals and prototypes are out of its reach', async () => {
      const declared = [...readFileSync(join(ROOT, 'src', 'preload', 'api.ts'), 'utf8').matchAll(/^ {4}(\w+): /gm)].map((m) => m[1]).sort();
      const seen = await page.evaluate(`(() => ({
        ipcRenderer: typeof window.ipcRenderer,
        require: typeof require,
        process: typeof process,
        module: typeof module,
        electron: typeof window.electron,
        bindings: ${JSON.stringify([INVOKE_BINDING, MISSING_BINDING, RAW_INVOKE, DELIVER, SETTLE])}.map((n) => typeof window[n]),
        api: Object.keys(window.api).sort(),
        frozen: Object.isFrozen(window.api),
        // A function of window.api is the page's own world's: its constructor builds functions there, not in the preload's.
        behind: window.api.latestReport.constructor('return typeof ipcRenderer + "," + typeof require')(),
      }))()`);
      expect(seen).toEqual({ ipcRenderer: 'undefined', require: 'undefined', process: 'undefined', module: 'undefined', electron: 'undefined', bindings: ['undefined', 'undefined', 'undefined', 'undefined', 'undefined'], api: declared, frozen: true, behind: 'undefined,undefined' });
      // Tampering with the page's JSON and prototypes does not reach the preload: it still asks main for report:latest.
      const from = app.events.length;
      const r = (await page.evaluate(`(async () => {
        const stringify = JSON.stringify;
        JSON.stringify = () => '{"id":1,"channel":"shell:exec","args":[]}';
        Object.prototype.channel = 'shell:exec';
        try {
          const r = await window.api.latestReport();
          return { ok: r.ok, findings: Array.isArray(r.value && r.value.findings) };
        } finally {
          JSON.stringify = stringify;
          delete Object.prototype.channel;
        }
      })()`)) as { ok: boolean; findings: boolean };
      expect(r).toEqual({ ok: true, findings: true });
      expect(app.events.slice(from).filter((e) => e.type === 'ipc:invoke').map((e) => (e as { channel: string }).channel)).toEqual(['report:latest']);
    });

    it('the window does not navigate away, and a page at another address is refused by the sender check', async () => {
      const foreign = join(work, 'foreign.html');
      writeFileSync(foreign, '<!doctype html><title>x</title><p>not the app</p>');
      const from = app.events.length;
      await expect(page.goto(pathToFileURL(foreign).href)).rejects.toThrow(/ERR_ABORTED/);
      expect(await app.waitFor('window:navigation', () => true, from)).toMatchObject({ url: pathToFileURL(foreign).href, prevented: true });
      expect(decodeURIComponent(page.url())).toContain(join(outDir, 'renderer', 'index.html'));
      // Past that rule (as a gap in it would allow): another page inside the built renderer loads, but the handlers refuse it: it is not the app's index.html...
      const index = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
      const other = join(outDir, 'renderer', 'other.html');
      writeFileSync(other, '<!doctype html><title>x</title><p>not the app</p>');
      await app.command({ cmd: 'window:force-load', url: pathToFileURL(other).href });
      const r = await page.evaluate('window.api.latestReport()');
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', message: { key: 'ui:error.untrustedSender' } } });
      expect(app.all('ipc:invoke').at(-1)).toMatchObject({ channel: 'report:latest', senderUrl: pathToFileURL(other).href });
      await app.command({ cmd: 'window:force-load', url: index });
      await page.getByRole('article').first().waitFor();
    });

    it('a new window is never opened: window.open and target=_blank are denied, only an allowlisted https link goes to the browser', async () => {
      const from = app.events.length;
      // A button whose click calls window.open (a real user gesture, so Chromium's popup blocker lets it through to the app's rule).
      await page.evaluate(`{
        const b = document.createElement('button');
        b.id = 'hostile-open';
        b.textContent = 'hostile open';
        b.addEventListener('click', () => window.open('https://vncert.vn/'));
        document.body.prepend(b);
      }`);
      await page.locator('#hostile-open').click();
      await app.waitFor('window:open', () => true, from);
      await page.evaluate("document.getElementById('hostile-open')?.remove()");
      // A link the user clicks (a real gesture), to a site outside the allowlist.
      await page.evaluate(`{
        const a = document.createElement('a');
        a.href = 'http://example.invalid/';
        a.target = '_blank';
        a.id = 'hostile-link';
        a.textContent = 'hostile link';
        document.body.prepend(a);
      }`);
      await page.locator('#hostile-link').click();
      await app.waitFor('window:open', (e) => e.url.startsWith('http://example.invalid'), from);
      await page.evaluate("document.getElementById('hostile-link')?.remove()");
      expect(app.all('window:open').slice(-2).map((e) => e.action)).toEqual(['deny', 'deny']);
      expect(app.all('shell:open-external').map((e) => e.url)).toEqual(['https://vncert.vn/']);
    });

    it('removal from the window on a recorded machine is refused in words, and nothing is removed', async () => {
      await page.getByRole('button', { name: en.t('ui:nav.fix') }).click();
      await page.getByRole('button', { name: en.t('ui:fix.choose') }).first().click();
      await page.getByText(en.t('ui:fix.planTitle')).waitFor();
      await shotBoth(app, page, shots, 'system-fix-plan', 'en');
      await page.getByRole('button', { name: en.t('ui:fix.confirm') }).click();
      await page.getByText(en.t('fix:cli.recordedHost'), { exact: false }).first().waitFor();
      await shotBoth(app, page, shots, 'system-fix-refused', 'en');
      expect(lastReport(u.dataDir).findings.some((f) => f.status === 'violation')).toBe(true);
    });

    it('pausing notifications from the tray shows in the menu', async () => {
      const from = app.events.length;
      await app.command({ cmd: 'menu:click', label: en.t('ui:tray.pauseHour') });
      const menu = await app.waitFor('tray:menu', (e) => e.items.find((i) => i.id === 'pause')?.label !== en.t('ui:tray.pause'), from);
      const pause = menu.items.find((i) => i.id === 'pause')!;
      expect(pause.label).toMatch(new RegExp(`^${en.t('ui:tray.pausedUntil', { time: '' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(pause.submenu?.find((i) => i.id === 'pause-off')?.enabled).toBe(true);
    });

    it('a file outside the built renderer is cancelled by the session request filter (last: the window keeps Chromium\'s error page)', async () => {
      const foreign = pathToFileURL(join(work, 'foreign.html')).href;
      await expect(app.command({ cmd: 'window:force-load', url: foreign })).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
      expect(app.last('request:cancelled')).toEqual({ type: 'request:cancelled', url: foreign });
    });

    it('quit from the tray ends the app, the tray removed first; the shim was never asked for an API it lacks', async () => {
      await app.command({ cmd: 'menu:click', label: en.t('ui:tray.quit') });
      expect(await app.exited).toBe(0);
      expect(app.last('tray:destroy')).toBeDefined();
      expect(app.all('shim:missing')).toEqual([]);
      expect(app.all('shim:error')).toEqual([]);
    });
  });

  describe('after a restart', () => {
    it('the pause set before quitting still holds (notify-state.json), in the language chosen before', async () => {
      const again = start(apps[0]!.env);
      const menu = await again.waitFor('tray:menu');
      expect(menu.items[0]?.label).toBe(en.t('ui:tray.checkNow'));
      expect(menu.items.find((i) => i.id === 'pause')?.submenu?.find((i) => i.id === 'pause-off')?.enabled).toBe(true);
      await again.command({ cmd: 'app:quit' });
      expect(await again.exited).toBe(0);
      expect(again.all('shim:missing')).toEqual([]);
    });
  });

  describe('a PC without Zoom', () => {
    it('the tray turns green, with no notification', async () => {
      const u = user('clean-pc', false);
      const app = start(u.env);
      const green = await app.waitFor('tray:image', (e) => e.path !== icon('grey') && e.path !== icon('checking'));
      expect(green.path).toBe(icon('green'));
      const tip = await app.waitFor('tray:tooltip', (e) => e.text.includes(vi.t('ui:tray.state.green')) && !e.text.includes(vi.t('ui:tray.checking')));
      expect(tip.text).toContain('0 vi phạm');
      expect(app.all('notification:show').filter((e) => e.title !== vi.t('ui:notify.loginOnTitle'))).toEqual([]);
      await app.command({ cmd: 'app:quit' });
      expect(await app.exited).toBe(0);
      expect(app.all('shim:missing')).toEqual([]);
    });
  });
});
