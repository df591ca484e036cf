import type { Message } from './finding';

/** One step of a removal plan, as the wizard shows it. */
export interface FixStepView {
  readonly id: string;
  readonly title: Message;
  /** The command that will run, as argv (shown to the user, never a shell string). */
  readonly argv?: readonly string[];
  /** True when this step asks the OS for administrator rights. */
  readonly elevated: boolean;
}

/** A removal plan for one finding, derived from its evidence. */
export interface FixPlanView {
  readonly findingId: string;
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
  readonly findingId: string;
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
