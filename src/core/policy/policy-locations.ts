import type { Host } from '../host/host';
import { machineConfigDir } from '../paths';

/** The signed organisation policy's file name in the machine-wide folder. */
export const POLICY_FILE_NAME = 'policy.json';
/** The organisation's public key (PEM, Ed25519, SPKI) beside it: the only key a policy there may be signed with. */
export const POLICY_KEY_FILE_NAME = 'policy-signing.public.pem';
/** Group Policy's registry key for the app (deploy/windows/admx/attt-selfcheck.admx). */
export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck';

/**
 * The folder of the organisation policy: the machine-wide folder (paths.ts machineConfigDir), where only
 * administrators may write. ATTT_SELFCHECK_MACHINE_POLICY_DIR overrides it ("" turns it off), for tests.
 */
export function machinePolicyDir(host: Host): string | null {
  const override = host.env.ATTT_SELFCHECK_MACHINE_POLICY_DIR;
  if (override !== undefined) return override === '' ? null : override;
  return machineConfigDir(host);
}
