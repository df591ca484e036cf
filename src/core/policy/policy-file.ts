/**
 * A policy file named on the command line (`--policy FILE`): IT staff trying a policy before they sign and
 * deploy it, and the tests' made-up apps. Read through the Host, at most 1 MiB, validated in full.
 */
import type { Host } from '../host/host';
import { parsePolicy, PolicyError } from './policy';
import type { Policy } from './policy-schema';

/** A policy file larger than this is refused unread. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Reads and validates a policy file. Throws PolicyError (not JSON, or not a valid policy) or the Host's error. */
export async function readPolicyFile(host: Host, file: string): Promise<Policy> {
  const text = await host.readText(file, { maxBytes: MAX_POLICY_BYTES, links: 'follow' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new PolicyError(`${file} is not JSON: ${why}`, [`(root): not JSON: ${why}`]);
  }
  return parsePolicy(json, file);
}
