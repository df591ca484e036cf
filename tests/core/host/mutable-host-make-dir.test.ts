// MutableHost.makeDir on the real disk: the data folder made with the folders above it on a first run, an existing
// one kept as it is, and anything but a folder at its name (a link, a file) refused, nothing made where a link points.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHostError } from '../../../src/core/host/host';
import { ConfinedMutableHost, isRefusedPath, RealMutableHost } from '../../../src/core/host/mutable-host';
import { RealHost } from '../../../src/core/host/real-host';

describe('MutableHost.makeDir', () => {
  let root: string;
  // As an ordinary user: the as-root rule (folders only root can change) is writeFileAtomic's, tested with it.
  const writer = () => new RealMutableHost(new RealHost(), () => new Date(), 1000);
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'make-dir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes the folder and those above it; an existing one is kept with what is in it', async () => {
    const data = join(root, 'home', 'an', '.config', 'attt-selfcheck');
    await writer().makeDir(data);
    expect(existsSync(data)).toBe(true);
    writeFileSync(join(data, 'history.ndjson'), 'x\n');
    await writer().makeDir(data);
    expect(readFileSync(join(data, 'history.ndjson'), 'utf8')).toBe('x\n');
  });

  it('a link at its name is refused, even to a folder, and nothing is made where it points', async () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    const data = join(root, 'attt-selfcheck');
    symlinkSync(elsewhere, data);
    const e = await writer().makeDir(data).catch((x: unknown) => x);
    expect(isHostError(e) && e.code).toBe('is-a-link');
    const dangling = join(root, 'dangling');
    symlinkSync(join(root, 'missing', 'target'), dangling);
    await expect(writer().makeDir(dangling)).rejects.toThrow();
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });

  it('a file at its name is refused', async () => {
    const data = join(root, 'attt-selfcheck');
    writeFileSync(data, 'not a folder');
    await expect(writer().makeDir(data)).rejects.toThrow();
    expect(readFileSync(data, 'utf8')).toBe('not a folder');
  });

  it('confined: the root itself and folders in it may be made, nothing outside, no ..', async () => {
    const data = join(root, 'attt-selfcheck');
    const confined = new ConfinedMutableHost(writer(), [data]);
    await confined.makeDir(data);
    await confined.makeDir(join(data, 'logs'));
    expect(existsSync(join(data, 'logs'))).toBe(true);
    for (const p of [join(root, 'other'), `${data}/../other`, 'attt-selfcheck']) {
      const e = await confined.makeDir(p).catch((x: unknown) => x);
      expect(isRefusedPath(e), p).toBe(true);
    }
    expect(existsSync(join(root, 'other'))).toBe(false);
  });
});
