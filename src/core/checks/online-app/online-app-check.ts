/**
 * The online meeting, messaging and file-sharing apps points 3 and 4 of the advisory speak of (the policy's
 * `onlineApps`): found by the banned-app probes, each install or running copy is a `notice` with the rules for
 * using it; never a fault, never removed. Leftovers are nobody's concern here, and installers the installer-origin check's.
 */
import type { AdvisoryPoint, Evidence, Finding } from '../../../shared/finding';
import type { OnlineApp } from '../../policy/policy-schema';
import { runProbes, type ProbeSet } from '../banned-app/banned-app-check';
import { namingApp } from '../banned-app/app-message';
import { installSubject } from '../banned-app/install-subject';
import type { Hit, Probe, ProbeResult } from '../banned-app/probe';
import { findingId, msg, type Check, type CheckContext } from '../check';

/** Id of the online-app check. */
export const ONLINE_APP_CHECK = 'online-app';

/** Points 3 (private, authenticated meetings; no unknown files or links) and 4 (no secrets through them). */
const POINT = 3 as const;
const ALSO: readonly AdvisoryPoint[] = [4];

/** The check for the online apps of the policy: one notice per install found, one `ok` when none, one `unknown` when a probe could not look. */
export function onlineAppCheck(probes: ProbeSet): Check {
  return {
    id: ONLINE_APP_CHECK,
    advisoryPoint: POINT,
    alsoPoints: ALSO,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      const results: [OnlineApp, ReadonlyArray<readonly [Probe, ProbeResult]>][] = [];
      // Its installers are the installer-origin check's (where they came from); here no probe looks for them.
      for (const app of ctx.policy.onlineApps) results.push([app, await runProbes(probes, ctx, { ...app, installers: { ...app.installers, filePatterns: [] } })]);
      return judgeOnline(results, ctx.policy.number);
    },
  };
}

/** Turns the probe results of every online app into findings: notices, then one `unknown` or one `ok` for the list. */
export function judgeOnline(results: ReadonlyArray<readonly [OnlineApp, ReadonlyArray<readonly [Probe, ProbeResult]>]>, policyNumber: string): Finding[] {
  const notices: Finding[] = [];
  const unlooked: Evidence[] = [];
  let reason: Finding['reason'];
  let looked = 0;
  for (const [app, probeResults] of results) {
    const groups = new Map<string, Hit[]>();
    for (const [probe, r] of probeResults) {
      if (r.status === 'ran') {
        looked += 1;
        // Only the app itself matters here: an installer or a leftover of an app that is allowed is nothing to say.
        for (const h of r.hits) if (h.kind === 'installed' || h.kind === 'running') groups.set(h.install, [...(groups.get(h.install) ?? []), h]);
      } else if (r.status === 'unknown') {
        unlooked.push({ kind: 'probe', detail: `${app.name}: ${r.looked}`, data: { probe: probe.id } });
        reason ??= namingApp(r.reason, app);
      }
    }
    for (const [install, group] of groups) notices.push(notice(app, install, group, policyNumber));
  }
  notices.sort((a, b) => a.id.localeCompare(b.id));
  const names = results.map(([a]) => a.name).join(', ');
  const base = { check: ONLINE_APP_CHECK, advisoryPoint: POINT, alsoPoints: ALSO, evidence: [] as Evidence[] };
  if (unlooked.length > 0 && reason) {
    notices.push({ ...base, id: findingId(ONLINE_APP_CHECK, 'unknown'), status: 'unknown', severity: 'low', title: msg('onlineApp:unknown.title'), reason, evidence: unlooked });
  } else if (notices.length === 0 && results.length > 0) {
    const title = looked > 0 ? msg('onlineApp:ok.title', { apps: names }) : msg('onlineApp:unknown.noProbe', { apps: names });
    notices.push(looked > 0 ? { ...base, id: findingId(ONLINE_APP_CHECK, 'ok'), status: 'ok', severity: 'info', title } : { ...base, id: findingId(ONLINE_APP_CHECK, 'unknown', 'no-probe'), status: 'unknown', severity: 'low', title, reason: msg('common:reason.noProbe') });
  }
  return notices;
}

function notice(app: OnlineApp, install: string, group: readonly Hit[], policyNumber: string): Finding {
  const kind = group.some((h) => h.kind === 'running') ? 'running' : 'installed';
  const evidence = group.map((h) => (h.evidence.label ? { ...h.evidence, label: namingApp(h.evidence.label, app) } : h.evidence));
  const subject = installSubject(app, kind, evidence);
  return {
    id: findingId(ONLINE_APP_CHECK, app.id, install),
    check: ONLINE_APP_CHECK,
    app: app.id,
    status: 'notice',
    severity: 'info',
    advisoryPoint: POINT,
    alsoPoints: ALSO,
    title: subject.user ? msg(`onlineApp:${kind}.titleOfUser`, { app: app.name, product: subject.product, user: subject.user }) : msg(`onlineApp:${kind}.title`, { app: app.name, product: subject.product }),
    detail: msg('onlineApp:detail', { app: app.name, number: policyNumber }),
    action: msg('onlineApp:action', { app: app.name }),
    evidence,
  };
}
