import { describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/manual-clock';
import { HOUR_MS, intervalMs, nextRunAt, RESUME_MIN_GAP_MS, runOnResume, Scheduler } from '../../src/main/scheduler';

describe('scheduler planning', () => {
  it('runs at once when it never ran, then one interval after the last run', () => {
    expect(nextRunAt(null, 4 * HOUR_MS, 5000)).toBe(5000);
    expect(nextRunAt(1000, 4 * HOUR_MS, 2000)).toBe(1000 + 4 * HOUR_MS);
  });
  it('never plans in the past (the machine slept through the due time)', () => {
    expect(nextRunAt(0, 4 * HOUR_MS, 10 * HOUR_MS)).toBe(10 * HOUR_MS);
  });
  it('treats a last run in the future (clock moved back) as due now', () => {
    expect(nextRunAt(9 * HOUR_MS, 4 * HOUR_MS, HOUR_MS)).toBe(HOUR_MS);
  });
  it('clamps a bad interval to the 4-hour default', () => {
    expect(intervalMs(0)).toBe(4 * HOUR_MS);
    expect(intervalMs(Number.NaN)).toBe(4 * HOUR_MS);
    expect(intervalMs(100)).toBe(4 * HOUR_MS);
    expect(intervalMs(12)).toBe(12 * HOUR_MS);
  });
  it('runs on resume only when the last run is not a few minutes old', () => {
    expect(runOnResume(null, 0)).toBe(true);
    expect(runOnResume(0, RESUME_MIN_GAP_MS - 1)).toBe(false);
    expect(runOnResume(0, RESUME_MIN_GAP_MS)).toBe(true);
  });
});

describe('Scheduler with an injected clock', () => {
  it('checks at start and then every interval', async () => {
    const clock = manualClock();
    const runs: number[] = [];
    const s = new Scheduler({ ...clock, run: async () => void runs.push(clock.now()), intervalMs: () => intervalMs(4) });
    s.start();
    await clock.advance(0);
    expect(runs).toEqual([1_000_000]);
    await clock.advance(4 * HOUR_MS);
    expect(runs).toEqual([1_000_000, 1_000_000 + 4 * HOUR_MS]);
    await clock.advance(3 * HOUR_MS);
    expect(runs).toHaveLength(2);
    s.stop();
    expect(clock.pending()).toEqual([]);
  });

  it('runs on resume from sleep and counts the next interval from it', async () => {
    const clock = manualClock();
    const runs: number[] = [];
    const s = new Scheduler({ ...clock, run: async () => void runs.push(clock.now()), intervalMs: () => intervalMs(4) });
    s.start();
    await clock.advance(0);
    await clock.advance(HOUR_MS);
    s.onResume();
    await new Promise((r) => setImmediate(r));
    expect(runs).toEqual([1_000_000, 1_000_000 + HOUR_MS]);
    expect(clock.pending()).toEqual([1_000_000 + 5 * HOUR_MS]);
  });

  it('does not stack runs: a second request while one runs joins it', async () => {
    const clock = manualClock();
    let calls = 0;
    let release!: () => void;
    const s = new Scheduler({ ...clock, run: () => (calls++, new Promise<void>((r) => (release = r))), intervalMs: () => intervalMs(4) });
    const a = s.runNow();
    const b = s.runNow();
    expect(a).toBe(b);
    release();
    await a;
    expect(calls).toBe(1);
  });

  it('keeps its schedule after a failed run', async () => {
    const clock = manualClock();
    const s = new Scheduler({ ...clock, run: () => Promise.reject(new Error('boom')), intervalMs: () => intervalMs(2) });
    await s.runNow();
    expect(clock.pending()).toEqual([1_000_000 + 2 * HOUR_MS]);
  });

  it('replans when the interval setting changes', async () => {
    const clock = manualClock();
    let hours = 4;
    const s = new Scheduler({ ...clock, run: async () => undefined, intervalMs: () => intervalMs(hours) });
    await s.runNow();
    hours = 1;
    s.reschedule();
    expect(clock.pending()).toEqual([1_000_000 + HOUR_MS]);
  });
});
