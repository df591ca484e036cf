/**
 * The entry of the built CLI (out/cli/attt-selfcheck.cjs, scripts/build-cli.mjs): the bundle follows this code in the
 * same file, as a comment (a comment costs V8 next to nothing to skip, where the bundle as code or as a string costs
 * tens of milliseconds), and is compiled from there with V8's code cache of an earlier start (code-cache.ts), in the
 * CLI and in its check thread alike, which it starts first when the command runs `check`. The thread starts from the
 * start code the build puts in here (thread-launcher.ts), which reads this file once and does for the thread what this
 * code does for the CLI; a thread started from the file itself (another caller of startCheckThread) runs the code
 * below as the check thread. The build also puts in the bundle's hash and length.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { bundleFromFileText, codeCacheDir, compileBundle } from './code-cache';
import { CODE_CACHE_SAVE } from './code-cache-hook';
import { THREAD_START, type ThreadStart } from '../core/check-process/check-thread';
import { startEarlyCheckThread } from './early-check-thread';

declare const ATTT_BUNDLE_HASH: string;
declare const ATTT_BUNDLE_LENGTH: number;
/** thread-launcher.ts, bundled: the code the check thread starts with. */
declare const ATTT_THREAD_LAUNCHER: string;

if (isMainThread) (globalThis as Record<symbol, ThreadStart>)[THREAD_START] = { code: ATTT_THREAD_LAUNCHER, file: __filename };
// The check thread starts now, beside this start, when the command runs `check` (early-check-thread.ts).
if (isMainThread && require.main === module) startEarlyCheckThread(process.argv.slice(2), __filename, process.env);
// The file is ASCII (code-cache.ts escapes the rest): read one byte a character.
const code = bundleFromFileText(fs.readFileSync(__filename, 'latin1'));
let dir: string | null = null;
try {
  // Another text than the one built (the file replaced meanwhile) gets no cache: its name would not say which text.
  if (code.length === ATTT_BUNDLE_LENGTH) dir = codeCacheDir(process.env, process.platform, os.homedir());
} catch {
  // No home folder to find: no cache.
}
const compiled = compileBundle(code, __filename, { dir, buildHash: ATTT_BUNDLE_HASH, role: isMainThread ? 'cli' : 'check' });
(globalThis as Record<symbol, unknown>)[CODE_CACHE_SAVE] = compiled.save;
// The CLI saves at its exit (every function it ran is compiled by then); the check thread, before its report.
if (isMainThread) process.once('exit', compiled.save);
(compiled.script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, __filename, path.dirname(__filename));
