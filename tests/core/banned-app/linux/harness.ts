// Shared by the Linux and macOS probe tests: run one probe against a host with the built-in policy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckContext } from '../../../../src/core/checks/check';
import type { Probe, ProbeResult, Hit } from '../../../../src/core/checks/banned-app/probe';
import type { Host } from '../../../../src/core/host/host';
import { builtinPolicy } from '../../../../src/core/policy/policy';
import type { BannedApp } from '../../../../src/core/policy/policy-schema';

/** The fixed clock of these tests. */
export const NOW = new Date('2026-06-01T08:00:00Z');

/** The built-in policy's Zoom signatures. */
export function zoom(): BannedApp {
  return builtinPolicy().bannedApps.find((a) => a.id === 'zoom')!;
}

/** A context on this host with the built-in policy. */
export function ctxOf(host: Host): CheckContext {
  return { host, policy: builtinPolicy(), now: NOW };
}

/** Runs a probe for Zoom (or another app) on a host. */
export function runProbe(probe: Probe, host: Host, app: BannedApp = zoom()): Promise<ProbeResult> {
  return probe.run(ctxOf(host), app);
}

/** The hits of a result that ran; fails the test otherwise. */
export function hitsOf(r: ProbeResult): readonly Hit[] {
  if (r.status !== 'ran') throw new Error(`expected the probe to run, got ${JSON.stringify(r)}`);
  return r.hits;
}

/** A recorded output from tests/fixtures/<os>/. */
export function fixture(os: 'linux' | 'macos', name: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'fixtures', os, name), 'utf8');
}
