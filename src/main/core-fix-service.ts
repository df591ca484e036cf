/**
 * The window's removal, on the core's removal engine (src/core/remediation/fix-flow.ts): plan
 * from a fresh check, show the steps, run only the plans of the chosen finding, then the engine
 * re-checks and judges. Everything it does goes to the engine's audit log.
 */
import type { Host } from '../core/host/host';
import { ConfinedMutableHost, RealMutableHost, type MutableHost } from '../core/host/mutable-host';
import { RealHost } from '../core/host/real-host';
import type { Policy } from '../core/policy/policy-schema';
import { executeFix, prepareFix, type ExecuteOptions, type PlanVerdict, type PreparedFix } from '../core/remediation/fix-flow';
import type { RemediationPlan } from '../core/remediation/plan';
import type { FixEvent } from '../core/remediation/runner';
import type { Finding, Message } from '../shared/finding';
import type { FixPlanView, FixProgress, FixStepView, FixVerdict, PlanKind } from '../shared/fix';
import { findingVerdict, type FixService, type PlanVerdictView } from './fix-service';
import { AppError } from './ipc-main';

/** What the service needs: the doors to the OS, the policy, the data folder (audit log), the clock. */
export interface CoreFixOptions {
  readonly host: Host;
  readonly policy: () => Policy;
  readonly dataDir: string;
  readonly now?: () => Date;
  /** The write door; by default the real one, confined to ATTT_SELFCHECK_FIX_ROOTS when that is set (as the CLI). */
  readonly mutable?: MutableHost;
  /** Whether the app runs as administrator (found out through the host when absent) and how a running app is closed. */
  readonly execute?: Pick<ExecuteOptions, 'privileged' | 'close'>;
}

/** What the plans of one finding do (the planner makes one per finding): the first that acts, else manual. */
export function kindOf(plans: readonly Pick<RemediationPlan, 'kind'>[]): PlanKind {
  return plans.find((p) => p.kind !== 'manual')?.kind ?? 'manual';
}

/** The wizard's view of the plans for one finding. */
export function planView(findingId: string, planId: string, plans: readonly RemediationPlan[], app?: string): FixPlanView {
  const steps: FixStepView[] = plans.flatMap((p) =>
    p.steps.map((s, i) => ({
      id: `${p.id}#${i}`,
      title: s.title,
      ...(s.kind === 'run' ? { argv: s.argv } : {}),
      elevated: s.kind !== 'close-app' && s.elevation === 'admin',
      ...(s.kind === 'close-app' ? { closesApp: true } : {}),
    })),
  );
  // Why apart from what to do; the same manual step of several plans said once.
  const why: Message[] = plans.flatMap((p) => (p.why ? [p.why] : []));
  const manual: Message[] = [...new Map(plans.flatMap((p) => p.manual).map((m) => [JSON.stringify(m), m])).values()];
  return { findingId, kind: kindOf(plans), ...(app ? { app } : {}), planId, steps, ...(why.length ? { why } : {}), ...(manual.length ? { manual } : {}) };
}

/** Turns an engine event into the wizard's progress line; null for events the wizard does not show. */
export function progressOf(findingId: string, e: FixEvent): FixProgress | null {
  switch (e.type) {
    case 'step-start':
      return { findingId, stepId: `${e.planId}#${e.index}`, state: 'running', message: e.title };
    case 'step-end': {
      const state = e.outcome === 'ok' || e.outcome === 'missing' ? 'done' : e.outcome === 'skipped' ? 'skipped' : 'failed';
      // Only a message that says more than the state itself (e.g. restart needed, why it failed).
      return { findingId, stepId: `${e.planId}#${e.index}`, state, ...(e.message ? { message: e.message } : state === 'failed' ? { message: { key: `fix:step.outcome.${e.outcome}` } } : {}) };
    }
    case 'recheck-start':
      return { findingId, stepId: 'recheck', state: 'running', message: { key: 'fix:cli.rechecking' } };
    case 'recheck-end':
      return { findingId, stepId: 'recheck', state: 'done' };
    default:
      return null;
  }
}

/** The core's verdicts as main passes them on (the shared type names the same four verdicts). */
export function verdictViews(verdicts: readonly PlanVerdict[]): PlanVerdictView[] {
  return verdicts.map((v) => ({ planId: v.planId, verdict: v.verdict satisfies FixVerdict, ...(v.why ? { why: v.why } : {}) }));
}

