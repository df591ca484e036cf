/** The check function the controller calls: the core's checks on this machine (or the host named by the environment). */
import { defaultChecks } from '../core/checks/default-checks';
import { checkTimeLimitFromEnv } from '../core/check-process/time-limit';
import { runChecks, selectChecks } from '../core/engine';
import { hostFromEnv } from '../core/host/host-from-env';
import { memoWriterFor } from '../core/host/memo-writer';
import type { Host } from '../core/host/host';
import { builtinPolicy } from '../core/policy/policy';
import { builtinPolicyInForce, type PolicyInForce } from '../core/policy/policy-in-force';
import { policyView as policyViewOf } from '../shared/policy-view';
import type { PolicyView } from '../shared/ipc-contract';
import type { Report } from '../shared/report';
import { orgPolicyView } from './policy-holder';
import { runChecksInUtility, type UtilityCheckOptions } from './run-in-utility';

/** Runs all checks, or only the one named. */
export type CheckFn = (only?: string) => Promise<Report>;

/** Where the check process is and how it starts; without it the checks run in this process (tests). */
export type UtilitySpec = Omit<UtilityCheckOptions, 'checks' | 'timeLimitMs'> & { readonly timeLimitMs?: number };

/**
 * Makes the check function. With `utility`, each run is a utility process serving the core's worker (the tray
 * stays responsive and a hung check is killed at its limit, ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS of that
 * environment read as the CLI reads it); the host it looks through comes from the same environment. Without, the checks run here, through `host`.
 */
export function makeCheckRunner(dataDir: string, host: Host = hostFromEnv(process.env), utility?: UtilitySpec, policy?: () => Promise<PolicyInForce>): CheckFn {
  const memoWriter = memoWriterFor(host, dataDir);
  const run = (checks: NonNullable<ReturnType<typeof selectChecks>>, inForce: PolicyInForce): Promise<Report> => {
    const ctx = { host, policy: inForce.policy, provenance: inForce.provenance, now: new Date(), dataDir, ...(memoWriter ? { memoWriter } : {}) };
    if (!utility) return runChecks(ctx, { checks, timeLimitMs: checkTimeLimitFromEnv(host.env) });
    return runChecksInUtility(ctx, { ...utility, timeLimitMs: utility.timeLimitMs ?? checkTimeLimitFromEnv(utility.env), checks });
  };
  return (only) => {
    const checks = selectChecks(defaultChecks(), only);
    if (!checks) return Promise.reject(new Error(`no check named ${only ?? ''}`));
    // The organisation's policy is read again before each check: IT may deploy or replace it while the app runs.
    return policy ? policy().then((inForce) => run(checks, inForce)) : run(checks, builtinPolicyInForce());
  };
}

/** The advisory as the window's advisory page shows it, with the checks the app runs for each point and the organisation's policy over it. */
export function policyView(inForce?: PolicyInForce): PolicyView {
  if (!inForce) return policyViewOf(builtinPolicy(), defaultChecks());
  return { ...policyViewOf(inForce.policy, defaultChecks()), organisation: orgPolicyView(inForce) };
}
