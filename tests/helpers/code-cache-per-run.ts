/**
 * Vitest's global setup (vitest.config.ts, vitest.system.config.ts): the built CLI keeps V8's code cache in the
 * user's cache folder (~/.cache/attt-selfcheck, src/cli/code-cache.ts) unless ATTT_SELFCHECK_CODE_CACHE_DIR says
 * where, so a test run would write into the real user's. This points it at a folder of this run, set before any
 * test file starts (every worker and every CLI a test spawns with process.env inherits it), removed at the end.
 * A test that wants the cache elsewhere or off still sets the variable for its own spawn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../../src/cli/code-cache';

/** Makes the run's cache folder and points the variable at it; the teardown removes it. */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'attt-code-cache-run-'));
  process.env[CODE_CACHE_DIR_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
