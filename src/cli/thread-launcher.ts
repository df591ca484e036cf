/**
 * The start of the built CLI's check thread (check-thread.ts runs it as the thread's code, not the file): it reads the
 * CLI file once, takes the bundle from its comment and compiles it with the check thread's code cache, as the
 * launcher does for the CLI (launcher.ts), then runs it; the bundle sees CHECK_PROCESS_ARG and serves the check.
 * The build bundles this file into a string the launcher carries (scripts/build-cli.mjs).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workerData } from 'node:worker_threads';
import type { CheckThreadData } from '../core/check-process/protocol';
import { bundleFromFileText, codeCacheDir, compileBundle } from './code-cache';
import { CODE_CACHE_SAVE } from './code-cache-hook';

declare const ATTT_BUNDLE_HASH: string;
declare const ATTT_BUNDLE_LENGTH: number;

const file = (workerData as Partial<CheckThreadData> | null)?.cliFile;
if (!file) throw new Error('the check thread was started without the CLI file to run');
const code = bundleFromFileText(fs.readFileSync(file, 'latin1'));
let dir: string | null = null;
try {
  if (code.length === ATTT_BUNDLE_LENGTH) dir = codeCacheDir(process.env, process.platform, os.homedir());
} catch {
  // No home folder to find: no cache.
}
const compiled = compileBundle(code, file, { dir, buildHash: ATTT_BUNDLE_HASH, role: 'check' });
(globalThis as Record<symbol, unknown>)[CODE_CACHE_SAVE] = compiled.save;
const bundleModule = { exports: {} };
(compiled.script.runInThisContext() as (...a: unknown[]) => void)(bundleModule.exports, require, bundleModule, file, path.dirname(file));
