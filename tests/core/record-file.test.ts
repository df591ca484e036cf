/** The one reader of the product's record files (check history, audit log): damaged records reported and skipped, the file never changed. */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealHost } from '../../src/core/host/real-host';
import { parseJsonLines, parseJsonList, readRecordFile, type RecordCheck } from '../../src/core/record-file';
import { makeSpecial } from '../helpers/special-files';

/** A record is an object with a whole-number `n`. */
const numbered: RecordCheck<{ n: number }> = (raw) =>
  typeof raw === 'object' && raw !== null && Number.isInteger((raw as { n?: unknown }).n) ? { ok: true, value: raw as { n: number } } : { ok: false, reason: 'no n' };
const notList = { error: 'not a list', reason: { key: 'common:reason.notHistory', params: { path: '/d/x.json' } } };

let dir: string;
let host: RealHost;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-records-'));
  host = new RealHost({ homedir: dir, env: { HOME: dir } });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON lines', () => {
  it('keeps the good lines in order and names each damaged one by its line number (blank lines count, are not records)', () => {
    const read = parseJsonLines('{"n":1}\n\n{"n":\n{"m":2}\n  {"n":3}  \n[1,2]\n', numbered);
    expect(read.entries).toEqual([{ n: 1 }, { n: 3 }]);
    expect(read.damaged.map((d) => d.at)).toEqual([3, 4, 6]);
    expect(read.damaged[0]!.reason).toMatch(/JSON/);
    expect(read.damaged[1]!.reason).toBe('no n');
    expect(read.error).toBeUndefined();
  });
});

describe('a JSON list', () => {
  it('keeps the good items and names each damaged one by its place (1 = first)', () => {
    const read = parseJsonList('[{"n":1},"x",{"n":2},null]', '/d/x.json', numbered, notList);
    expect(read).toEqual({ entries: [{ n: 1 }, { n: 2 }], damaged: [{ at: 2, reason: 'no n' }, { at: 4, reason: 'no n' }] });
  });

  it('text that is not JSON is an error with the parser’s text, in words; not a list is the caller’s error', () => {
    const bad = parseJsonList('[{"n":1}', '/d/x.json', numbered, notList);
    expect(bad).toMatchObject({ entries: [], damaged: [], reason: { key: 'common:reason.notJson', params: { path: '/d/x.json' } } });
    expect(bad.error).toMatch(/JSON/);
    expect(parseJsonList('{"n":1}', '/d/x.json', numbered, notList)).toEqual({ entries: [], damaged: [], ...notList });
  });
});

describe('reading a record file', () => {
  it('a missing file holds no records', async () => {
    expect(await readRecordFile(host, join(dir, 'none.log'), 1024, (t) => parseJsonLines(t, numbered))).toEqual({ entries: [], damaged: [] });
  });

  it('reads a damaged file without changing it', async () => {
    const file = join(dir, 'audit.log');
    writeFileSync(file, '{"n":1}\ngarbage\n{"n":2}\n');
    const before = statSync(file).mtimeMs;
    const read = await readRecordFile(host, file, 1024, (t) => parseJsonLines(t, numbered));
    expect(read.entries).toEqual([{ n: 1 }, { n: 2 }]);
    expect(read.damaged.map((d) => d.at)).toEqual([2]);
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\ngarbage\n{"n":2}\n');
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('refuses a link at the name unread, and says why; the file it points to is not read', async () => {
    writeFileSync(join(dir, 'elsewhere'), '{"n":1}\n');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'audit.log'));
    const read = await readRecordFile(host, join(dir, 'audit.log'), 1024, (t) => parseJsonLines(t, numbered));
    expect(read).toMatchObject({ entries: [], damaged: [], reason: { key: 'common:reason.link' } });
    expect(read.error).toBeTruthy();
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO without blocking, and a file over the limit without cutting it', async () => {
    makeSpecial(join(dir, 'fifo.log'), 'fifo');
    expect(await readRecordFile(host, join(dir, 'fifo.log'), 1024, (t) => parseJsonLines(t, numbered))).toMatchObject({ entries: [], damaged: [], reason: { key: 'common:reason.fifo' } });
    writeFileSync(join(dir, 'big.log'), `${'{"n":1}\n'.repeat(200)}`);
    expect(await readRecordFile(host, join(dir, 'big.log'), 1024, (t) => parseJsonLines(t, numbered))).toMatchObject({ entries: [], damaged: [], reason: { key: 'common:reason.tooLarge' } });
  });
});
