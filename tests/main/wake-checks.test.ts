/** Checks on resume and on unlock: a resume+unlock pair runs one check, none while a check runs (manual clock). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { AppController } from '../../src/main/app-controller';
import { scheduleChecks } from '../../src/main/check-schedule';
import { MINUTE_MS } from '../../src/main/scheduler';
import { WAKE_SETTLE_MS, WakeChecks } from '../../src/main/wake-checks';
import type { Report } from '../../src/shared/report';
import { manualClock } from '../helpers/manual-clock';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith, zoomOk } from '../shared/sample-report';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'attt-wake-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Controller, schedule and wake-ups on one manual clock; a check takes `checkMinutes` of it. */
function app(checkMinutes = 0) {
  const clock = manualClock(0);
  const runs: string[] = [];
  const runChecks = async (only?: string): Promise<Report> => {
    runs.push(`${only ?? 'full'}@${clock.now() / MINUTE_MS}`);
    if (checkMinutes > 0) await new Promise<void>((r) => clock.setTimer(r, checkMinutes * MINUTE_MS));
    return { ...reportWith([zoomOk]), checks: only ? [only] : ['banned-app', 'os-patch'] };
  };
  const controller = new AppController({ dataDir: dir, now: clock.now, runChecks, fixer: refusingFixService, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  const schedule = scheduleChecks(controller, { ...clock, bannedAppMinutes: () => 30 });
  const wake = new WakeChecks({ ...clock, isChecking: () => controller.isChecking, onWake: () => schedule.onResume() });
  return { clock, runs, controller, schedule, wake };
}

describe('checks when the user comes back', () => {
  it('a resume and the unlock that follows it run one full check', async () => {
    const { clock, runs, schedule, wake } = app();
    schedule.start();
    await clock.advance(20 * MINUTE_MS); // the start check, then 20 min of sleep (the banned-app run is due at 30)
    expect(runs).toEqual(['full@0']);
    wake.wake(); // resume
    await clock.advance(2_000);
    wake.wake(); // unlock-screen, 2 s later
    await clock.advance(WAKE_SETTLE_MS);
    expect(runs).toEqual(['full@0', `full@${(20 * MINUTE_MS + 2_000 + WAKE_SETTLE_MS) / MINUTE_MS}`]);
    schedule.stop();
  });

  it('an unlock alone (no sleep) checks too, unless the last check is under 10 minutes old', async () => {
    const { clock, runs, schedule, wake } = app();
    schedule.start();
    await clock.advance(5 * MINUTE_MS);
    wake.wake();
    await clock.advance(WAKE_SETTLE_MS);
    expect(runs).toEqual(['full@0']);
    await clock.advance(10 * MINUTE_MS);
    wake.wake();
    await clock.advance(WAKE_SETTLE_MS);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatch(/^full@15\.\d+$/);
    schedule.stop();
  });

  it('never starts a check while one runs', async () => {
    const { clock, controller, wake } = app(3);
    const onWake = vi.fn();
    const w = new WakeChecks({ ...clock, isChecking: () => controller.isChecking, onWake });
    void controller.runCheck();
    expect(controller.isChecking).toBe(true);
    w.wake();
    await clock.advance(WAKE_SETTLE_MS);
    expect(onWake).not.toHaveBeenCalled();
    await clock.advance(3 * MINUTE_MS);
    expect(controller.isChecking).toBe(false);
    w.wake();
    await clock.advance(WAKE_SETTLE_MS);
    expect(onWake).toHaveBeenCalledTimes(1);
    wake.stop();
  });

  it('stop forgets a pending wake-up', async () => {
    const { clock } = app();
    const onWake = vi.fn();
    const w = new WakeChecks({ ...clock, isChecking: () => false, onWake });
    w.wake();
    w.stop();
    await clock.advance(WAKE_SETTLE_MS * 2);
    expect(onWake).not.toHaveBeenCalled();
    expect(clock.pending()).toEqual([]);
  });
});
