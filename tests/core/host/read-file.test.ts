// The one read path, on real special files in a temporary folder: nothing but a regular file is
// opened, nothing beyond the limit is read, a link is followed only where the caller says so.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_READ_BYTES, readFileBounded, readRangeBounded, readTextBounded } from '../../../src/core/host/read-file';
import { RealHost } from '../../../src/core/host/real-host';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { guardedScript } from '../../helpers/guarded-child';
import { SPARSE_BYTES, SPECIAL_KINDS, expectedRefusal, makeSpecial } from '../../helpers/special-files';

const posix = process.platform !== 'win32';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-read-'));
  if (posix) for (const kind of SPECIAL_KINDS) makeSpecial(join(dir, kind), kind);
  writeFileSync(join(dir, 'plain.txt'), 'xin chào');
  writeFileSync(join(dir, 'exact'), 'x'.repeat(100));
  if (posix) symlinkSync(join(dir, 'plain.txt'), join(dir, 'plain-link'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!posix)('readRangeBounded (a program\'s headers) on real special files', () => {
  for (const kind of SPECIAL_KINDS.filter((k) => k !== 'sparse-10g')) {
    it(`${kind}: refused with its own code, the process not blocked`, async () => {
      await expect(readRangeBounded(join(dir, kind), 0, 64, 'refuse')).rejects.toMatchObject({ name: 'HostError', ...expectedRefusal(kind, 'refuse') });
    });
  }

  it('reads a range of the 10 GiB sparse file without its size mattering, and a range past the end as nothing', async () => {
    expect(await readRangeBounded(join(dir, 'sparse-10g'), SPARSE_BYTES - 16, 64, 'refuse')).toEqual(new Uint8Array(16));
    expect((await readRangeBounded(join(dir, 'plain.txt'), 4, 3, 'refuse')).length).toBe(3);
    expect(await readRangeBounded(join(dir, 'plain.txt'), 1000, 8, 'refuse')).toEqual(new Uint8Array(0));
    await expect(readRangeBounded(join(dir, 'plain-link'), 0, 8, 'refuse')).rejects.toMatchObject({ code: 'is-a-link' });
  });
});

describe.skipIf(!posix)('readFileBounded on real special files', () => {
  for (const kind of SPECIAL_KINDS) {
    for (const links of ['follow', 'refuse'] as const) {
      it(`${kind}, links ${links}: refused with its own code, the process not blocked`, async () => {
        await expect(readFileBounded(join(dir, kind), { links })).rejects.toMatchObject({ name: 'HostError', path: join(dir, kind), ...expectedRefusal(kind, links) });
      });
    }
  }

  it('the 10 GiB sparse file is refused by its size even under a generous limit; the file is still whole', async () => {
    await expect(readFileBounded(join(dir, 'sparse-10g'), { links: 'refuse', maxBytes: 256 * 1024 * 1024 })).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining(String(SPARSE_BYTES)) });
    expect(lstatSync(join(dir, 'sparse-10g')).size).toBe(SPARSE_BYTES);
  });

  it('a device node itself (not a link to one) is refused unopened, however it is read (mknod needs root: skipped without it)', async (t) => {
    const node = join(dir, 'null-device');
    if (spawnSync('mknod', [node, 'c', '1', '3']).status !== 0) t.skip();
    for (const links of ['follow', 'refuse'] as const) {
      await expect(readFileBounded(node, { links })).rejects.toMatchObject({ code: 'not-a-file', special: 'character-device' });
    }
  });

  it('a FIFO refused leaves the FIFO where it was', async () => {
    await expect(readFileBounded(join(dir, 'fifo'), { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file' });
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
  });

  it('reads a link to a regular file only when the caller follows links', async () => {
    expect(await readTextBounded(join(dir, 'plain-link'), { links: 'follow' })).toBe('xin chào');
    await expect(readTextBounded(join(dir, 'plain-link'), { links: 'refuse' })).rejects.toMatchObject({ code: 'is-a-link' });
  });

  it('does not trust the size stat gives: /proc files say 0 and are still cut at the limit', async () => {
    expect(lstatSync('/proc/self/status').size).toBe(0);
    expect(await readTextBounded('/proc/self/status', { links: 'refuse' })).toMatch(/^Name:/);
    await expect(readFileBounded('/proc/self/status', { links: 'refuse', maxBytes: 16 })).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('readFileBounded limits', () => {
  it('reads a file of exactly the limit, refuses one byte more, and refuses a folder', async () => {
    expect((await readFileBounded(join(dir, 'exact'), { links: 'refuse', maxBytes: 100 })).length).toBe(100);
    await expect(readFileBounded(join(dir, 'exact'), { links: 'refuse', maxBytes: 99 })).rejects.toMatchObject({ code: 'too-large' });
    await expect(readFileBounded(dir, { links: 'refuse' })).rejects.toMatchObject({ code: 'is-a-directory' });
    await expect(readFileBounded(join(dir, 'missing'), { links: 'refuse' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a caller that names no limit gets the default one', async () => {
    const big = join(dir, 'big');
    writeFileSync(big, Buffer.alloc(DEFAULT_MAX_READ_BYTES + 1, 0x41));
    await expect(readFileBounded(big, { links: 'refuse' })).rejects.toMatchObject({ code: 'too-large' });
    expect((await readFileBounded(big, { links: 'refuse', maxBytes: DEFAULT_MAX_READ_BYTES + 1 })).length).toBe(DEFAULT_MAX_READ_BYTES + 1);
  });
});

describe.skipIf(!posix)('RealHost reads through it', () => {
  const host = new RealHost();
  it('readText and readBytes refuse the FIFO and the link to /dev/zero', async () => {
    await expect(host.readText(join(dir, 'fifo'), { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file', special: 'fifo' });
    await expect(host.readBytes(join(dir, 'zero-link'), { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file', special: 'character-device' });
    await expect(host.readBytes(join(dir, 'zero-link'), { links: 'refuse' })).rejects.toMatchObject({ code: 'is-a-link' });
  });
});

describe('FixtureHost keeps the same contract', () => {
  const host = new FixtureHost({
    platform: 'linux',
    homedir: '/home/an',
    files: {
      '/home/an/.config/user-dirs.dirs': { type: 'special', special: 'fifo' },
      '/home/an/zero': { type: 'symlink', target: '/dev/zero' },
      '/dev/zero': { type: 'special', special: 'character-device' },
      '/home/an/big': 'x'.repeat(65),
      '/home/an/linked-folder': { type: 'symlink', target: '/srv/data' },
      '/srv/data/f.txt': 'ok',
    },
  });
  it('refuses special files, links where links are refused, and files over the limit', async () => {
    await expect(host.readText('/home/an/.config/user-dirs.dirs', { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file', special: 'fifo' });
    await expect(host.readText('/home/an/zero', { links: 'refuse' })).rejects.toMatchObject({ code: 'is-a-link' });
    await expect(host.readText('/home/an/zero', { links: 'follow' })).rejects.toMatchObject({ code: 'not-a-file', special: 'character-device' });
    await expect(host.readText('/home/an/big', { links: 'refuse', maxBytes: 64 })).rejects.toMatchObject({ code: 'too-large' });
    expect(await host.readText('/home/an/big', { links: 'refuse', maxBytes: 65 })).toHaveLength(65);
    // A link in a folder above the file is followed either way: only the name itself is judged.
    expect(await host.readText('/home/an/linked-folder/f.txt', { links: 'refuse' })).toBe('ok');
    expect((await host.stat('/dev/zero'))?.type).toBe('other');
  });
});

describe.skipIf(!posix)('readFileBoundedSync, in a child that is killed should it hang', () => {
  it('refuses each special file at once and stays small', () => {
    const r = guardedScript(
      `const { readFileBoundedSync } = require(ROOT + '/src/core/host/read-file.ts');
       const out = {};
       for (const kind of ${JSON.stringify(SPECIAL_KINDS)}) for (const links of ['follow', 'refuse']) {
         try { readFileBoundedSync(${JSON.stringify(dir)} + '/' + kind, { links }); out[kind + ':' + links] = 'read'; }
         catch (e) { out[kind + ':' + links] = [e.code, e.special ?? null]; }
       }
       process.stdout.write(JSON.stringify(out));`,
      { timeoutMs: 60_000 },
    );
    expect(r.killed, r.stderr).toBe(false);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, [string, string | null]>;
    for (const kind of SPECIAL_KINDS) {
      for (const links of ['follow', 'refuse'] as const) {
        const want = expectedRefusal(kind, links);
        expect(out[`${kind}:${links}`], `${kind}:${links}`).toEqual([want.code, want.special ?? null]);
      }
    }
    // Far below the 10 GiB and the endless /dev/zero it was offered (tsx alone takes some).
    expect(r.maxRssKb).toBeLessThan(200 * 1024);
  }, 90_000);
});
