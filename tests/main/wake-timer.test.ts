import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, WakeTimer } from '../../src/main/wake-timer';

describe('WakeTimer', () => {
  it('reaches a time beyond Node\'s timer limit in steps, fires once, and a new time replaces the old', () => {
    let now = 0;
    const set: { fn: () => void; ms: number; id: number }[] = [];
    const cleared: number[] = [];
    const timer = new WakeTimer({ now: () => now, setTimer: (fn, ms) => (set.push({ fn, ms, id: set.length }), set.length - 1), clearTimer: (h) => void cleared.push(h as number) });
    let fired = 0;
    const day = 86_400_000;
    timer.set(30 * day, () => fired++);
    expect(set.map((t) => t.ms)).toEqual([MAX_TIMER_MS]); // never a delay Node would overflow and fire at once
    now = MAX_TIMER_MS;
    set[0]!.fn();
    expect(fired).toBe(0);
    expect(set[1]!.ms).toBe(30 * day - MAX_TIMER_MS);
    now = 30 * day;
    set[1]!.fn();
    expect(fired).toBe(1);
    timer.set(now + 1000, () => fired++);
    timer.set(null, () => fired++);
    expect(cleared).toEqual([2]);
    timer.set(now - 5, () => fired++); // already past: at once
    expect(set.at(-1)!.ms).toBe(0);
  });
});
