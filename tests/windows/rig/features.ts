/**
 * Which product features the Windows rig can test yet, read from the code itself (not from flags),
 * so a test runs as soon as its feature lands and says exactly what is missing until then.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { defaultChecks } from '../../../src/core/checks/default-checks';
import { windowsProbes } from '../../../src/core/checks/banned-app/windows/windows-probes';
import { REPO_ROOT } from './paths';

/** A feature the rig depends on: present or not, and what is missing. */
export interface Feature {
  readonly landed: boolean;
  readonly missing: string;
}

/** The Windows Zoom probes (issue 2/3): windowsProbes is not empty. */
export const windowsZoomProbes: Feature = {
  landed: windowsProbes.length > 0,
  missing: 'src/core/checks/banned-app/windows/windows-probes.ts exports no probes yet',
};

/** The OS patch check (issue 4): a check with id `os-patch` among the default checks. */
export const osPatchCheck: Feature = {
  landed: defaultChecks().some((c) => c.id === 'os-patch'),
  missing: 'no check with id "os-patch" in src/core/checks/default-checks.ts',
};

/** The removal engine's CLI (issue 5): a `fix zoom` command. */
export const fixZoomCommand: Feature = {
  landed: COMMANDS.some((c) => c.words[0] === 'fix'),
  missing: 'no `fix` command in src/cli/commands/index.ts',
};

/**
 * The environment variable through which the removal engine takes a short per-step time limit (so a
 * hanging uninstaller can be tested in seconds), discovered in the engine's own source.
 */
export const fixStepTimeoutEnv: Feature & { readonly name?: string } = (() => {
  const name = findEnvName(['src/core/remediation', 'src/cli'], /ATTT_SELFCHECK_[A-Z_]*TIMEOUT[A-Z_]*/);
  return { landed: name !== undefined, missing: 'the removal engine reads no ATTT_SELFCHECK_*TIMEOUT* variable to shorten a step time limit', ...(name ? { name } : {}) };
})();

function findEnvName(dirs: readonly string[], pattern: RegExp): string | undefined {
  for (const d of dirs) {
    const dir = resolve(REPO_ROOT, d);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir, { recursive: true }) as string[]) {
      if (!f.endsWith('.ts')) continue;
      const m = pattern.exec(readFileSync(resolve(dir, f), 'utf8'));
      if (m) return m[0];
    }
  }
  return undefined;
}