/** The message for the wizard's result: success when every plan was proven removed (closed, for a running program), else the reason of the worst verdict. */
export function outcomeMessage(verdicts: readonly PlanVerdict[]): { ok: boolean; message: Message } {
  const worst = findingVerdict(verdicts);
  if (worst === 'removed') return { ok: true, message: { key: verdicts.every((v) => v.kind === 'close') ? 'ui:fix.outcome.closed' : 'ui:fix.outcome.removed' } };
  const bad = verdicts.find((v) => v.verdict === worst);
  return { ok: false, message: bad?.why ?? { key: worst === 'not-proven' ? 'fix:why.recheckFailed' : 'fix:why.notRun' } };
}

/** A plan shown longer ago than this is not run: pids and installs may have changed; plan again. */
export const PLAN_TTL_MS = 15 * 60_000;
/** Plans kept at once (the oldest is dropped): the renderer cannot grow main's memory by asking. */
export const MAX_PLANS = 16;

/** The write door of a removal: the one given, else the real one, confined to ATTT_SELFCHECK_FIX_ROOTS when that is set (as the CLI). */
export function fixMutableHost(options: Pick<CoreFixOptions, 'host' | 'mutable'>, now: () => Date): MutableHost {
  if (options.mutable) return options.mutable;
  const real = new RealMutableHost(options.host, now);
  const roots = options.host.env.ATTT_SELFCHECK_FIX_ROOTS;
  return roots ? new ConfinedMutableHost(real, roots.split(options.host.platform === 'win32' ? ';' : ':').filter(Boolean)) : real;
}

/**
 * The FixService backed by the core's removal engine. The renderer only names a finding and a plan
 * token made here; what runs is the plan main derived from its own check, never argv or paths sent in.
 */
export function coreFixService(options: CoreFixOptions): FixService {
  const now = options.now ?? (() => new Date());
  const prepared = new Map<string, { readonly prep: PreparedFix; readonly planIds: readonly string[]; readonly at: number }>();
  let seq = 0;
  const ctx = () => ({ host: options.host, policy: options.policy(), now: now(), dataDir: options.dataDir });
  const mutable = (): MutableHost => fixMutableHost(options, now);
  return {
    async plan(finding: Finding) {
      for (const app of options.policy().bannedApps) {
        const prep = await prepareFix(ctx(), app.id);
        const plans = prep.plans.filter((p) => p.findingId === finding.id);
        if (plans.length === 0) continue;
        const planId = `${finding.id}@${++seq}`;
        prepared.set(planId, { prep, planIds: plans.map((p) => p.id), at: now().getTime() });
        while (prepared.size > MAX_PLANS) prepared.delete(prepared.keys().next().value!);
        return planView(finding.id, planId, plans, app.name);
      }
      throw new AppError('not-available', { key: 'ui:error.noPlan' });
    },
    async run(finding, planId, progress) {
      const entry = prepared.get(planId);
      if (!entry || !planId.startsWith(`${finding.id}@`)) throw new AppError('invalid-request', { key: 'ui:error.planExpired' });
      const age = now().getTime() - entry.at;
      if (age < 0 || age > PLAN_TTL_MS) {
        prepared.delete(planId);
        throw new AppError('invalid-request', { key: 'ui:error.planExpired' });
      }
      if (!options.mutable && !(options.host instanceof RealHost)) throw new AppError('not-available', { key: 'fix:cli.recordedHost' });
      prepared.delete(planId);
      const outcome = await executeFix(ctx(), entry.prep, {
        mutable: mutable(),
        only: entry.planIds,
        clock: now,
        onEvent: (e) => {
          const p = progressOf(finding.id, e);
          if (p) progress(p);
        },
      });
      const mine = outcome.verdicts.filter((v) => entry.planIds.includes(v.planId));
      const result = { kind: kindOf(entry.prep.plans.filter((p) => entry.planIds.includes(p.id))), ...outcomeMessage(mine), verdicts: verdictViews(mine) };
      // The audit warning goes beside the verdict's reason, never in its place.
      return outcome.auditError ? { ...result, warning: outcome.auditWarning ?? { key: 'fix:cli.auditFailed', params: { message: outcome.auditError } } } : result;
    },
  };
}
