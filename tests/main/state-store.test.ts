import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonStore, type CorruptFile } from '../../src/main/state-store';

const schema = z.object({ n: z.number() }).strict();
let dir: string;
let problems: CorruptFile[];
const store = () =>
  new JsonStore({ dir, name: 'state.json', schema, defaults: () => ({ n: 0 }), onCorrupt: (p) => problems.push(p), now: () => new Date('2026-05-20T03:04:05.678Z') });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-store-'));
  problems = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonStore', () => {
  it('gives the defaults when the file does not exist, without a report', () => {
    expect(store().read()).toEqual({ n: 0 });
    expect(problems).toEqual([]);
  });

  it('writes and reads back, leaving no temporary file behind', () => {
    store().write({ n: 7 });
    expect(store().read()).toEqual({ n: 7 });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('creates its folder when missing', () => {
    const nested = join(dir, 'a', 'b');
    new JsonStore({ dir: nested, name: 's.json', schema, defaults: () => ({ n: 0 }), onCorrupt: () => undefined }).write({ n: 1 });
    expect(JSON.parse(readFileSync(join(nested, 's.json'), 'utf8'))).toEqual({ n: 1 });
  });

  it.each([
    ['truncated JSON', '{"n": 4', /not JSON/],
    ['empty file', '', /not JSON/],
    ['binary garbage', '\u0000\u0001\uFFFD', /not JSON/],
    ['wrong shape', '{"n": "four"}', /unexpected content: n:/],
    ['extra key', '{"n": 1, "x": 2}', /unexpected content/],
  ])('moves a corrupt file aside (%s), reports it, and starts from defaults', (_name, content, reason) => {
    writeFileSync(join(dir, 'state.json'), content);
    expect(store().read()).toEqual({ n: 0 });
    const aside = join(dir, 'state.json.corrupt-2026-05-20T03-04-05-678Z');
    expect(problems).toEqual([{ file: join(dir, 'state.json'), movedTo: aside, reason: expect.stringMatching(reason) }]);
    expect(readFileSync(aside, 'utf8')).toBe(content); // kept, never silently dropped
    expect(readdirSync(dir)).toEqual(['state.json.corrupt-2026-05-20T03-04-05-678Z']);
  });

  it('reports a file it cannot read (a folder in its place) without crashing', () => {
    mkdirSync(join(dir, 'state.json'));
    expect(store().read()).toEqual({ n: 0 });
    expect(problems[0]?.reason).toMatch(/unreadable/);
  });

  it('reports a folder in its place once, however often it is read, and saves again once the way is clear', () => {
    mkdirSync(join(dir, 'state.json'));
    const s = store();
    for (let i = 0; i < 5; i++) expect(s.read()).toEqual({ n: 0 });
    expect(problems).toHaveLength(1);
    expect(() => s.write({ n: 3 })).toThrow(); // a file cannot be renamed over a folder
    expect(s.read()).toEqual({ n: 3 }); // kept in memory for this session
    expect(problems).toHaveLength(1);
    rmSync(join(dir, 'state.json'), { recursive: true });
    s.write({ n: 4 });
    expect(store().read()).toEqual({ n: 4 }); // on disk again, for the next start
    writeFileSync(s.path, '{"n": 5}');
    expect(s.read()).toEqual({ n: 5 }); // and read from disk again, no longer from memory
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  // Root reads any file whatever its mode, so this runs only as an ordinary user.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('reports a file without read permission once, and can still replace it', () => {
    writeFileSync(join(dir, 'state.json'), '{"n": 1}');
    chmodSync(join(dir, 'state.json'), 0o000);
    const s = store();
    for (let i = 0; i < 5; i++) expect(s.read()).toEqual({ n: 0 });
    expect(problems).toEqual([{ file: s.path, movedTo: null, reason: expect.stringMatching(/unreadable: EACCES/) }]);
    s.write({ n: 2 });
    expect(store().read()).toEqual({ n: 2 });
  });

  it('a failed write leaves the old file intact and no temp file', () => {
    store().write({ n: 1 });
    expect(() => store().write({ n: 2n } as unknown as { n: number })).toThrow();
    expect(store().read()).toEqual({ n: 1 });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('replaces the file by rename: a reader never sees a half-written file', () => {
    const s = store();
    const big = { n: 1, pad: 'x'.repeat(1_000_000) };
    const loose = new JsonStore({ dir, name: 'state.json', schema: z.object({ n: z.number(), pad: z.string() }), defaults: () => big, onCorrupt: (p) => problems.push(p) });
    loose.write(big);
    for (let i = 0; i < 5; i++) {
      loose.write({ ...big, n: i });
      expect(JSON.parse(readFileSync(s.path, 'utf8')).n).toBe(i);
    }
    expect(problems).toEqual([]);
  });
});
