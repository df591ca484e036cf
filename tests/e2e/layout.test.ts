/**
 * The built renderer in Debian's Chromium on the preview's scenarios (scripts/preview), walked by keyboard only
 * (Tab, Enter, Escape) in Vietnamese and English, at 800×600 and at 200 % zoom (400×300 CSS px drawn at
 * twice the pixels: what Chromium's page zoom does to the layout). On every page and wizard step reached:
 * nothing wider than the window, no card, table or note wider than itself, and the focused element visibly
 * outlined. And «Nguyễn» in monospace is drawn by a font of the stack that has its letters.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => ({ ipcMain: {} }));
import { SIZES } from '../../scripts/preview/screens';
import { startPreview, type Preview } from '../../scripts/preview/server';
import { UI_LANGUAGES } from '../../src/shared/settings';

const root = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** The monospace fonts of styles.css that have every Vietnamese letter. */
const VIETNAMESE_MONO = ['Cascadia Mono', 'Consolas', 'SF Mono', 'Menlo', 'Noto Sans Mono'];
const haveChromium = existsSync(CHROMIUM);
const fcList = spawnSync('fc-list', [':charset=1ec5', 'family'], { encoding: 'utf8' });
const haveVietnameseMono = VIETNAMESE_MONO.some((f) => (fcList.stdout ?? '').split('\n').some((l) => l.split(',').includes(f)));
const why = !haveChromium ? `SKIPPED: Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it)` : 'keyboard only, both languages, 800x600 and 200 %';

const work = mkdtempSync(join(tmpdir(), 'attt-layout-'));
let preview: Preview;
let browser: Browser;

