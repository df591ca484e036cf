/**
 * Checks when the user comes back: on resume from sleep and on unlocking the screen (powerMonitor `resume`,
 * `unlock-screen`). A resume is usually followed by an unlock a few seconds later, so both are gathered into one
 * wake that runs one check, and none while a check runs. Timers injected, so tests need no real time.
 */

/** How long after the last of a resume/unlock burst the wake-up runs. */
export const WAKE_SETTLE_MS = 5_000;

/** What a wake-up needs. */
export interface WakeChecksDeps {
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly isChecking: () => boolean;
  /** Runs (or plans) the check: the schedulers' onResume, which skips it when the last run is recent. */
  readonly onWake: () => void;
}

/** Gathers resume and unlock events into one wake-up; see the file comment. */
export class WakeChecks {
  private timer: unknown = null;

  constructor(private readonly deps: WakeChecksDeps) {}

  /** Called on `resume` and on `unlock-screen`. */
  wake(): void {
    this.stop();
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      if (!this.deps.isChecking()) this.deps.onWake();
    }, WAKE_SETTLE_MS);
  }

  /** Forgets a pending wake-up (on quit). */
  stop(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
