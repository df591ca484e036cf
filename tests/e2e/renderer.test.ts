/**
 * The built renderer in real Chromium (Debian's), driven by playwright-core: served from a tiny
 * static server on 127.0.0.1 with the app's own CSP header, with a fake `window.api` injected
 * before the page's scripts. Screenshots go to test-results/e2e/ (gitignored) for a human look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../src/main/csp';
import { policyView, type PolicyDocument } from '../../src/shared/policy-view';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk } from '../shared/sample-report';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const shots = join(root, 'test-results', 'e2e');
const work = mkdtempSync(join(tmpdir(), 'attt-e2e-'));
const outDir = join(work, 'out');
const haveChromium = existsSync(CHROMIUM);

// Build once, into our temp folder (never the repo's out/).
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir], { cwd: root, encoding: 'utf8', timeout: 180_000 });
const built = build.status === 0 && existsSync(join(outDir, 'renderer', 'index.html'));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };
let server: Server;
let base = '';
let context: BrowserContext;
const consoleErrors: string[] = [];

/** The fake bridge, as source text: runs in the page before its scripts. */
function fakeApiSource(report: unknown, language: string): string {
  return `(() => {
    const report = ${JSON.stringify(report)};
    let settings = { language: ${JSON.stringify(language)}, intervalHours: 4, startAtLogin: false, notifications: true };
    const ok = (value) => Promise.resolve({ ok: true, value });
    const off = () => () => {};
    window.api = {
      latestReport: () => ok(report),
      runCheck: () => ok(report),
      getSettings: () => ok(settings),
      setSettings: (p) => { settings = { ...settings, ...p }; return ok(settings); },
      listHistory: () => ok([{ at: report.generatedAt, summary: report.summary, durationMs: 1200, findings: report.findings.filter((f) => f.status !== 'ok').map((f) => ({ id: f.id, status: f.status, title: f.title })) }]),
      getPolicy: () => ok(${JSON.stringify(policyView(JSON.parse(readFileSync(join(root, 'policies', 'cv-1981-ubnd-vhtt.json'), 'utf8')) as PolicyDocument, [{ id: 'banned-app', advisoryPoint: 1 }, { id: 'os-patch', advisoryPoint: 2 }]))}),
      planFix: (findingId) => ok({ findingId, kind: 'uninstall', planId: findingId + '@1', steps: [
        { id: 's0', title: { key: 'fix:step.close', params: { app: 'Zoom', pids: '4242' } }, elevated: false },
        { id: 's1', title: { key: 'fix:step.uninstaller', params: { name: 'Zoom', path: 'C:\\\\Users\\\\an\\\\AppData\\\\Roaming\\\\Zoom\\\\uninstall\\\\Installer.exe' } }, argv: ['C:\\\\Users\\\\an\\\\AppData\\\\Roaming\\\\Zoom\\\\uninstall\\\\Installer.exe', '/uninstall'], elevated: false } ],
        manual: [{ key: 'fix:manual.windows.settings', params: { name: 'Zoom' } }] }),
      runFix: (findingId) => ok({ findingId, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.outcome.removed' } }),
      pauseNotifications: () => ok({ pausedUntil: null }),
      notificationState: () => ok({ pausedUntil: null }),
      openLink: () => ok(false),
      appProblems: () => ok([]),
      onReportUpdated: off, onFixProgress: off, onNavigate: off, onSettingsUpdated: off,
    };
  })();`;
}

const report = reportWith([zoomOk, zoomLeftover, dpkgUnknown, zoomInstalled], '2026-05-20T03:04:05.000Z');

async function open(language: 'vi' | 'en'): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.addInitScript({ content: fakeApiSource(report, language) });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${base}/index.html`);
  await page.getByRole('article').first().waitFor();
  return page;
}

const ready = haveChromium && built;
const why = !haveChromium ? `SKIPPED: Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it)` : 'the built renderer in Chromium at 800x600';

describe('renderer in Chromium', () => {
  beforeAll(async () => {
    if (!ready) return;
    server = createServer((req, res) => {
      const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
      const file = join(outDir, 'renderer', rel || 'index.html');
      if (!file.startsWith(join(outDir, 'renderer')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    mkdirSync(shots, { recursive: true });
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    rmSync(work, { recursive: true, force: true });
  });

  it('builds the renderer with electron-vite', () => {
    expect(build.status, build.stderr || build.stdout).toBe(0);
    expect(built).toBe(true);
  });

  it.skipIf(!ready)(`findings in Vietnamese, worst first, under the app's CSP — ${why}`, async () => {
    const page = await open('vi');
    const titles = await page.locator('article h3').allTextContents();
    expect(titles[0]).toBe('Phát hiện phần mềm Zoom Workplace 5.13.7 đã cài đặt');
    expect(titles.at(-1)).toBe('Không phát hiện phần mềm Zoom (đã kiểm tra 6 nơi)');
    await expect(page.getByText('Điểm 1 Công văn số 1981/UBND-VHTT').first().isVisible()).resolves.toBe(true);
    // Nothing is wider than the 800 px window.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
    await page.screenshot({ path: join(shots, 'findings-vi.png'), fullPage: true });
    await page.getByRole('button', { name: 'Công văn 1981/UBND-VHTT' }).click();
    await page.getByRole('heading', { name: 'Điểm 4' }).waitFor();
    await page.screenshot({ path: join(shots, 'advisory-vi.png'), fullPage: true });
    await page.getByRole('button', { name: 'Gỡ bỏ phần mềm' }).click();
    await page.getByRole('button', { name: 'Xem cách gỡ' }).first().click();
    await page.getByRole('button', { name: 'Đồng ý gỡ bỏ' }).waitFor();
    await page.screenshot({ path: join(shots, 'fix-plan-vi.png'), fullPage: true });
    await page.getByRole('button', { name: 'Đồng ý gỡ bỏ' }).click();
    await page.getByText('Đã gỡ bỏ xong.', { exact: false }).waitFor();
    await page.screenshot({ path: join(shots, 'fix-result-vi.png'), fullPage: true });
    await page.close();
  });

  it.skipIf(!ready)(`findings, history and settings in English — ${why}`, async () => {
    const page = await open('en');
    expect(await page.locator('article h3').first().textContent()).toBe('Zoom Workplace 5.13.7 is installed');
    await expect(page.getByRole('button', { name: 'Check now' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Point 1 of Official letter No. 1981/UBND-VHTT').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(shots, 'findings-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('table').waitFor();
    await page.screenshot({ path: join(shots, 'history-en.png') });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox').waitFor();
    await page.screenshot({ path: join(shots, 'settings-en.png') });
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
