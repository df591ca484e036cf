import type { Finding, Message } from './finding';

/** Whether a finding is an item a removal plans (src/core/remediation/plan-findings.ts): what is wrong, not what is fine or unknown. */
export const isRemovalItem = (f: Finding): boolean => f.status === 'violation' || f.status === 'warning';

/**
 * The items «Gỡ bỏ toàn bộ» plans for one banned app from a report: every finding of it that is wrong, the running
 * app too (closed first as an item of its own). What its button counts, by the planner's own rule.
 */
export function appRemovalItems(findings: readonly Finding[], appId: string): Finding[] {
  return findings.filter((f) => f.check === 'banned-app' && f.app === appId && isRemovalItem(f));
}

/**
 * What a removal item does, as the planner derives it from the finding's evidence (src/core/remediation/plan-findings.ts):
 * close the running app, uninstall it, delete what it left, trash its installer, or leave it to the person. It travels with
 * the item to its result, whose words follow it: a closed program is «Đã đóng», never «Đã gỡ bỏ».
 */
export type PlanKind = 'close' | 'uninstall' | 'leftover' | 'installer' | 'manual';

/** One step of a removal plan, as the wizard shows it. */
export interface FixStepView {
  readonly id: string;
  readonly title: Message;
  /** The command that will run, as argv (shown to the user, never a shell string). */
  readonly argv?: readonly string[];
  /** True when this step asks the OS for administrator rights. */
  readonly elevated: boolean;
  /** True when this step closes the running app (its meetings end, what is not saved is lost). */
  readonly closesApp?: boolean;
}

/** A removal plan for one finding, derived from its evidence. */
export interface FixPlanView {
  readonly findingId: string;
  /** What the item does (its plan's kind). */
  readonly kind: PlanKind;
  /** The banned app the plan removes, as the policy names it (its `name`). */
  readonly app?: string;
  readonly planId: string;
  readonly steps: readonly FixStepView[];
  /** Why the assistant cannot act on some of it by itself (no uninstaller, another user's install, ...). */
  readonly why?: readonly Message[];
  /** What the person (or IT staff) can do by hand where the assistant cannot act. */
  readonly manual?: readonly Message[];
}

/** Progress of a running removal, pushed on `fix:progress`. */
export interface FixProgress {
  /** The finding the step or item belongs to (none for the re-check of a whole app's removal). */
  readonly findingId?: string;
  /** Set for a whole app's removal (`fix:run-app`): the policy's id of the app. */
  readonly appId?: string;
  /** A step (`PLAN#N`), the whole item (ITEM_PROGRESS), or the re-check (RECHECK_PROGRESS). */
  readonly stepId: string;
  readonly state: 'running' | 'done' | 'failed' | 'skipped';
  readonly message?: Message;
}

/**
 * What the re-check proved for a finding after its removal (the core's verdicts, worst first):
 * removed = gone and the check could look; still-present = still found; not-run = nothing was run
 * (manual steps) and it is still found; not-proven = the re-check could not look, so no proof.
 */
export type FixVerdict = 'removed' | 'still-present' | 'not-run' | 'not-proven';

/** What a removal did, then what the re-check found. */
export interface FixResultView {
  readonly findingId: string;
  /** What the item did (its plan's kind): the result's words follow it. */
  readonly kind: PlanKind;
  readonly ok: boolean;
  /** True only when the re-check proved every plan of the finding removed (verdict `removed`). */
  readonly resolved: boolean;
  /** The verdict for the finding as a whole: the worst of its plans' verdicts. */
  readonly verdict: FixVerdict;
  /** The outcome, or the reason it is not `removed` (e.g. why the re-check could not look). */
  readonly message: Message;
  /** Something to say besides the verdict (e.g. the audit log could not be written). */
  readonly warning?: Message;
}

/**
 * The headline of an item's result, by what it did and what the re-check proved: green words only for `removed`;
 * a closed program «Đã đóng» / "Closed" (closing is not removing), an uninstall or a deletion «Đã gỡ bỏ» / "Removed".
 */
export function resultHeadlineKey(r: Pick<FixResultView, 'kind' | 'resolved' | 'verdict'>): string {
  if (r.kind === 'close') return r.resolved ? 'ui:fix.closed' : r.verdict === 'not-proven' ? 'ui:fix.closeNotProven' : 'ui:fix.notClosed';
  return r.resolved ? 'ui:fix.resolved' : r.verdict === 'not-proven' ? 'ui:fix.notProven' : 'ui:fix.notResolved';
}

/** The stepId of progress about a whole item (one finding) of an app's removal. */
export const ITEM_PROGRESS = 'item';
/** The stepId of progress about the re-check after a removal. */
export const RECHECK_PROGRESS = 'recheck';

/** The removal of everything a banned app left on this PC, planned from one check: an item per finding. */
export interface AppFixPlanView {
  /** The policy's id of the app. */
  readonly appId: string;
  /** The app as the policy names it (its display name). */
  readonly app: string;
  /** The token to run exactly this plan with (`fix:run-app`). */
  readonly planId: string;
  /** One per finding, in the order they run; the app is closed once, by the first item that closes it. */
  readonly items: readonly FixPlanView[];
  /** Whether the app is running now (its processes are closed first). */
  readonly running: boolean;
}

/** What an app's removal did: the result of each item, by the one re-check after all of them. */
export interface AppFixResultView {
  readonly appId: string;
  readonly items: readonly FixResultView[];
  /** Something to say besides the results (e.g. the audit log could not be written). */
  readonly warning?: Message;
}

/** What closing the running app («Đóng <ứng dụng>») found by the re-check after it. */
export interface CloseResultView {
  readonly appId: string;
  /** closed = the re-check no longer sees it running; still-running; not-proven = the re-check could not look. */
  readonly verdict: 'closed' | 'still-running' | 'not-proven';
  readonly message: Message;
}
