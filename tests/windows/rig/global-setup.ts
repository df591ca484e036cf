/**
 * Vitest global setup of the Windows rig: fetch Windows Node and build the CLI bundle once, before
 * any test file makes its prefix (paths in ./paths.ts).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';
import { wineAvailable } from './wine';

/** Runs scripts/windows-rig-setup.mjs; throws when it fails, so no test runs on a stale bundle. */
export default function setup(): void {
  if (!wineAvailable) return;
  const script = resolve(REPO_ROOT, 'scripts', 'windows-rig-setup.mjs');
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
  if (r.status !== 0) throw new Error(`windows rig setup failed (exit ${r.status}): ${r.stdout}`);
}
