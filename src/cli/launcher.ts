/**
 * The entry of the built CLI (out/cli/attt-selfcheck.cjs, scripts/build-cli.mjs): the bundle is carried here as text
 * and compiled with V8's code cache of an earlier start (code-cache.ts), in the CLI and in its check thread alike
 * (the thread runs this same file). The text and its hash are put in by the build.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { codeCacheDir, compileBundle } from './code-cache';
import { CODE_CACHE_SAVE } from './code-cache-hook';

declare const ATTT_BUNDLE_SOURCE: string;
declare const ATTT_BUNDLE_HASH: string;

let dir: string | null = null;
try {
  dir = codeCacheDir(process.env, process.platform, os.homedir());
} catch {
  // No home folder to find: no cache.
}
const compiled = compileBundle(ATTT_BUNDLE_SOURCE, __filename, { dir, buildHash: ATTT_BUNDLE_HASH, role: isMainThread ? 'cli' : 'check' });
(globalThis as Record<symbol, unknown>)[CODE_CACHE_SAVE] = compiled.save;
// The CLI saves at its exit (every function it ran is compiled by then); the check thread, before its report.
if (isMainThread) process.once('exit', compiled.save);
(compiled.script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, __filename, path.dirname(__filename));
