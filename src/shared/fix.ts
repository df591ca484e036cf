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
  readonly planId: string;
  readonly steps: readonly FixStepView[];
  /** Manual steps when the app cannot act (no uninstaller, managed install). */
  readonly manual?: readonly Message[];
}

/** Progress of a running removal, pushed on `fix:progress`. */
export interface FixProgress {
  readonly findingId: string;
  readonly stepId: string;
  readonly state: 'running' | 'done' | 'failed' | 'skipped';
  readonly message?: Message;
}

/** What a removal did, then what the re-check found. */
export interface FixResultView {
  readonly findingId: string;
  readonly ok: boolean;
  /** Whether the finding is gone from the re-check report. */
  readonly resolved: boolean;
  readonly message: Message;
}
