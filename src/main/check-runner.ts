/** Runs the core's checks in main, on this machine (or the host named by the environment, for IT staff and tests). */
import { defaultChecks } from '../core/checks/default-checks';
import { runChecks, selectChecks } from '../core/engine';
import { hostFromEnv } from '../core/host/host-from-env';
import { memoWriterFor } from '../core/host/memo-writer';
import type { Host } from '../core/host/host';
import { builtinPolicy } from '../core/policy/policy';
import type { PolicyView } from '../shared/ipc-contract';
import type { Report } from '../shared/report';

/** Makes the check function the controller calls (all checks, or only the one named): the core is async and light, so it runs in main. */
export function makeCheckRunner(dataDir: string, host: Host = hostFromEnv(process.env)): (only?: string) => Promise<Report> {
  const memoWriter = memoWriterFor(host, dataDir);
  return (only) => {
    const checks = selectChecks(defaultChecks(), only);
    if (!checks) return Promise.reject(new Error(`no check named ${only ?? ''}`));
    return runChecks({ host, policy: builtinPolicy(), now: new Date(), dataDir, ...(memoWriter ? { memoWriter } : {}) }, { checks });
  };
}

/** The built-in advisory as the window's advisory page shows it. */
export function policyView(): PolicyView {
  const p = builtinPolicy();
  return { id: p.id, number: p.number, date: p.date, issuer: p.issuer, title: p.title, points: p.points, citations: p.citations };
}
