import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { builtinPolicy, parsePolicy } from '../../src/core/policy/policy';
import { AppController } from '../../src/main/app-controller';
import { scheduleChecks } from '../../src/main/check-schedule';
import { HOUR_MS, MINUTE_MS } from '../../src/main/scheduler';
import type { Report } from '../../src/shared/report';
import { manualClock } from '../helpers/manual-clock';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith, zoomOk } from '../shared/sample-report';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'attt-sched-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The app's controller and schedule on a manual clock; each run is recorded as `full@MIN` or `banned-app@MIN`. */
function app(bannedAppMinutes = builtinPolicy().schedule.bannedAppMinutes) {
  const clock = manualClock(0);
  const runs: string[] = [];
  const runChecks = async (only?: string): Promise<Report> => {
    runs.push(`${only ?? 'full'}@${clock.now() / MINUTE_MS}`);
    return { ...reportWith([zoomOk]), checks: only ? [only] : ['banned-app', 'os-patch'] };
  };
  const controller = new AppController({ dataDir: dir, now: clock.now, runChecks, fixer: refusingFixService, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  const schedule = scheduleChecks(controller, { ...clock, bannedAppMinutes: () => bannedAppMinutes });
  return { clock, runs, controller, schedule };
}

describe('the tray checks banned apps every 30 minutes and the patch level at the settings interval', () => {
  it('at start one full check (the banned-app run joins it), then banned apps alone every 30 minutes, the full check every 4 hours', async () => {
    const { clock, runs, schedule } = app();
    schedule.start();
    await clock.advance(4 * HOUR_MS);
    expect(runs).toEqual(['full@0', 'banned-app@30', 'banned-app@60', 'banned-app@90', 'banned-app@120', 'banned-app@150', 'banned-app@180', 'banned-app@210', 'full@240']);
    schedule.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('a full check started by hand counts as a banned-app check: the next one is 30 minutes after it', async () => {
    const { clock, runs, schedule } = app();
    schedule.start();
    await clock.advance(50 * MINUTE_MS);
    await schedule.full.runNow();
    await clock.advance(30 * MINUTE_MS);
    expect(runs).toEqual(['full@0', 'banned-app@30', 'full@50', 'banned-app@80']);
  });

  it('follows the interval the policy gives, and the full check follows the settings', async () => {
    const { clock, runs, schedule, controller } = app(45);
    controller.setSettings({ intervalHours: 2 });
    schedule.start();
    await clock.advance(2 * HOUR_MS);
    expect(runs).toEqual(['full@0', 'banned-app@45', 'banned-app@90', 'full@120']);
  });

  it('on resume from sleep: one full check, which the banned-app run joins', async () => {
    const { clock, runs, schedule } = app();
    schedule.start();
    await clock.advance(20 * MINUTE_MS);
    schedule.stop(); // asleep: no timer fires
    await clock.advance(3 * HOUR_MS);
    schedule.onResume();
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual(['full@0', 'full@200']);
  });

  it('the built-in policy says 30 minutes; a policy file is validated and may leave it out', () => {
    const p = builtinPolicy();
    expect(p.schedule.bannedAppMinutes).toBe(30);
    expect(() => parsePolicy({ ...structuredClone(p), schedule: { bannedAppMinutes: 1 } })).toThrow(/schedule\.bannedAppMinutes/);
    expect(() => parsePolicy({ ...structuredClone(p), schedule: { bannedAppMinutes: 30, extra: 1 } })).toThrow();
    const { schedule: _omitted, ...withoutSchedule } = structuredClone(p);
    expect(parsePolicy(withoutSchedule).schedule.bannedAppMinutes).toBe(30);
  });
});