/** What is wrong with the layout now: things wider than the window or than their own box. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const bad = [];
    const se = document.scrollingElement;
    if (se.scrollWidth > se.clientWidth) bad.push('page scrolls sideways: ' + se.scrollWidth + ' > ' + se.clientWidth);
    const w = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' «' + (el.textContent || '').trim().slice(0, 50) + '»';
    for (const el of document.querySelectorAll('#root *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > w + 0.5 || r.left < -0.5) bad.push('outside the window: ' + name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
    for (const el of document.querySelectorAll('.card, table, .note, .verdict, .app-main, .finding, .progress, .choose li, code')) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') bad.push('wider than its box: ' + name(el) + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
    return bad.slice(0, 10);
  })()`);
}

/** The focused element, and whether its focus ring shows. */
async function focusState(page: Page): Promise<{ readonly what: string; readonly visible: boolean; readonly inside: boolean }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { what: 'body', visible: true, inside: true };
    const s = getComputedStyle(el);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    return { what: el.tagName.toLowerCase() + ' «' + (el.textContent || '').trim().slice(0, 40) + '»', visible: Boolean(ring), inside: Boolean(el.closest('#root')) };
  })()`);
}

/** Presses Tab through the page: every stop visibly focused and the layout whole; the stops it made. */
async function tabThrough(page: Page, where: string, max = 60): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    if (!f.inside) break; // past the last element: the browser's own UI
    if (stops.includes(f.what) && stops[0] === f.what) break;
    expect(f.visible, `${where}: focus not visible on ${f.what}`).toBe(true);
    stops.push(f.what);
  }
  expect(await overflow(page), `${where} after Tab`).toEqual([]);
  return stops;
}

/** Tabs until the focused element's text matches, then presses Enter. */
async function tabToAndEnter(page: Page, where: string, text: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusState(page);
    expect(f.visible, `${where}: focus not visible on ${f.what}`).toBe(true);
    if (text.test(f.what)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`${where}: no element «${text.source}» reached by Tab`);
}

async function open(scenario: string, lang: 'vi' | 'en', size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });
  const page = await context.newPage();
  await page.goto(preview.appUrl(scenario, lang));
  await page.locator('article.finding').first().waitFor();
  return page;
}

/** The scenarios whose every page is walked (the others: their findings page). */
const NAV_SCENARIOS = ['zoom-everywhere', 'unknowns'];

const WORDS = {
  vi: { nav: ['Kết quả kiểm tra', 'Công văn', 'Gỡ bỏ phần mềm', 'Lịch sử', 'Cài đặt'], fix: /Gỡ bỏ…/, confirm: /Đồng ý gỡ bỏ/, back: /Quay lại danh sách/, all: /Gỡ bỏ toàn bộ/ },
  en: { nav: ['Check results', 'Letter 1981', 'Remove software', 'History', 'Settings'], fix: /Remove…/, confirm: /Remove it/, back: /Back to the list/, all: /Remove everything/ },
} as const;

describe.skipIf(!haveChromium)(`the window by keyboard in Chromium — ${why}`, () => {
  beforeAll(async () => {
    const outDir = join(work, 'out');
    const b = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    if (b.status !== 0) throw new Error(`electron-vite build failed: ${b.stderr || b.stdout}`);
    preview = await startPreview({ root, rendererDir: join(outDir, 'renderer') });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ships no fake bridge: the built renderer has no trace of the preview', () => {
    const dir = join(work, 'out', 'renderer', 'assets');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/__PREVIEW__|__previewRelease|fakeBridge/);
  });

  it('the checks see a broken layout and a missing focus ring (so their passing means something)', { timeout: 120_000 }, async () => {
    const page = await open('zoom-everywhere', 'vi', SIZES[1]);
    // Through the CSSOM (the app's CSP refuses an inline <style>, as it should).
    await page.evaluate(`(() => {
      const sheet = [...document.styleSheets].find((s) => s.href);
      sheet.insertRule('* { overflow-wrap: normal !important; }', sheet.cssRules.length);
      sheet.insertRule(':focus-visible { outline: none !important; }', sheet.cssRules.length);
    })()`);
    // A registry key that may not break is wider than its card at 200 %.
    expect((await overflow(page)).length).toBeGreaterThan(0);
    await page.keyboard.press('Tab');
    expect(await focusState(page)).toMatchObject({ inside: true, visible: false });
    await page.context().close();
  });

  for (const size of SIZES)
    for (const lang of UI_LANGUAGES)
      it(`every page of every scenario at ${size.name} in ${lang}: no horizontal overflow, focus always visible`, { timeout: 300_000 }, async () => {
        for (const s of preview.scenarios) {
          const page = await open(s.id, lang, size);
          expect(await overflow(page), `${s.id} findings`).toEqual([]);
          await tabThrough(page, `${s.id} findings`);
          // Each page of the navigation bar, reached by Tab and opened by Enter (the other pages differ little
          // between scenarios: these two have the most on them).
          if (!NAV_SCENARIOS.includes(s.id)) {
            await page.context().close();
            continue;
          }
          for (const [i, label] of WORDS[lang].nav.entries()) {
            if (i === 0) continue;
            await page.locator('body').focus();
            await page.evaluate('window.scrollTo(0, 0)');
            await tabToAndEnter(page, `${s.id} nav`, new RegExp(`^button «${label}`));
            await expect.poll(() => page.locator('.app-nav [aria-current=page]').textContent()).toContain(label);
            await page.waitForTimeout(100);
            expect(await overflow(page), `${s.id} ${label}`).toEqual([]);
            await tabThrough(page, `${s.id} ${label}`);
          }
          await page.context().close();
        }
      });

  for (const size of SIZES)
    for (const lang of UI_LANGUAGES)
      it(`the removal wizard by keyboard at ${size.name} in ${lang}: plan, confirm, result, back; and remove all`, { timeout: 300_000 }, async () => {
        const w = WORDS[lang];
        for (const scenario of ['zoom-machine-running', 'removal-fails', 'other-user']) {
          const page = await open(scenario, lang, size);
          await tabToAndEnter(page, `${scenario} card`, new RegExp(`^button «${w.fix.source}`));
          await page.locator('[data-plan]').waitFor();
          expect(await overflow(page), `${scenario} plan`).toEqual([]);
          if (scenario !== 'other-user') {
            await tabToAndEnter(page, `${scenario} plan`, new RegExp(`^button «${w.confirm.source}`));
            await page.locator('[data-verdict]').waitFor();
            expect(await overflow(page), `${scenario} result`).toEqual([]);
          }
          // Back to the list: by Escape from the manual plan, by Tab and Enter on «back» from a result.
          if (scenario === 'other-user') await page.keyboard.press('Escape');
          else await tabToAndEnter(page, `${scenario} result`, new RegExp(`^button «${w.back.source}`));
          // The list of what is left (empty once the removal proved it gone).
          await page.locator('.choose').waitFor({ state: 'attached' });
          expect(await overflow(page), `${scenario} list`).toEqual([]);
          await page.context().close();
        }
        const page = await open('zoom-everywhere', lang, size);
        await tabToAndEnter(page, 'nav', new RegExp(`^button «${w.nav[2]}`));
        await tabToAndEnter(page, 'remove all', new RegExp(`^button «${w.all.source}`));
        await page.locator('[data-flow=all] li[data-state=planned]').first().waitFor();
        expect(await overflow(page), 'remove all: plan').toEqual([]);
        await page.locator('[data-flow=all] .row .button.primary').focus();
        await page.keyboard.press('Enter');
        await page.locator('[data-flow=all] li[data-state=removed]').first().waitFor();
        await page.locator('[data-flow=all] .row .button.primary').waitFor({ state: 'detached' });
        expect(await overflow(page), 'remove all: result').toEqual([]);
        await tabThrough(page, 'remove all: result');
        await page.context().close();
      });

  it.skipIf(!haveVietnameseMono)(
    `«Nguyễn» in monospace is drawn by a font that has its letters${haveVietnameseMono ? '' : ' — SKIPPED: no monospace font with Vietnamese letters installed (apt-get install fonts-noto-mono; .ci/run does it)'}`,
    { timeout: 120_000 },
    async () => {
      const page = await open('zoom-per-user', 'vi', SIZES[0]);
      await page.locator('article.finding .button.primary').first().click();
      const code = page.locator('[data-plan=run] code', { hasText: 'Nguyễn' }).first();
      await code.waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root: doc } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: doc.nodeId, selector: '[data-plan=run] code' });
      const fonts: { familyName: string; glyphCount: number }[] = [];
      for (const nodeId of nodeIds) {
        const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
        if (!outerHTML.includes('Nguyễn')) continue;
        const r = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        fonts.push(...r.fonts);
      }
      expect(fonts.length).toBeGreaterThan(0);
      // One font of the stack draws all of it: no fallback (which drew «Nguyêñ» from ê and a combining tilde).
      expect(fonts.map((f) => f.familyName).filter((n) => !VIETNAMESE_MONO.includes(n))).toEqual([]);
      await page.context().close();
    },
  );
});
