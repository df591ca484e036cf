/**
 * `npm run preview` (serve) and `npm run screenshots` (shots): run through scripts/preview.mjs, which bundles
 * this file for Node. Both build the renderer first with electron-vite (skip with --no-build: out/renderer as is).
 *   serve [--port N]   the preview at http://127.0.0.1:N/ (default 5180) until Ctrl+C
 *   shots              docs/screenshots/<screen>.<size>.<lang>.png for every screen, size and language
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { UI_LANGUAGES } from '../../src/shared/settings';
import { ready, SCREENS, SIZES } from './screens';
import { startPreview } from './server';

const root = process.cwd();
const args = process.argv.slice(2);
const mode = args[0];
const CHROMIUM = '/usr/bin/chromium';
/** The tallest picture, in image pixels: two windows high at either size (the repository keeps every picture). */
const MAX_SHOT_PX = 1200;
/** Chromium as the tests start it: headless, no network of its own, no GPU. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function buildRenderer(): void {
  if (args.includes('--no-build')) return;
  process.stdout.write('electron-vite build…\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('electron-vite build failed');
}

async function serve(): Promise<void> {
  buildRenderer();
  const i = args.indexOf('--port');
  const preview = await startPreview({ root, port: i >= 0 ? Number(args[i + 1]) : 5180 });
  process.stdout.write(`\nPreview: ${preview.url}/\n`);
  for (const s of preview.scenarios) process.stdout.write(`  ${s.title.vi} / ${s.title.en}: ${preview.appUrl(s.id, 'vi')}\n`);
  process.stdout.write('Ctrl+C to stop.\n');
}

async function shots(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`);
  buildRenderer();
  const out = join(root, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  // Ours are <screen>.<size>.<lang>.png; the system tests' system-*.png stay.
  for (const f of readdirSync(out)) if (/^[a-z0-9-]+\.(800x600|zoom200)\.(vi|en)\.png$/.test(f)) rmSync(join(out, f));
  const preview = await startPreview({ root });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  let n = 0;
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });
      for (const screen of SCREENS) {
        for (const lang of UI_LANGUAGES) {
          const page = await context.newPage();
          await page.goto(preview.appUrl(screen.scenario, lang, { hold: screen.hold ?? false }));
          await ready(page);
          await screen.reach(page);
          // Fonts and the last render settle before the picture.
          await page.evaluate('document.fonts.ready.then(() => undefined)');
          // The page from its top, at most MAX_SHOT_PX high (the repository keeps every picture).
          const height = Math.min(Number(await page.evaluate('document.documentElement.scrollHeight')), MAX_SHOT_PX / size.scale);
          await page.screenshot({ path: join(out, `${screen.name}.${size.name}.${lang}.png`), fullPage: true, clip: { x: 0, y: 0, width: size.width, height }, animations: 'disabled' });
          await page.close();
          n++;
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await preview.close();
  }
  process.stdout.write(`wrote ${n} screenshots to docs/screenshots/\n`);
}

const run = mode === 'serve' ? serve : mode === 'shots' ? shots : null;
if (!run) {
  process.stderr.write('usage: node scripts/preview.mjs serve [--port N] [--no-build] | shots [--no-build]\n');
  process.exitCode = 64;
} else {
  run().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
