/**
 * V8's code cache for the CLI bundle (src/cli/code-cache.ts, launcher.ts): made once per role, used after, and
 * ignored safely whatever is found in its place (a flipped byte, a cut file, junk V8 refuses, a link, a FIFO, a file
 * of another user or that others may write, a folder that cannot be written). The built CLI prints the same report,
 * with the same exit code, with no cache, a cold one, a warm one and a corrupt one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_CLOSE, BUNDLE_OPEN, bundleAsComment, bundleFromFileText, CODE_CACHE_DIR_ENV, codeCacheDir, codeCacheFile, compileBundle, wrapBundle } from '../../src/cli/code-cache';
import type { Report } from '../../src/shared/report';
import { envFor, MACHINES } from './fleet-machines';

const ROOT = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'attt-code-cache-'));
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const posix = process.platform !== 'win32';

/** A small bundle: a module that computes something and exports it, as the real one is compiled. */
const SOURCE = "'use strict';\nfunction answer(n) { return n.reduce((a, b) => a + b, 0); }\nmodule.exports = { answer: answer([40, 2]), name: __filename };\n";
const HASH = createHash('sha256').update(SOURCE).digest('hex');

/** Compiles and runs SOURCE with the cache in `dir`; what it exported and what the cache did. */
function load(dir: string | null, source = SOURCE, buildHash = HASH) {
  const c = compileBundle(wrapBundle(source), '/opt/attt/attt-selfcheck.cjs', { dir, buildHash, role: 'cli' });
  const m = { exports: {} as { answer?: number; name?: string } };
  (c.script.runInThisContext() as (...a: unknown[]) => void)(m.exports, require, m, '/opt/attt/attt-selfcheck.cjs', '/opt/attt');
  return { exports: m.exports, state: c.state, save: c.save };
}

let dirs = 0;
const freshDir = (): string => {
  const d = join(scratch, `cache-${++dirs}`);
  mkdirSync(d, { mode: 0o700 });
  return d;
};
/** A folder with a cache made and saved once. */
function warm(): { dir: string; file: string } {
  const dir = freshDir();
  load(dir).save();
  return { dir, file: codeCacheFile(dir, HASH, 'cli') };
}

