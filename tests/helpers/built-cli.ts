/**
 * The built CLI (scripts/build-cli.mjs, the file that ships) for tests: built into a folder of the test, and run with
 * its V8 code cache in the run's folder (tests/helpers/code-cache-per-run.ts), never the user's. A spawn whose
 * environment names no cache folder gets the run's; with none to give, it is refused rather than let the CLI write
 * into ~/.cache/attt-selfcheck.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../../src/cli/code-cache';

const ROOT = join(__dirname, '..', '..');

/** Builds the CLI into `outfile` (as `npm run build:cli` does into out/cli) and returns its path. */
export function buildCli(outfile: string): string {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), `--outfile=${outfile}`], { cwd: ROOT, stdio: 'ignore' });
  return outfile;
}

/** How to run it: the environment (process.env when absent), and what a spawn takes. */
export interface BuiltCliOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** The environment a spawn gets: `env` with the run's code cache folder unless it names one (or '' for none). */
export function builtCliEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env[CODE_CACHE_DIR_ENV] !== undefined) return env;
  const run = process.env[CODE_CACHE_DIR_ENV];
  if (run === undefined) throw new Error(`${CODE_CACHE_DIR_ENV} is not set: run the tests through vitest.config.ts, whose global setup points it at a folder of the run`);
  return { ...env, [CODE_CACHE_DIR_ENV]: run };
}

/** Runs the built CLI with `args`. */
export function runBuiltCli(cli: string, args: readonly string[], options: BuiltCliOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? ROOT, env: builtCliEnv(options.env), input: options.input ?? '', encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
}
