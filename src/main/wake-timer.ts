/** One timer for "something held back is due at this time" (a pause or a snooze ends), on an injected clock. */

/** Node's timers overflow above this many milliseconds (about 24.8 days) and would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The timer functions, injectable for tests. */
export interface TimerDeps {
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

/** Keeps at most one timer; setting a new time replaces the old one. */
export class WakeTimer {
  private handle: unknown = null;

  constructor(private readonly deps: TimerDeps) {}

  /** Calls `fire` at `at` (or at once when it is past); null cancels. A far time is reached in steps. */
  set(at: number | null, fire: () => void): void {
    this.cancel();
    if (at === null) return;
    const delay = Math.max(0, at - this.deps.now());
    const step = Math.min(delay, MAX_TIMER_MS);
    this.handle = this.deps.setTimer(() => {
      this.handle = null;
      if (step < delay) this.set(at, fire);
      else fire();
    }, step);
  }

  /** Stops the timer. */
  cancel(): void {
    if (this.handle !== null) this.deps.clearTimer(this.handle);
    this.handle = null;
  }
}
