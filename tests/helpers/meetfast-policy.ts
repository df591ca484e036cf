/**
 * A second, made-up meeting app, MeetFast, defined only in a test policy (tests/fixtures/policies/meetfast-app.json):
 * the built-in policy with MeetFast banned beside Zoom. No code names MeetFast; the tests find and remove it
 * with the same code as Zoom.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import builtinJson from '../../policies/cv-1981-ubnd-vhtt.json';
import { parsePolicy } from '../../src/core/policy/policy';
import type { BannedApp, Policy } from '../../src/core/policy/policy-schema';

/** The MeetFast entry as IT would write it. */
export const MEETFAST_ENTRY: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'policies', 'meetfast-app.json'), 'utf8'));

/** The test policy document: the built-in one, with MeetFast banned too. */
export function meetfastPolicyDocument(): Record<string, unknown> {
  return { ...(builtinJson as Record<string, unknown>), id: 'test-meetfast', bannedApps: [...(builtinJson as { bannedApps: unknown[] }).bannedApps, MEETFAST_ENTRY] };
}

/** The test policy, validated as any policy file is. */
export function meetfastPolicy(): Policy {
  return parsePolicy(meetfastPolicyDocument(), 'test policy');
}

/** MeetFast's entry of the validated test policy. */
export function meetfast(): BannedApp {
  return meetfastPolicy().bannedApps.find((a) => a.id === 'meetfast')!;
}

/** Writes the test policy to a file (for `--policy FILE`) and returns its path. */
export function writeMeetfastPolicy(dir: string = mkdtempSync(join(tmpdir(), 'attt-meetfast-'))): string {
  const file = join(dir, 'meetfast-policy.json');
  writeFileSync(file, JSON.stringify(meetfastPolicyDocument(), null, 2));
  return file;
}
