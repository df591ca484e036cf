/**
 * The tray's ECS log on a real temp folder: appended, rotated by size (oldest dropped, nothing cut), and never
 * written through what a user could lay at its name (a folder, a FIFO, a link elsewhere, a linked logs folder);
 * an unwritable log (no permission, a full disk) is a result with the reason, never an exception.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEcsLog, ecsLogPath, type EcsLogResult } from '../../../src/core/export/ecs-log';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { RealHost } from '../../../src/core/host/real-host';
import { makeSpecial } from '../../helpers/special-files';

const host = new RealHost();
const root = join(__dirname, '..', '..', '..');
const posix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;
let dir: string;
let log: string;
const writer = (): ConfinedMutableHost => new ConfinedMutableHost(new RealMutableHost(host), [dir]);
const line = (n: number, bytes = 100): string => JSON.stringify({ n, pad: 'x'.repeat(bytes) });
const linesOf = (file: string): number[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { n: number }).n);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecs-log-'));
  log = ecsLogPath(host, dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the ECS findings log', () => {
  it('lives in <data folder>/logs/findings.ecs.ndjson and takes the lines as they are, one per line', async () => {
    expect(log).toBe(join(dir, 'logs', 'findings.ecs.ndjson'));
    const r = await appendEcsLog(host, writer(), log, [line(1), line(2)]);
    expect(r).toEqual({ written: true, path: log, lines: 2, rotated: false });
    await appendEcsLog(host, writer(), log, [line(3)]);
    expect(linesOf(log)).toEqual([1, 2, 3]);
    expect(readFileSync(log, 'utf8').endsWith('\n')).toBe(true);
  });

  it('rotates by size: log → .1 → .2 → .3, the oldest dropped, no line cut or lost in the files kept', async () => {
    const limits = { maxBytes: 1000, keep: 3 };
    // Each batch is 3 lines of ~110 bytes (330 bytes): three batches fill a file, the fourth rotates it.
    const results: EcsLogResult[] = [];
    for (let b = 0; b < 14; b++) results.push(await appendEcsLog(host, writer(), log, [line(b * 3), line(b * 3 + 1), line(b * 3 + 2)], limits));
    expect(results.every((r) => r.written)).toBe(true);
    expect(results.filter((r) => r.written && r.rotated).length).toBeGreaterThanOrEqual(4);
    for (const f of [log, `${log}.1`, `${log}.2`, `${log}.3`]) expect(lstatSync(f).size, f).toBeLessThanOrEqual(1000);
    expect(existsSync(`${log}.4`)).toBe(false);
    // Newest last in log, older in .1, .2, .3: read back oldest first, the numbers run on without a gap.
    const kept = [`${log}.3`, `${log}.2`, `${log}.1`, log].flatMap(linesOf);
    expect(kept[kept.length - 1]).toBe(41);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 42 - kept.length + i));
    expect(kept[0]).toBeGreaterThan(0); // the oldest lines were dropped with the oldest file
  });

  it('a batch larger than the limit goes in whole, into a fresh file', async () => {
    await appendEcsLog(host, writer(), log, [line(0)], { maxBytes: 500, keep: 2 });
    const r = await appendEcsLog(host, writer(), log, [line(1, 400), line(2, 400)], { maxBytes: 500, keep: 2 });
    expect(r).toMatchObject({ written: true, rotated: true });
    expect(linesOf(log)).toEqual([1, 2]);
    expect(linesOf(`${log}.1`)).toEqual([0]);
  });

  it('a folder at the log name is refused, untouched', async () => {
    mkdirSync(log, { recursive: true });
    const r = await appendEcsLog(host, writer(), log, [line(1)]);
    expect(r).toMatchObject({ written: false, problem: 'is-a-directory', path: log });
    expect(lstatSync(log).isDirectory()).toBe(true);
  });

  it.skipIf(!posix)('a FIFO at the log name is refused without blocking', async () => {
    makeSpecial(log, 'fifo');
    const r = await appendEcsLog(host, writer(), log, [line(1)]);
    expect(r).toMatchObject({ written: false, problem: 'not-a-file' });
    expect(lstatSync(log).isFIFO()).toBe(true);
  });

  it.skipIf(!posix)('a symbolic link to a file elsewhere is refused; that file is not written', async () => {
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'precious\n');
    mkdirSync(join(dir, 'logs'));
    symlinkSync(elsewhere, log);
    const r = await appendEcsLog(host, writer(), log, [line(1)]);
    expect(r).toMatchObject({ written: false, problem: 'is-a-link' });
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious\n');
  });

  it.skipIf(!posix)('a logs folder that is a link elsewhere is refused; nothing is written there', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ecs-elsewhere-'));
    try {
      symlinkSync(elsewhere, join(dir, 'logs'));
      const r = await appendEcsLog(host, writer(), log, [line(1)]);
      expect(r).toMatchObject({ written: false, problem: 'is-a-link' });
      expect(existsSync(join(elsewhere, 'findings.ecs.ndjson'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it.skipIf(!posix)('a hard link to another file is refused (the lines would land in it)', async () => {
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'other\n');
    mkdirSync(join(dir, 'logs'));
    linkSync(other, log);
    const r = await appendEcsLog(host, writer(), log, [line(1)]);
    expect(r).toMatchObject({ written: false, problem: 'permission' });
    expect(readFileSync(other, 'utf8')).toBe('other\n');
  });

  it.skipIf(!posix)('a link at a rotated name is neither followed nor moved onto a real file', async () => {
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'precious\n');
    await appendEcsLog(host, writer(), log, [line(0, 600)], { maxBytes: 500, keep: 2 });
    symlinkSync(elsewhere, `${log}.2`);
    const r = await appendEcsLog(host, writer(), log, [line(1)], { maxBytes: 500, keep: 2 });
    expect(r).toMatchObject({ written: false, problem: 'is-a-link', path: log });
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious\n');
    expect(linesOf(log)).toEqual([0]); // nothing lost
  });

  describe('a log that cannot be written', () => {
    const child = (argv: readonly string[], dataDir: string, logPath: string, bytes: number): EcsLogResult => {
      const tsx = join(root, 'node_modules', '.bin', 'tsx');
      const r = spawnSync(argv[0]!, [...argv.slice(1), tsx, join(root, 'tests', 'helpers', 'ecs-log-child.ts'), dataDir, logPath, String(bytes), '3'], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
      return JSON.parse(r.stdout) as EcsLogResult;
    };

    // As root the append runs as nobody, which must be able to read the repository (a checkout under /root is not).
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const nobodyReads = !isRoot || spawnSync(asNobody[0]!, [...asNobody.slice(1), 'test', '-r', join(root, 'tests', 'helpers', 'ecs-log-child.ts')]).status === 0;
    if (isRoot && !nobodyReads) console.warn('ecs-log: the no-permission case is skipped: user nobody cannot read the repository here');
    it.skipIf(!posix || !nobodyReads)('without permission: the reason, not an exception', async () => {
      mkdirSync(join(dir, 'logs'));
      if (!isRoot) {
        chmodSync(join(dir, 'logs'), 0o500);
        const r = await appendEcsLog(host, writer(), log, [line(1)]);
        chmodSync(join(dir, 'logs'), 0o700);
        expect(r).toMatchObject({ written: false, problem: 'permission' });
        return;
      }
      // Root may write anywhere: the append runs as nobody in a folder that is root's (0755).
      chmodSync(dir, 0o755);
      const r = child(asNobody, dir, log, 100);
      expect(r).toMatchObject({ written: false, problem: 'permission', path: log });
      expect(existsSync(log)).toBe(false);
    });

    const unshare = isRoot && spawnSync('unshare', ['--mount', 'true']).status === 0;
    it.skipIf(!unshare)('on a full disk (a 16 KiB tmpfs in a mount namespace: root only): the reason, not an exception', () => {
      // skipped unless root with mount namespaces: only there can a test fill a real file system of its own.
      const data = join(dir, 'data');
      mkdirSync(data);
      const script = `mount -t tmpfs -o size=16k tmpfs "$1" && shift && exec "$@"`;
      const tsx = join(root, 'node_modules', '.bin', 'tsx');
      const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', data, tsx, join(root, 'tests', 'helpers', 'ecs-log-child.ts'), data, ecsLogPath(host, data), String(12 * 1024), '3'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ written: false, problem: 'no-space' });
    });
  });
});
