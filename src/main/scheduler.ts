/**
 * When to run an automatic check: at start, every interval, and on resume from sleep. The app has two:
 * the full check on the settings' interval and the banned-app check on the policy's shorter one.
 * Pure planning plus a tiny timer wrapper whose clock and timers are injected, so tests need
 * neither Electron nor real time.
 */

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** A resume this soon after the last run does not start another one. */
export const RESUME_MIN_GAP_MS = 10 * 60_000;
/** Interval used when the settings hold a value outside 1..24 hours. */
export const DEFAULT_INTERVAL_HOURS = 4;

/** Clamps an interval from the settings to 1..24 hours. */
export function intervalMs(intervalHours: number): number {
  const h = Number.isFinite(intervalHours) && intervalHours >= 1 && intervalHours <= 24 ? intervalHours : DEFAULT_INTERVAL_HOURS;
  return h * HOUR_MS;
}

/** The time of the next run: now when there was none (start), else one interval (ms) after the last, never in the past. */
export function nextRunAt(lastRunAt: number | null, everyMs: number, now: number): number {
  if (lastRunAt === null || lastRunAt > now) return now;
  return Math.max(now, lastRunAt + everyMs);
}

/** Whether waking from sleep should start a check now (timers may have slept through the due time). */
export function runOnResume(lastRunAt: number | null, now: number): boolean {
  return lastRunAt === null || now - lastRunAt >= RESUME_MIN_GAP_MS;
}

/** What the scheduler needs from the outside world. */
export interface SchedulerDeps {
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  /** Starts a check; the scheduler plans the next one when it settles. */
  readonly run: () => Promise<unknown>;
  /** Milliseconds between runs, asked afresh at each planning (the setting may change). */
  readonly intervalMs: () => number;
}

/** Runs the check at start, then on its interval and on resume; one run at a time. */
export class Scheduler {
  private timer: unknown = null;
  private lastRunAt: number | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Starts: runs at once (a check at start), then on the interval. */
  start(): void {
    this.stopped = false;
    this.plan();
  }

  /** Stops all timers. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Called on powerMonitor 'resume'. */
  onResume(): void {
    if (runOnResume(this.lastRunAt, this.deps.now())) void this.runNow();
    else this.plan();
  }

  /** Called when the interval setting changes. */
  reschedule(): void {
    if (!this.running) this.plan();
  }

  /** Records a run started elsewhere ("Kiểm tra ngay"), so the next automatic one counts from it. */
  noteRun(at: number): void {
    this.lastRunAt = at;
    if (!this.running) this.plan();
  }

  /** Runs a check now unless one is running; then plans the next. */
  runNow(): Promise<void> {
    if (this.running) return this.running;
    this.clear();
    this.lastRunAt = this.deps.now();
    this.running = this.deps
      .run()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.running = null;
        this.plan();
      });
    return this.running;
  }

  /** Time of the next planned run, for the UI and tests. */
  get nextAt(): number {
    return nextRunAt(this.lastRunAt, this.deps.intervalMs(), this.deps.now());
  }

  private plan(): void {
    if (this.stopped) return;
    this.clear();
    const delay = Math.max(0, this.nextAt - this.deps.now());
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      void this.runNow();
    }, delay);
  }

  private clear(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}
