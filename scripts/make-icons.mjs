#!/usr/bin/env node
// Draws the tray icons (green/amber/red/grey, grey with dots for "fixing", blue with a magnifier for
// "checking") and the app icon as PNGs, with Node only (zlib for the deflate, our own CRC-32). Each tray state
// carries a symbol as well as a colour (✓ ! ✕ ? … and the magnifier), so it reads without colour vision.
// Sizes per OS, as src/main/tray-icon.ts loads them: Windows STATE.png 16 px + STATE@2x.png 32 px (200 %);
// Linux STATE-22.png 22 px; macOS STATETemplate.png 16 px + STATETemplate@2x.png 32 px, black on transparent
// (the symbol cut out of the disc) so the menu bar tints them. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** Encodes RGBA pixels (Uint8Array, size*size*4) as a PNG. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in a unit square (0..1), as signed distances (negative inside).
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
function segment(ax, ay, bx, by, w) {
  return (x, y) => {
    const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
    const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * h, py - dy * h) - w;
  };
}
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));
function roundedSquare(m, r) {
  return (x, y) => {
    const qx = Math.abs(x - 0.5) - (0.5 - m - r), qy = Math.abs(y - 0.5) - (0.5 - m - r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

const GLYPHS = {
  check: union(segment(0.3, 0.52, 0.44, 0.66, 0.075), segment(0.44, 0.66, 0.7, 0.36, 0.075)),
  bang: union(segment(0.5, 0.27, 0.5, 0.56, 0.08), circle(0.5, 0.72, 0.085)),
  cross: union(segment(0.33, 0.33, 0.67, 0.67, 0.08), segment(0.67, 0.33, 0.33, 0.67, 0.08)),
  question: union(
    // the hook of "?" as short segments along an arc, the stem, and the dot
    ...Array.from({ length: 8 }, (_, i) => {
      const a0 = Math.PI * (1.05 - i * 0.19), a1 = Math.PI * (1.05 - (i + 1) * 0.19);
      return segment(0.5 + 0.16 * Math.cos(a0), 0.4 - 0.14 * Math.sin(a0), 0.5 + 0.16 * Math.cos(a1), 0.4 - 0.14 * Math.sin(a1), 0.07);
    }),
    segment(0.5, 0.54, 0.5, 0.6, 0.07),
    circle(0.5, 0.75, 0.075),
  ),
  dots: union(circle(0.3, 0.5, 0.08), circle(0.5, 0.5, 0.08), circle(0.7, 0.5, 0.08)),
  // a magnifying glass: a ring and a handle
  magnifier: union((x, y) => Math.abs(circle(0.45, 0.45, 0.15)(x, y)) - 0.055, segment(0.56, 0.56, 0.7, 0.7, 0.075)),
};

/** Draws a shape-with-glyph icon with 4x4 supersampling. */
function draw(size, background, bgColor, glyph, glyphColor) {
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size, v = (y + (sy + 0.5) / S) / size;
          if (background(u, v) <= 0) {
            bg++;
            if (glyph(u, v) <= 0) fg++;
          }
        }
      const a = bg / (S * S), g = bg ? fg / bg : 0;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round(bgColor[c] * (1 - g) + glyphColor[c] * g);
      px[i + 3] = Math.round(a * 255);
    }
  return px;
}

const WHITE = [255, 255, 255];
/** Tray states: colour (dark enough for a white symbol, AA contrast) and symbol. */
const TRAY = {
  green: [[22, 128, 61], GLYPHS.check],
  amber: [[180, 83, 9], GLYPHS.bang],
  red: [[185, 28, 28], GLYPHS.cross],
  grey: [[82, 90, 102], GLYPHS.question],
  fixing: [[82, 90, 102], GLYPHS.dots],
  checking: [[29, 78, 216], GLYPHS.magnifier],
};

/** A macOS template image: black, the disc's coverage minus the symbol's as alpha (the symbol shows through). */
function template(size, glyph) {
  const px = draw(size, circle(0.5, 0.5, 0.47), [0, 0, 0], glyph, [255, 255, 255]);
  for (let i = 0; i < px.length; i += 4) {
    const g = px[i] / 255; // how much of the pixel is symbol
    px[i + 3] = Math.round(px[i + 3] * (1 - g));
    px[i] = px[i + 1] = px[i + 2] = 0;
  }
  return px;
}

function write(rel, size, pixels) {
  const file = join(root, 'assets', rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, pixels));
  return file;
}

const written = [];
for (const [state, [color, glyph]] of Object.entries(TRAY)) {
  const disc = circle(0.5, 0.5, 0.47);
  // Windows: NAME.png (16 px, 100 %) with NAME@2x.png (32 px, 200 %), picked by nativeImage; Linux: NAME-22.png.
  for (const [name, size] of [[`${state}.png`, 16], [`${state}@2x.png`, 32], [`${state}-22.png`, 22]]) written.push(write(join('tray', name), size, draw(size, disc, color, glyph, WHITE)));
  for (const [name, size] of [[`${state}Template.png`, 16], [`${state}Template@2x.png`, 32]]) written.push(write(join('tray', name), size, template(size, glyph)));
}
// App icon: a blue rounded square with a white shield-like disc and a blue check.
for (const [name, size] of [['icon.png', 512], ['icon-256.png', 256]]) {
  const base = draw(size, roundedSquare(0.04, 0.16), [29, 78, 216], circle(0.5, 0.5, 0.3), WHITE);
  const mark = draw(size, circle(0.5, 0.5, 0.3), WHITE, (x, y) => GLYPHS.check((x - 0.5) / 0.62 + 0.5, (y - 0.5) / 0.62 + 0.5), [29, 78, 216]);
  // Put the check (drawn inside the disc) over the base where the disc is.
  for (let i = 0; i < base.length; i += 4) {
    const a = mark[i + 3] / 255;
    for (let c = 0; c < 3; c++) base[i + c] = Math.round(base[i + c] * (1 - a) + mark[i + c] * a);
  }
  written.push(write(name, size, base));
}
process.stdout.write(`${written.length} icons written to assets/\n`);
