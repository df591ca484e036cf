/**
 * The tray icon files as each OS loads them (src/main/tray-icon.ts), read from assets/ as drawn by
 * scripts/make-icons.mjs: every state has them, at the size the OS uses, and the macOS ones are true
 * template images (black, shape in the alpha only); the script draws exactly what is committed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFile } from '../../src/main/tray-icon';
import { TRAY_STATES } from '../../src/main/tray-state';

const ROOT = join(__dirname, '..', '..');
const ASSETS = join(ROOT, 'assets');

/** Width, height and RGBA pixels of a PNG as make-icons writes it (8-bit RGBA, filter 0 on every row). */
function readPng(file: string): { width: number; height: number; rgba: Buffer } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const at2x = (p: string): string => p.replace(/\.png$/, '@2x.png');

describe('tray icons per OS and scale', () => {
  it('Windows: 16 px at 100 % with a 32 px @2x for 200 %; Linux: 22 px; macOS: 16 px template with a 32 px @2x', () => {
    for (const state of TRAY_STATES) {
      const win = trayIconFile(ASSETS, state, 'win32');
      expect(win.template).toBe(false);
      expect(readPng(win.path).width).toBe(16);
      expect(readPng(at2x(win.path)).width).toBe(32);
      const linux = trayIconFile(ASSETS, state, 'linux');
      expect(readPng(linux.path)).toMatchObject({ width: 22, height: 22 });
      const mac = trayIconFile(ASSETS, state, 'darwin');
      expect(mac.template).toBe(true);
      expect(mac.path).toMatch(/Template\.png$/); // the name macOS and nativeImage take as a template
      expect(readPng(mac.path).width).toBe(16);
      expect(readPng(at2x(mac.path)).width).toBe(32);
    }
  });

  it('the macOS icons are black with the shape in the alpha; the others are in colour; each state looks different', () => {
    const seen = new Set<string>();
    for (const state of TRAY_STATES) {
      const { rgba } = readPng(at2x(trayIconFile(ASSETS, state, 'darwin').path));
      let opaque = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
        if (rgba[i + 3]! > 200) opaque++;
      }
      expect(opaque).toBeGreaterThan(100); // a disc with a symbol cut out, not an empty image
      seen.add(rgba.toString('hex'));
      const colour = readPng(trayIconFile(ASSETS, state, 'win32').path).rgba;
      expect(colour.some((v, i) => i % 4 !== 3 && v > 0)).toBe(true);
    }
    // Green and the rest differ by symbol even where colour is gone; fixing and grey share a colour, not a symbol.
    expect(seen.size).toBe(TRAY_STATES.length);
  });

  it('every tray icon file is one the app loads (no unused sizes), and make-icons redraws exactly what is committed', () => {
    const loaded = new Set(TRAY_STATES.flatMap((s) => (['win32', 'linux', 'darwin'] as const).flatMap((p) => [trayIconFile(ASSETS, s, p).path, ...(p === 'linux' ? [] : [at2x(trayIconFile(ASSETS, s, p).path)])])));
    expect(new Set(readdirSync(join(ASSETS, 'tray')).map((f) => join(ASSETS, 'tray', f)))).toEqual(loaded);
    const copy = mkdtempSync(join(tmpdir(), 'attt-icons-'));
    try {
      cpSync(join(ROOT, 'scripts'), join(copy, 'scripts'), { recursive: true });
      execFileSync(process.execPath, [join(copy, 'scripts', 'make-icons.mjs')], { stdio: 'ignore' });
      for (const f of readdirSync(join(ASSETS, 'tray'))) expect(readFileSync(join(copy, 'assets', 'tray', f)).equals(readFileSync(join(ASSETS, 'tray', f))), f).toBe(true);
      expect(existsSync(join(copy, 'assets', 'icon.png'))).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
