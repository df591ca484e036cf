/** A recorded scenario of the preview: what the window's bridge answers, all of it made by the engine. */
import type { AppFixPlanView, AppFixResultView, FixPlanView, FixProgress, FixResultView } from '../../src/shared/fix';
import type { HistoryEntry } from '../../src/shared/history';
import type { IpcError, PolicyView } from '../../src/shared/ipc-contract';
import type { LocalizedText, Report } from '../../src/shared/report';

/** What a removal of one finding did: the progress main pushed, the result, and the check after it. */
export interface RecordedRun {
  readonly progress: readonly FixProgress[];
  readonly result: FixResultView;
  readonly after: Report;
}

/** What «Gỡ bỏ toàn bộ» of one app did: the progress main pushed, the result, and the check after it. */
export interface RecordedAppRun {
  readonly progress: readonly FixProgress[];
  readonly result: AppFixResultView;
  readonly after: Report;
}

/** One scenario: a recorded PC's report, history, plans and removals. */
export interface Scenario {
  readonly id: string;
  readonly title: LocalizedText;
  readonly report: Report;
  readonly history: readonly HistoryEntry[];
  readonly policy: PolicyView;
  /** The plan of every finding the wizard offers, or the error main answers. */
  readonly plans: Readonly<Record<string, { readonly plan: FixPlanView } | { readonly error: IpcError }>>;
  /** The removal of every finding whose plan has steps. */
  readonly runs: Readonly<Record<string, RecordedRun>>;
  /** The whole-app plan of every banned app found (`fix:plan-app`, by the core's planner as main makes it), or the error main answers. */
  readonly appPlans: Readonly<Record<string, { readonly plan: AppFixPlanView } | { readonly error: IpcError }>>;
  /** The whole-app removal of every app whose plan has items (`fix:run-app`), on the PC as it was before any removal. */
  readonly appRuns: Readonly<Record<string, RecordedAppRun>>;
}
