/**
 * The removal side of the window, behind one small interface: the controller talks to it, the core's
 * removal engine (src/core/remediation/) sits behind it (core-fix-service.ts), and tests put fakes there.
 */
import type { Finding, Message } from '../shared/finding';
import type { AppFixPlanView, AppFixResultView, FixPlanView, FixProgress, FixResultView, FixVerdict, PlanKind } from '../shared/fix';
import type { Report } from '../shared/report';

/** The core's verdict for one plan of the finding (src/core/remediation/fix-flow.ts, PlanVerdict). */
export interface PlanVerdictView {
  readonly planId: string;
  readonly verdict: FixVerdict;
  readonly why?: Message;
}

/** What a removal run reports: a summary, and the engine's own verdict for every plan it judged. */
export interface FixOutcome {
  /** What the finding's plans did (close the app, uninstall, ...), for the result's words. */
  readonly kind: PlanKind;
  readonly ok: boolean;
  readonly message: Message;
  readonly verdicts: readonly PlanVerdictView[];
  /** Something to say besides the verdict (e.g. the audit log could not be written). */
  readonly warning?: Message;
}

// Worst first: a definite "still there" beats "nothing run", which beats "could not look".
const WORST_FIRST: readonly FixVerdict[] = ['still-present', 'not-run', 'not-proven', 'removed'];

/** The verdict of a finding from its plans' verdicts: `removed` only when every plan was proven removed. */
export function findingVerdict(verdicts: readonly PlanVerdictView[]): FixVerdict {
  if (verdicts.length === 0) return 'not-run';
  return WORST_FIRST.find((v) => verdicts.some((x) => x.verdict === v)) ?? 'not-proven';
}

/** Plans and runs the removal of one finding. */
export interface FixService {
  plan(finding: Finding): Promise<FixPlanView>;
  run(finding: Finding, planId: string, progress: (p: FixProgress) => void): Promise<FixOutcome>;
}


/** The result of one finding in a whole app's removal. */
export interface ItemOutcome extends FixOutcome {
  readonly findingId: string;
}

/** What a whole app's removal reports: a result per finding, by the one re-check after all of them. */
export interface AppFixOutcome {
  readonly items: readonly ItemOutcome[];
  readonly warning?: Message;
}

/** What closing the running app found by the re-check after it. */
export interface CloseOutcome {
  readonly verdict: 'closed' | 'still-running' | 'not-proven';
  readonly message: Message;
}

/** Plans and runs the removal of a whole banned app (every finding of it, one check, one re-check), and closes it. */
export interface AppFixService {
  planApp(appId: string): Promise<AppFixPlanView>;
  runApp(appId: string, planId: string, progress: (p: FixProgress) => void): Promise<AppFixOutcome>;
  closeApp(appId: string, progress: (p: FixProgress) => void): Promise<CloseOutcome>;
}

/**
 * The window's result of a whole app's removal: each item's verdict is the core's, made worse when the full check
 * after it (`after`) still sees that finding (the controller's, and the preview's recording of it).
 */
export function appResultView(appId: string, outcome: AppFixOutcome, after: Report): AppFixResultView {
  const items = outcome.items.map((item): FixResultView => {
    let verdict: FixVerdict = findingVerdict(item.verdicts);
    let message = item.message;
    if (verdict === 'removed' && after.findings.some((f) => f.id === item.findingId && (f.status === 'violation' || f.status === 'warning'))) {
      verdict = 'still-present';
      message = { key: 'fix:why.stillThere' };
    }
    const resolved = verdict === 'removed';
    return { findingId: item.findingId, kind: item.kind, ok: item.ok && resolved, resolved, verdict, message };
  });
  return { appId, items, ...(outcome.warning ? { warning: outcome.warning } : {}) };
}
