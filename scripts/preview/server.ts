/**
 * The preview server: the built renderer (out/renderer, as the app loads it, under the app's CSP) in an
 * ordinary browser, with the fake bridge (fake-bridge.ts) put in front of it and fed by a recorded scenario.
 * `/` lists the scenarios; `/app/index.html?scenario=zoom-per-user&lang=vi` opens one (`&hold=1`: a removal
 * stops after its first step). The bridge is bundled here, on its own: it is never part of out/renderer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { CSP } from '../../src/main/csp';
import { UI_LANGUAGES, type UiLanguage } from '../../src/shared/settings';
import type { PreviewData } from './fake-bridge';
import { recordScenarios } from './record';
import type { Scenario } from './scenario';

/** A running preview. */
export interface Preview {
  readonly url: string;
  readonly scenarios: readonly Scenario[];
  /** The address of one scenario in one language. */
  appUrl(scenario: string, language: UiLanguage, options?: { readonly hold?: boolean }): string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The fake bridge as one classic script for the browser. */
async function bridgeScript(root: string): Promise<string> {
  const out = await build({ entryPoints: [join(root, 'scripts', 'preview', 'fake-bridge.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/** The scenario list. */
function indexPage(scenarios: readonly Scenario[]): string {
  const rows = scenarios
    .map((s) => `<li><strong>${escapeHtml(s.title.vi)}</strong> / ${escapeHtml(s.title.en)} — ${UI_LANGUAGES.map((l) => `<a href="/app/index.html?scenario=${encodeURIComponent(s.id)}&amp;lang=${l}">${l}</a>`).join(' · ')} <code>${escapeHtml(s.id)}</code></li>`)
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ATTT Self-Check — xem trước / preview</title></head><body style="font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; line-height: 1.6">
<h1>ATTT Self-Check — xem trước / preview</h1>
<p>Cửa sổ của ứng dụng với các báo cáo ghi lại từ máy tính mẫu (engine thật, dữ liệu trong tests/fixtures). The app's window on reports the engine made on recorded PCs.</p>
<ul>${rows}</ul></body></html>`;
}

/** Starts the preview of the renderer built into `rendererDir` (default out/renderer) on 127.0.0.1:`port` (0: any free port). */
export async function startPreview(options: { readonly root: string; readonly rendererDir?: string; readonly port?: number }): Promise<Preview> {
  const { root } = options;
  const rendererDir = options.rendererDir ?? join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`no built renderer at ${rendererDir} (run electron-vite build)`);
  const scenarios = await recordScenarios(root);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const bridge = await bridgeScript(root);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer, csp = false): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(csp ? { 'Content-Security-Policy': CSP } : {}) });
      res.end(body);
    };
    if (url.pathname === '/') return send(200, TYPES['.html']!, indexPage(scenarios));
    if (url.pathname === '/preview/bridge.js') return send(200, TYPES['.js']!, bridge);
    if (url.pathname === '/preview/data.js') {
      const scenario = byId.get(url.searchParams.get('scenario') ?? '');
      const lang = url.searchParams.get('lang');
      if (!scenario) return send(404, 'text/plain; charset=utf-8', 'no such scenario');
      const data: PreviewData = { scenario, language: lang === 'en' ? 'en' : 'vi', hold: url.searchParams.get('hold') === '1' };
      return send(200, TYPES['.js']!, `window.__PREVIEW__ = ${JSON.stringify(data).replace(/</g, '\\u003c')};`);
    }
    if (!url.pathname.startsWith('/app/')) return send(404, 'text/plain; charset=utf-8', 'not found');
    const rel = normalize(decodeURIComponent(url.pathname.slice('/app/'.length)) || 'index.html');
    const file = join(rendererDir, rel);
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) return send(404, 'text/plain; charset=utf-8', 'not found');
    if (rel === 'index.html') {
      const q = new URLSearchParams({ scenario: url.searchParams.get('scenario') ?? 'clean', lang: url.searchParams.get('lang') ?? 'vi', ...(url.searchParams.get('hold') ? { hold: '1' } : {}) });
      // Classic scripts before the module script: the bridge is in place when the renderer starts.
      const html = readFileSync(file, 'utf8').replace('<head>', `<head>\n    <script src="/preview/data.js?${escapeHtml(q.toString())}"></script>\n    <script src="/preview/bridge.js"></script>`);
      return send(200, TYPES['.html']!, html, true);
    }
    return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), true);
  });
  await new Promise<void>((r) => server.listen(options.port ?? 0, '127.0.0.1', r));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    scenarios,
    appUrl: (scenario, language, o = {}) => `${url}/app/index.html?scenario=${encodeURIComponent(scenario)}&lang=${language}${o.hold ? '&hold=1' : ''}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
