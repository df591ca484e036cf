import type { Evidence, Finding } from '../../../shared/finding';
import type { Platform } from '../../host/host';
import type { BannedApp } from '../../policy/policy-schema';
import { errorText, findingId, msg, type Check, type CheckContext } from '../check';
import { namingApp } from './app-message';
import { installSubject } from './install-subject';
import type { Hit, HitKind, Probe, ProbeResult } from './probe';

/** Id of the banned-application check. */
export const BANNED_APP_CHECK = 'banned-app';

/** Status and severity per kind of hit: an installed or running app breaks point 1; the rest needs tidying. */
const JUDGEMENT: Record<HitKind, Pick<Finding, 'status' | 'severity'>> = {
  running: { status: 'violation', severity: 'critical' },
  installed: { status: 'violation', severity: 'high' },
  installer: { status: 'warning', severity: 'medium' },
  leftover: { status: 'warning', severity: 'low' },
};

const KIND_ORDER: readonly HitKind[] = ['running', 'installed', 'installer', 'leftover'];

/** Probes per platform; each platform module registers its own. */
export type ProbeSet = Readonly<Record<Platform, readonly Probe[]>>;

/** The check for banned apps (each in every form): runs every probe of this platform for every banned app of the policy. */
export function bannedAppCheck(probes: ProbeSet): Check {
  return {
    id: BANNED_APP_CHECK,
    advisoryPoint: 1,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      const findings: Finding[] = [];
      for (const app of ctx.policy.bannedApps) findings.push(...judge(app, await runProbes(probes, ctx, app)));
      return findings;
    },
  };
}

/** Runs every probe of this platform for one app entry (a banned app, or an online app: the same detection). */
export async function runProbes(probes: ProbeSet, ctx: CheckContext, app: BannedApp): Promise<ReadonlyArray<readonly [Probe, ProbeResult]>> {
  return Promise.all(
    probes[ctx.host.platform].map(async (p): Promise<[Probe, ProbeResult]> => {
      try {
        return [p, await p.run(ctx, app)];
      } catch (e) {
        return [p, { status: 'unknown', looked: p.id, reason: msg('common:reason.probeCrashed', { probe: p.id, message: errorText(e) }) }];
      }
    }),
  );
}

/** A probe id as an i18n key segment (ids hold dots, which i18next reads as nesting). */
export function probeKey(id: string): string {
  return id.replace(/\./g, '_');
}

/** Turns probe results for one app into findings: one per install, one per probe that could not look, or one `ok`. */
export function judge(app: BannedApp, results: ReadonlyArray<readonly [Probe, ProbeResult]>): Finding[] {
  const groups = new Map<string, Hit[]>();
  const unknowns: Finding[] = [];
  const clean: Evidence[] = [];
  for (const [probe, r] of results) {
    if (r.status === 'ran') {
      for (const h of r.hits) groups.set(h.install, [...(groups.get(h.install) ?? []), h]);
      if (r.hits.length === 0) clean.push({ kind: 'probe', detail: r.looked, data: { probe: probe.id } });
    } else if (r.status === 'unknown') {
      unknowns.push({
        id: findingId(BANNED_APP_CHECK, app.id, 'unknown', probe.id),
        check: BANNED_APP_CHECK,
        app: app.id,
        status: 'unknown',
        severity: 'medium',
        advisoryPoint: app.advisoryPoint,
        // Where, in words (one sentence per probe); the technical `looked` stays in the evidence.
        title: msg(`bannedApp:unknown.at.${probeKey(probe.id)}`, { app: app.name }),
        reason: namingApp(r.reason, app),
        action: msg('bannedApp:unknown.action', { app: app.name }),
        evidence: [{ kind: 'probe', detail: r.looked, data: { probe: probe.id } }],
      });
    }
  }
  const hits: Finding[] = [];
  for (const [install, group] of groups) {
    const kind = KIND_ORDER.find((k) => group.some((h) => h.kind === k)) ?? 'leftover';
    const first = group.find((h) => h.kind === kind) ?? group[0]!;
    // An evidence line says whose it is in the app's name (its texts say {{app}}).
    const evidence = group.map((h) => (h.evidence.label ? { ...h.evidence, label: namingApp(h.evidence.label, app) } : h.evidence));
    const subject = installSubject(app, kind, evidence);
    hits.push({
      id: findingId(BANNED_APP_CHECK, app.id, install),
      check: BANNED_APP_CHECK,
      app: app.id,
      ...(group.find((h) => h.judgement)?.judgement ?? JUDGEMENT[kind]),
      advisoryPoint: app.advisoryPoint,
      // What and whose, in the install's own words; where it was seen is the evidence's job.
      // A form's own title (a menu entry, a shortcut, a handler…) names the other person too, in its `…OfUser` twin.
      title: first.title
        ? subject.user
          ? msg(`${first.title.key}OfUser`, { ...first.title.params, user: subject.user })
          : first.title
        : subject.user
          ? msg(`bannedApp:${kind}.titleOfUser`, { app: app.name, product: subject.product, user: subject.user })
          : msg(`bannedApp:${kind}.title`, { app: app.name, product: subject.product }),
      detail: first.detail ?? msg(`bannedApp:${kind}.detail`, { app: app.name }),
      action: first.action ?? msg(`bannedApp:${kind}.action`, { app: app.name, id: app.id }),
      evidence,
      ...(group.find((h) => h.remediation) ? { remediation: group.find((h) => h.remediation)!.remediation } : {}),
    });
  }
  const rank = (f: Finding): number => ['violation', 'warning', 'unknown', 'ok'].indexOf(f.status);
  hits.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  if (hits.length === 0 && unknowns.length === 0 && clean.length === 0) {
    // No probe applies to this machine: we did not look, so we cannot say "clean".
    return [
      {
        id: findingId(BANNED_APP_CHECK, app.id, 'unknown', 'no-probe'),
        check: BANNED_APP_CHECK,
        app: app.id,
        status: 'unknown',
        severity: 'medium',
        advisoryPoint: app.advisoryPoint,
        title: msg('bannedApp:unknown.noProbe', { app: app.name }),
        reason: msg('common:reason.noProbe'),
        evidence: [],
      },
    ];
  }
  if (hits.length === 0) {
    hits.push({
      id: findingId(BANNED_APP_CHECK, app.id, 'ok'),
      check: BANNED_APP_CHECK,
      app: app.id,
      status: 'ok',
      severity: 'info',
      advisoryPoint: app.advisoryPoint,
      title: msg(unknowns.length ? 'bannedApp:ok.partialTitle' : 'bannedApp:ok.title', { app: app.name, count: clean.length }),
      evidence: clean,
    });
  }
  return [...hits, ...unknowns];
}
