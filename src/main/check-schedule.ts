/**
 * The app's automatic checks: the full check (patch level included) on the settings' interval, and the
 * banned-app check alone on the policy's shorter one, so a newly installed or running banned app is seen within
 * minutes without re-reading the patch level every time. A full check counts as a banned-app check too.
 */
import { BANNED_APP_CHECK } from '../core/checks/banned-app/banned-app-check';
import { OS_PATCH_CHECK } from '../core/checks/os-patch/judge-os';
import type { AppController } from './app-controller';
import { intervalMs, MINUTE_MS, Scheduler } from './scheduler';

/** Clock and timers of the two schedulers, and the policy's banned-app interval. */
export interface CheckScheduleDeps {
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly bannedAppMinutes: () => number;
}

/** The two schedulers, started, stopped and woken together. */
export interface CheckSchedule {
  readonly full: Scheduler;
  readonly bannedApp: Scheduler;
  start(): void;
  stop(): void;
  onResume(): void;
}

/** Wires both schedulers to the controller (see the file comment). */
export function scheduleChecks(controller: AppController, deps: CheckScheduleDeps): CheckSchedule {
  const timers = { now: deps.now, setTimer: deps.setTimer, clearTimer: deps.clearTimer };
  const full = new Scheduler({ ...timers, run: () => controller.runCheck(), intervalMs: () => intervalMs(controller.settings().intervalHours) });
  const bannedApp = new Scheduler({ ...timers, run: () => controller.runCheck(BANNED_APP_CHECK), intervalMs: () => deps.bannedAppMinutes() * MINUTE_MS });
  // Runs started elsewhere ("Kiểm tra ngay", the check after a removal) count for the checks they ran.
  controller.on('report', (_report, ran) => {
    if (ran.includes(OS_PATCH_CHECK)) full.noteRun(deps.now());
    if (ran.includes(BANNED_APP_CHECK)) bannedApp.noteRun(deps.now());
  });
  return {
    full,
    bannedApp,
    start() {
      full.start();
      // Its first run at start joins the full check's (one check at a time), then it keeps its own interval.
      bannedApp.start();
    },
    stop() {
      full.stop();
      bannedApp.stop();
    },
    onResume() {
      full.onResume(); // first: a banned-app run asked for meanwhile joins the full one
      bannedApp.onResume();
    },
  };
}
