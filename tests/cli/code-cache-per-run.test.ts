// Tests never write the built CLI's V8 code cache into the real user's cache folder: the run's global setup
// (tests/helpers/code-cache-per-run.ts) points ATTT_SELFCHECK_CODE_CACHE_DIR at a folder of the run, and the helper
// that runs the built CLI (tests/helpers/built-cli.ts) hands it on. Here the built CLI runs with this user's real
// HOME and no cache folder of its own; the cache lands in the run's folder, and ~/.cache/attt-selfcheck is as it was.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_OPEN, CODE_CACHE_DIR_ENV, codeCacheDir, codeCacheFile } from '../../src/cli/code-cache';
import { buildCli, builtCliEnv, runBuiltCli } from '../helpers/built-cli';

const scratch = mkdtempSync(join(tmpdir(), 'attt-code-cache-home-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a folder holds, each entry with its size and times: 'absent' when there is none. */
function snapshot(dir: string): unknown {
  try {
    lstatSync(dir);
  } catch {
    return 'absent';
  }
  return readdirSync(dir).sort().map((name) => {
    const s = statSync(join(dir, name));
    return { name, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  });
}

describe.runIf(process.platform !== 'win32')('the built CLI spawned by a test keeps its code cache out of the user\'s cache folder', () => {
  it('the run has a cache folder of its own, in the temporary folder', () => {
    const run = process.env[CODE_CACHE_DIR_ENV];
    expect(run).toBeDefined();
    expect(run!.startsWith(join(tmpdir(), 'attt-code-cache-run-'))).toBe(true);
    expect(statSync(run!).isDirectory()).toBe(true);
  });

  it('with the real HOME: the cache is written in the run\'s folder, ~/.cache/attt-selfcheck is untouched', () => {
    const { [CODE_CACHE_DIR_ENV]: _run, ...userEnv } = process.env;
    // Where the CLI would put it for this user, were the variable not set.
    const home = codeCacheDir(userEnv, process.platform, homedir())!;
    expect(home.startsWith(homedir())).toBe(true);
    const before = snapshot(home);
    const cli = buildCli(join(scratch, 'attt-selfcheck.cjs'));
    const r = runBuiltCli(cli, ['catalog', 'show', '--lang', 'en'], { env: { ...userEnv, HOME: homedir() } });
    expect(r.status).toBe(0);
    expect(snapshot(home)).toEqual(before);
    // The spawn did compile with a cache: this build's file is in the run's folder (so it would have gone home).
    const text = readFileSync(cli, 'latin1');
    const hash = /"([0-9a-f]{64})"/.exec(text.slice(0, text.indexOf(BUNDLE_OPEN)))![1]!;
    expect(statSync(codeCacheFile(process.env[CODE_CACHE_DIR_ENV]!, hash, 'cli')).size).toBeGreaterThan(0);
  }, 120_000);

  it('a spawn that names its own cache folder (or none) keeps it', () => {
    expect(builtCliEnv({ PATH: '/usr/bin', [CODE_CACHE_DIR_ENV]: '' })[CODE_CACHE_DIR_ENV]).toBe('');
    expect(builtCliEnv({ PATH: '/usr/bin' })[CODE_CACHE_DIR_ENV]).toBe(process.env[CODE_CACHE_DIR_ENV]);
  });
});
