import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { isOwnUrl, isRendererPage, type RendererPage } from '../../src/main/csp';
import { defaultWindowPaths, rendererPage } from '../../src/main/windows';

let dir: string;
let page: RendererPage;
const url = (...parts: string[]) => pathToFileURL(join(dir, ...parts)).href;
beforeEach(() => {
  // A real install folder with spaces and Vietnamese in its name, as on a user's machine.
  dir = mkdtempSync(join(tmpdir(), 'attt-csp-Tài liệu '));
  page = rendererPage(defaultWindowPaths(join(dir, 'out', 'main'), undefined));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('who may call main over IPC', () => {
  it('is exactly the built index.html, with any route in the hash or query', () => {
    expect(page.html).toBe(join(dir, 'out', 'renderer', 'index.html'));
    expect(isRendererPage(url('out', 'renderer', 'index.html'), page)).toBe(true);
    expect(isRendererPage(`${url('out', 'renderer', 'index.html')}#/findings`, page)).toBe(true);
    expect(isRendererPage(`${url('out', 'renderer', 'index.html')}?lang=vi`, page)).toBe(true);
  });

  it.each([
    ['another file next to it', () => url('out', 'renderer', 'other.html')],
    ['a downloaded page', () => url('Downloads', 'index.html')],
    ['a system file', () => 'file:///etc/passwd'],
    ['a file on another host', () => 'file://evil.example/share/out/renderer/index.html'],
    ['devtools', () => 'devtools://devtools/bundled/inspector.html'],
    ['a web page', () => 'https://evil.example/out/renderer/index.html'],
    ['a folder named like the page', () => `${url('out', 'renderer', 'index.html')}/x`],
    ['no URL (a frame already gone)', () => ''],
    ['about:blank', () => 'about:blank'],
  ])('refuses %s', (_name, make) => {
    expect(isRendererPage(make(), page)).toBe(false);
  });

  it('while developing, only the dev server\'s exact origin, on loopback', () => {
    const dev = rendererPage(defaultWindowPaths(join(dir, 'out', 'main'), 'http://localhost:5173'));
    expect(isRendererPage('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererPage('http://localhost:5173/index.html#/fix', dev)).toBe(true);
    for (const other of ['http://localhost:5174/', 'http://127.0.0.1:5173/', 'https://localhost:5173/', url('Downloads', 'x.html'), 'devtools://devtools/x']) {
      expect(isRendererPage(other, dev), other).toBe(false);
    }
    // A dev server URL that is not on loopback is not trusted at all.
    expect(isRendererPage('http://evil.example:5173/', { html: page.html, devServerUrl: 'http://evil.example:5173' })).toBe(false);
  });
});

describe('what the window may load', () => {
  it('loads the built renderer\'s own files and devtools, nothing else from the disk', () => {
    expect(isOwnUrl(url('out', 'renderer', 'index.html'), page)).toBe(true);
    expect(isOwnUrl(url('out', 'renderer', 'assets', 'index-abc123.js'), page)).toBe(true);
    expect(isOwnUrl('devtools://devtools/bundled/inspector.html', page)).toBe(true);
    expect(isOwnUrl('file:///etc/passwd', page)).toBe(false);
    expect(isOwnUrl(url('out', 'renderer-evil', 'x.js'), page)).toBe(false);
    expect(isOwnUrl(url('out', 'main', 'index.js'), page)).toBe(false);
    expect(isOwnUrl(`${pathToFileURL(join(dir, 'out', 'renderer')).href}/..%2Fmain%2Findex.js`, page)).toBe(false);
    expect(isOwnUrl('https://example.com/x.js', page)).toBe(false);
  });

  it('allows the dev server only on loopback with its exact port (page and hot-reload socket)', () => {
    const dev = { html: page.html, devServerUrl: 'http://localhost:5173' };
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnUrl('http://evil.example:5173/', { html: page.html, devServerUrl: 'http://evil.example:5173' })).toBe(false);
  });
});