describe('codeCacheDir', () => {
  it("is the user's cache folder of each OS, the one asked for, or none", () => {
    expect(codeCacheDir({}, 'linux', '/home/an')).toBe('/home/an/.cache/attt-selfcheck');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/home/an/.xdg-cache' }, 'linux', '/home/an')).toBe('/home/an/.xdg-cache/attt-selfcheck');
    expect(codeCacheDir({}, 'darwin', '/Users/an')).toBe('/Users/an/Library/Caches/attt-selfcheck');
    expect(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\an\\AppData\\Local' }, 'win32', 'C:\\Users\\an')).toBe('C:\\Users\\an\\AppData\\Local\\attt-selfcheck\\Cache');
    expect(codeCacheDir({}, 'win32', 'C:\\Users\\an')).toBeNull();
    expect(codeCacheDir({}, 'linux', '')).toBeNull();
    expect(codeCacheDir({ [CODE_CACHE_DIR_ENV]: '/srv/cache' }, 'linux', '/home/an')).toBe('/srv/cache');
    expect(codeCacheDir({ [CODE_CACHE_DIR_ENV]: '' }, 'linux', '/home/an')).toBeNull();
  });
});

describe('the bundle carried as a comment after the launcher', () => {
  it('comes back whole, whatever it holds: comment ends, the escape itself, the markers, non-ASCII, line separators', () => {
    const hostile = `a = /x*/.test(s) /* c */; b = '\x01a\x01b\x01u0041\x01'; c = "${BUNDLE_CLOSE}${BUNDLE_OPEN}"; d = 'Cốc Cốc ° \u2028 😀';\n*/*/`;
    const file = `#!/usr/bin/env node\nlauncher();\n${bundleAsComment(hostile)}`;
    // ASCII, so the launcher reads it one byte a character.
    expect([...file].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(bundleFromFileText(Buffer.from(file, 'latin1').toString('latin1'))).toBe(hostile);
    // The whole file is JavaScript that runs the launcher only: the bundle is inside one comment.
    const ran: string[] = [];
    new Function('launcher', file.replace(/^#!.*/, ''))(() => ran.push('launcher'));
    expect(ran).toEqual(['launcher']);
  });

  it('a file that carries none is said so', () => {
    expect(() => bundleFromFileText('#!/usr/bin/env node\nlauncher();\n')).toThrow(/carries no bundle/);
  });
});

describe('compileBundle', () => {
  it('first start: no cache, saved once; next start: used; the code does the same either way', () => {
    const dir = freshDir();
    const cold = load(dir);
    expect(cold).toMatchObject({ state: 'absent', exports: { answer: 42, name: '/opt/attt/attt-selfcheck.cjs' } });
    cold.save();
    cold.save();
    expect(readdirSync(dir)).toEqual([codeCacheFile(dir, HASH, 'cli').slice(dir.length + 1)]);
    expect(load(dir)).toMatchObject({ state: 'used', exports: { answer: 42 } });
    expect(load(null)).toMatchObject({ state: 'off', exports: { answer: 42 } });
  });

  it('a flipped byte, a cut file or junk is corrupt: ignored, the code runs, and a good cache replaces it', () => {
    for (const spoil of [(b: Buffer) => (b[b.length - 7]! ^= 0x40, b), (b: Buffer) => b.subarray(0, b.length >> 1), () => Buffer.from('not a cache at all'), () => Buffer.alloc(0)]) {
      const { dir, file } = warm();
      writeFileSync(file, spoil(readFileSync(file)));
      const r = load(dir);
      expect(r).toMatchObject({ state: 'corrupt', exports: { answer: 42 } });
      r.save();
      expect(load(dir).state).toBe('used');
    }
  });

  it('a cache V8 refuses (well framed, but not code of this text) is rejected: the code runs, and it is written anew', () => {
    // A text this process never compiled (V8 keeps what it compiled in memory, and would not look at the cache).
    const source = `${SOURCE}// ${Math.random()}\n`;
    const hash = createHash('sha256').update(source).digest('hex');
    const dir = freshDir();
    const junk = Buffer.from('V8 would never make this'.repeat(50));
    writeFileSync(codeCacheFile(dir, hash, 'cli'), Buffer.concat([Buffer.from('ATTT-V8-CACHE-1\n'), createHash('sha256').update(junk).digest(), junk]), { mode: 0o600 });
    const r = load(dir, source, hash);
    expect(r).toMatchObject({ state: 'rejected', exports: { answer: 42 } });
    r.save();
    expect(load(dir, source, hash).state).toBe('used');
  });

  it("another build never reads this one's cache; a save keeps the newest three builds' of its role, the other role's all", () => {
    const { dir, file } = warm();
    const build = (n: number) => {
      const source = `'use strict';\nmodule.exports = { answer: ${n} };\n`;
      return { source, hash: createHash('sha256').update(source).digest('hex') };
    };
    const [b1, b2, b3] = [build(1), build(2), build(3)];
    const first = load(dir, b1.source, b1.hash);
    expect(first).toMatchObject({ state: 'absent', exports: { answer: 1 } });
    writeFileSync(join(dir, 'cli-0123456789abcdef-check-v20.0.0-x64.v8cache'), 'the check role of an old build');
    // Oldest first: the warm build's cache, then b1, b2, b3 (mtimes set apart, as days of use would).
    const age = (f: string, s: number) => utimesSync(f, s, s);
    age(file, 1_000);
    first.save();
    age(codeCacheFile(dir, b1.hash, 'cli'), 2_000);
    load(dir, b2.source, b2.hash).save();
    age(codeCacheFile(dir, b2.hash, 'cli'), 3_000);
    expect(existsSync(file)).toBe(true);
    load(dir, b3.source, b3.hash).save();
    expect(existsSync(file)).toBe(false);
    const name = (h: string) => codeCacheFile(dir, h, 'cli').slice(dir.length + 1);
    expect(readdirSync(dir).sort()).toEqual([name(b1.hash), name(b2.hash), name(b3.hash), 'cli-0123456789abcdef-check-v20.0.0-x64.v8cache'].sort());
  });

  it.runIf(posix)('what is not a file of ours is refused unread and left alone: a link, a FIFO, a folder, a file others may write', () => {
    const { file: good } = warm();
    const cases: [string, (file: string) => void][] = [
      ['link', (f) => symlinkSync(good, f)],
      ['fifo', (f) => execFileSync('mkfifo', [f])],
      ['folder', (f) => mkdirSync(f)],
      ['group-writable', (f) => (writeFileSync(f, readFileSync(good)), chmodSync(f, 0o620))],
    ];
    for (const [what, make] of cases) {
      const dir = freshDir();
      const file = codeCacheFile(dir, HASH, 'cli');
      make(file);
      const before = lstatSync(file);
      const r = load(dir);
      expect({ what, state: r.state, answer: r.exports.answer }).toEqual({ what, state: 'refused', answer: 42 });
      r.save();
      const after = lstatSync(file);
      expect({ what, ino: after.ino, mode: after.mode }).toEqual({ what, ino: before.ino, mode: before.mode });
    }
  });

  it.runIf(asRoot)("as root: a cache file or folder of another user is never used or written (sudo may keep a user's HOME)", () => {
    const { dir, file } = warm();
    chownSync(file, 1000, 1000);
    expect(load(dir).state).toBe('refused');
    const theirs = join(scratch, 'home-of-an');
    mkdirSync(theirs, { mode: 0o755 });
    chownSync(theirs, 1000, 1000);
    const r = load(join(theirs, '.cache', 'attt-selfcheck'));
    expect(r).toMatchObject({ state: 'absent', exports: { answer: 42 } });
    r.save();
    expect(readdirSync(theirs)).toEqual([]);
  });

  it('a folder that cannot be made (a file in its way) means no cache and no error', () => {
    const blocker = join(freshDir(), 'blocker');
    writeFileSync(blocker, 'a file, not a folder', { mode: 0o600 });
    const r = load(join(blocker, 'cache'));
    expect(r).toMatchObject({ state: 'absent', exports: { answer: 42 } });
    expect(() => r.save()).not.toThrow();
    expect(readFileSync(blocker, 'utf8')).toBe('a file, not a folder');
  });
});

describe('the built CLI with and without its code cache', () => {
  const CLI = join(scratch, 'attt-selfcheck.cjs');
  beforeAll(() => void execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), `--outfile=${CLI}`], { cwd: ROOT }), 60_000);

  /** The report of `check --json` on the recorded machine with Zoom, with the cache in `dir` ('' = none). */
  function check(dir: string): { status: number | null; report: Omit<Report, 'generatedAt' | 'durationMs'>; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, 'check', '--json'], { env: { ...process.env, ...envFor('code-cache', MACHINES.zoom), [CODE_CACHE_DIR_ENV]: dir }, encoding: 'utf8', timeout: 60_000 });
    const { generatedAt: _g, durationMs: _d, ...report } = JSON.parse(r.stdout) as Report;
    return { status: r.status, report, stderr: r.stderr };
  }

  it('prints the same report, with the same exit code, with no cache, a cold, a warm and a corrupt one', () => {
    const none = check('');
    expect(none.status).toBe(2);
    expect(none.report.summary.violation).toBeGreaterThan(0);
    const dir = join(scratch, 'cli-cache');
    const cold = check(dir);
    const made = readdirSync(dir).sort();
    expect(made).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-check-v[\d.]+-[a-z0-9]+\.v8cache$/), expect.stringMatching(/^cli-[0-9a-f]{16}-cli-v[\d.]+-[a-z0-9]+\.v8cache$/)]);
    const warmRun = check(dir);
    for (const f of made) writeFileSync(join(dir, f), 'garbage where the cache was');
    const corrupt = check(dir);
    for (const r of [cold, warmRun, corrupt]) expect(r).toEqual(none);
    // The corrupt files were replaced by good ones.
    for (const f of made) expect(readFileSync(join(dir, f)).subarray(0, 16).toString()).toBe('ATTT-V8-CACHE-1\n');
  }, 120_000);

  it("the check thread starts from the launcher's start code: Node's loader never reads the CLI file in it, and the check runs", () => {
    // A preload (run in every thread) that notes, per thread, each file Node's loader compiles.
    const hook = join(scratch, 'loads-hook.cjs');
    const log = join(scratch, 'loads.log');
    writeFileSync(
      hook,
      `const M = require('module'); const fs = require('fs'); const { isMainThread } = require('worker_threads');
       const compile = M.prototype._compile;
       M.prototype._compile = function (content, filename) { fs.appendFileSync(${JSON.stringify(log)}, (isMainThread ? 'main ' : 'thread ') + filename + '\\n'); return compile.call(this, content, filename); };\n`,
    );
    const r = spawnSync(process.execPath, ['--require', hook, CLI, 'check', '--json'], { env: { ...process.env, ...envFor('code-cache', MACHINES.zoom), [CODE_CACHE_DIR_ENV]: '' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as Report).summary.violation).toBeGreaterThan(0);
    const loads = readFileSync(log, 'utf8').trim().split('\n');
    expect(loads).toContain(`main ${CLI}`);
    const inThread = loads.filter((l) => l.startsWith('thread '));
    expect(inThread.length).toBeGreaterThan(0); // the hook sees the thread's start code (so it would see the file too)
    expect(inThread).not.toContain(`thread ${CLI}`);
  }, 60_000);

  it('a check thread started early for a command that then runs no check keeps nothing alive: the usage error ends at once', () => {
    for (const args of [['check', '--no-such-flag'], ['--lang', 'en', 'check', '--only', 'nothing']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...envFor('code-cache', MACHINES.zoom), [CODE_CACHE_DIR_ENV]: '' }, encoding: 'utf8', timeout: 30_000 });
      expect({ args, status: r.status, signal: r.signal }).toEqual({ args, status: 64, signal: null });
    }
  });
});
