/**
 * The removal of a banned app as one operation: every finding of it planned from ONE check, the app closed
 * ONCE before anything else, then the plans, then ONE re-check (executeFix). The CLI's `fix` and the
 * window's «Gỡ bỏ toàn bộ» both plan with prepareAppFix, so they do the same thing.
 */
import type { Message } from '../../shared/finding';
import type { Report } from '../../shared/report';
import { BANNED_APP_CHECK } from '../checks/banned-app/banned-app-check';
import type { Check, CheckContext } from '../checks/check';
import { prepareFix, probeSees, type PreparedFix } from './fix-flow';
import type { CloseAppStep, PlanStep, RemediationPlan } from './plan';

const isClose = (s: PlanStep): s is CloseAppStep => s.kind === 'close-app';

/** Which programs a close step may signal (its names): close steps of the same programs merge into one. */
const programsOf = (s: CloseAppStep): string => [...new Set(s.names)].sort().join('\n');

/**
 * The plans with the running app closed once: every close step of the same programs (each uninstall plan
 * closes the app, so a plan run on its own from the window still does) merged into the first plan that had
 * one, with all their pids, and taken out of the plans that have other steps. A plan whose only step was
 * closing keeps it (closing what is already gone is "already done").
 */
export function closeOnce(plans: readonly RemediationPlan[]): RemediationPlan[] {
  const groups = new Map<string, CloseAppStep[]>();
  for (const s of plans.flatMap((p) => p.steps.filter(isClose))) groups.set(programsOf(s), [...(groups.get(programsOf(s)) ?? []), s]);
  const merged = new Map<string, CloseAppStep>();
  for (const [key, steps] of groups) {
    const pids = [...new Set(steps.flatMap((s) => s.pids))];
    const first = steps[0]!;
    merged.set(key, { ...first, pids, title: { ...first.title, params: { ...first.title.params, pids: pids.join(', ') } } });
  }
  const placed = new Set<string>();
  return plans.map((plan) => {
    const others = plan.steps.filter((s) => !isClose(s));
    const steps = plan.steps.flatMap((s): PlanStep[] => {
      if (!isClose(s)) return [s];
      const key = programsOf(s);
      if (!placed.has(key)) {
        placed.add(key);
        return [merged.get(key)!];
      }
      return others.length > 0 ? [] : [s];
    });
    return steps.length === plan.steps.length && steps.every((s, i) => s === plan.steps[i]) ? plan : { ...plan, steps };
  });
}

/** Checks the machine once and plans the removal of everything of `appId` found: the app closed once, then each install. Changes nothing. */
export async function prepareAppFix(ctx: CheckContext, appId: string, checks?: readonly Check[]): Promise<PreparedFix> {
  const prepared = await prepareFix(ctx, appId, checks);
  return { ...prepared, plans: closeOnce(prepared.plans) };
}

/** Whether the app still runs after closing it, by a fresh check: no longer seen, still seen, or the process probe could not look. */
export type CloseVerdict = 'closed' | 'still-running' | 'not-proven';

/** Only the closing of the app: the plans' close steps (merged by closeOnce), nothing removed. Null when nothing runs. */
export function closeOnly(prepared: PreparedFix): PreparedFix | null {
  const plans = closeOnce(prepared.plans)
    .map((p) => ({ ...p, steps: p.steps.filter(isClose) }))
    .filter((p) => p.steps.length > 0);
  return plans.length > 0 ? { ...prepared, plans } : null;
}

/** Judges a close by the fresh check: any finding of the app with a process still there = still running; the process probe blind = not proven. */
export function judgeClose(after: Report, appId: string): { readonly verdict: CloseVerdict; readonly why?: Message } {
  const mine = after.findings.filter((f) => f.check === BANNED_APP_CHECK && (f.app === undefined || f.app === appId));
  if (mine.some((f) => (f.status === 'violation' || f.status === 'warning') && f.evidence.some((e) => e.kind === 'process'))) return { verdict: 'still-running', why: { key: 'fix:why.stillThere' } };
  const blind = mine.find((f) => f.status === 'unknown' && (f.evidence.length === 0 || f.evidence.some((e) => probeSees(String(e.data?.probe ?? ''), [{ kind: 'process', detail: '' }]))));
  if (blind || !mine.some((f) => f.status !== 'unknown')) return { verdict: 'not-proven', why: blind?.reason ?? { key: 'fix:why.recheckFailed' } };
  return { verdict: 'closed' };
}
