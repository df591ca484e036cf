/**
 * Runs Node code in a child process that is killed (SIGKILL) after a time limit: a read that hangs
 * (a blocking open of a FIFO, a synchronous read of /dev/zero) fails the test instead of blocking the
 * test runner itself. Reports the child's peak memory, so a test can assert it stayed small.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository's root folder. */
export const ROOT = join(__dirname, '..', '..');

/** What the child did; `killed` when the guard had to stop it. */
export interface GuardedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident memory in kilobytes, or null when the child did not get to exit by itself. */
  readonly maxRssKb: number | null;
}

/** Options of a guarded run. */
export interface GuardOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

function guarded(args: readonly string[], options: GuardOptions): GuardedRun {
  const dir = mkdtempSync(join(tmpdir(), 'attt-guard-'));
  const rssFile = join(dir, 'rss');
  try {
    const r = spawnSync(process.execPath, ['--require', join(__dirname, 'report-rss.cjs'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...(options.env ?? process.env), ATTT_TEST_RSS_FILE: rssFile },
    });
    let maxRssKb: number | null = null;
    try {
      maxRssKb = Number(readFileSync(rssFile, 'utf8'));
    } catch {
      // killed before its exit handler ran
    }
    return { status: r.status, signal: r.signal, killed: r.signal === 'SIGKILL', stdout: r.stdout ?? '', stderr: r.stderr ?? '', maxRssKb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `attt-selfcheck ARGS` (bin/attt-selfcheck.cjs: the TypeScript source through tsx) under the guard. */
export function guardedCli(args: readonly string[], options: GuardOptions = {}): GuardedRun {
  return guarded([join(ROOT, 'bin', 'attt-selfcheck.cjs'), ...args], options);
}

/**
 * Runs a CommonJS snippet under the guard with tsx registered, so it may `require` the TypeScript
 * sources by absolute path (ROOT is given to it as the constant `ROOT`). It prints its answer on stdout.
 */
export function guardedScript(code: string, options: GuardOptions = {}): GuardedRun {
  const prelude = `require('tsx/cjs/api').register(); const ROOT = ${JSON.stringify(ROOT)};\n`;
  return guarded(['-e', prelude + code], options);
}
