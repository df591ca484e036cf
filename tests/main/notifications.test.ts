import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, backoffAfter, callLikelyInProgress, decide, EMPTY_NOTIFY_STATE, nextWake, notificationContent, pause, pauseUntil, snooze } from '../../src/main/notifications';
import type { Finding } from '../../src/shared/finding';
import { dpkgUnknown, zoomInstalled, zoomLeftover, zoomOk, zoomRunning } from '../shared/sample-report';

const H = 3_600_000;
const T0 = Date.UTC(2026, 4, 20, 3, 0, 0);
const ids = (d: ReturnType<typeof decide>) => d.show.map((s) => `${s.finding.id}/${s.reason}`);

describe('notification decisions', () => {
  it('notifies a new violation once, worst first, and not unknown or ok findings', () => {
    const d = decide([zoomOk, dpkgUnknown, zoomLeftover, zoomInstalled], EMPTY_NOTIFY_STATE, T0, true);
    expect(ids(d)).toEqual([`${zoomInstalled.id}/new`, `${zoomLeftover.id}/new`]);
    const again = decide([zoomInstalled, zoomLeftover], d.state, T0 + 10 * 60_000, true);
    expect(again.show).toEqual([]);
  });

  it('repeats an unchanged finding on a growing back-off: 1 h, 4 h, 1 d, 3 d, then every 3 d', () => {
    let state = decide([zoomInstalled], EMPTY_NOTIFY_STATE, T0, true).state;
    let t = T0;
    for (const wait of [...BACKOFF_MS, BACKOFF_MS.at(-1)!]) {
      expect(decide([zoomInstalled], state, t + wait - 1, true).show).toEqual([]);
      const d = decide([zoomInstalled], state, t + wait, true);
      expect(ids(d)).toEqual([`${zoomInstalled.id}/repeat`]);
      state = d.state;
      t += wait;
    }
    expect(backoffAfter(99)).toBe(72 * H);
  });

  it('notifies again at once when the status of a finding changes', () => {
    const s = decide([zoomLeftover], EMPTY_NOTIFY_STATE, T0, true).state;
    const worse: Finding = { ...zoomLeftover, status: 'violation' };
    expect(ids(decide([worse], s, T0 + 1, true))).toEqual([`${zoomLeftover.id}/changed`]);
  });

  it('forgets a resolved finding, so its return is new again', () => {
    const s1 = decide([zoomInstalled], EMPTY_NOTIFY_STATE, T0, true).state;
    const s2 = decide([zoomOk], s1, T0 + H, true).state;
    expect(s2.records).toEqual({});
    expect(ids(decide([zoomInstalled], s2, T0 + 2 * H, true))).toEqual([`${zoomInstalled.id}/new`]);
  });

  it('holds everything back while paused, and shows held-back new findings when the pause ends', () => {
    const paused = pause(EMPTY_NOTIFY_STATE, 'hour', T0);
    const d = decide([zoomInstalled], paused, T0 + 30 * 60_000, true);
    expect(d.show).toEqual([]);
    expect(d.state.pausedUntil).toBe(T0 + H);
    const after = decide([zoomInstalled], d.state, T0 + H, true);
    expect(ids(after)).toEqual([`${zoomInstalled.id}/new`]);
    expect(after.state.pausedUntil).toBeNull();
  });

  it('shows nothing when notifications are turned off in the settings', () => {
    expect(decide([zoomInstalled], EMPTY_NOTIFY_STATE, T0, false).show).toEqual([]);
  });

  it('respects a snooze of one finding until it ends', () => {
    const s = snooze(decide([zoomInstalled], EMPTY_NOTIFY_STATE, T0, true).state, zoomInstalled, T0 + 48 * H, T0);
    expect(decide([zoomInstalled], s, T0 + 47 * H, true).show).toEqual([]);
    expect(ids(decide([zoomInstalled], s, T0 + 48 * H, true))).toEqual([`${zoomInstalled.id}/repeat`]);
  });

  it('reminds once when a snooze ends, even before the back-off would, then counts on from there', () => {
    let state = decide([zoomInstalled], EMPTY_NOTIFY_STATE, T0, true).state;
    state = decide([zoomInstalled], state, T0 + H, true).state; // 2nd: next repeat 4 h later
    state = decide([zoomInstalled], state, T0 + 5 * H, true).state; // 3rd: next repeat 1 d later
    state = snooze(state, zoomInstalled, T0 + 7 * H, T0 + 6 * H);
    expect(nextWake(state, T0 + 6 * H)).toBe(T0 + 7 * H);
    const d = decide([zoomInstalled], state, T0 + 7 * H, true);
    expect(ids(d)).toEqual([`${zoomInstalled.id}/repeat`]);
    expect(d.state.records[zoomInstalled.id]).toEqual({ status: 'violation', firstAt: T0, lastAt: T0 + 7 * H, count: 4 });
    expect(nextWake(d.state, T0 + 7 * H)).toBeNull();
  });

  it('a snoozed finding not notified yet (held back by a pause) does not pop up as new when the pause ends', () => {
    const paused = decide([zoomInstalled, zoomLeftover], pause(EMPTY_NOTIFY_STATE, 'hour', T0), T0, true).state;
    const s = snooze(paused, zoomInstalled, T0 + 24 * H, T0 + 10 * 60_000);
    expect(nextWake(s, T0)).toBe(T0 + H); // the pause ends first
    expect(ids(decide([zoomInstalled, zoomLeftover], s, T0 + H, true))).toEqual([`${zoomLeftover.id}/new`]);
    expect(ids(decide([zoomInstalled, zoomLeftover], s, T0 + 24 * H, true))).toEqual([`${zoomInstalled.id}/repeat`, `${zoomLeftover.id}/new`]);
  });

  it('a changed status is news and is shown through a snooze', () => {
    const s = snooze(decide([zoomLeftover], EMPTY_NOTIFY_STATE, T0, true).state, zoomLeftover, T0 + 24 * H, T0);
    expect(ids(decide([{ ...zoomLeftover, status: 'violation' }], s, T0 + H, true))).toEqual([`${zoomLeftover.id}/changed`]);
  });

  it('while Zoom is running (maybe a call), says it once and does not repeat', () => {
    expect(callLikelyInProgress([zoomRunning])).toBe(true);
    expect(callLikelyInProgress([zoomInstalled])).toBe(false);
    const first = decide([zoomInstalled, zoomRunning], EMPTY_NOTIFY_STATE, T0, true);
    expect(ids(first)).toEqual([`${zoomRunning.id}/new`, `${zoomInstalled.id}/new`]);
    let state = first.state;
    for (const t of [T0 + H, T0 + 5 * H, T0 + 30 * H, T0 + 200 * H]) {
      const d = decide([zoomInstalled, zoomRunning], state, t, true);
      expect(d.show).toEqual([]);
      state = d.state;
    }
    // Zoom closed: the reminder about removal comes back on its back-off.
    expect(ids(decide([zoomInstalled], state, T0 + 201 * H, true))).toEqual([`${zoomInstalled.id}/repeat`]);
  });

  it('pauses until tomorrow 08:00 local time, or for one hour, and ends a pause with off', () => {
    const local = new Date(2026, 4, 20, 22, 30).getTime();
    expect(new Date(pauseUntil('tomorrow', local)!).toString()).toBe(new Date(2026, 4, 21, 8, 0).toString());
    expect(pauseUntil('hour', local)).toBe(local + H);
    expect(pause(pause(EMPTY_NOTIFY_STATE, 'hour', T0), 'off', T0).pausedUntil).toBeNull();
  });

  it('names the product and version and the point of the advisory once, says how many more, and opens that finding', () => {
    const c = notificationContent(decide([zoomLeftover, zoomInstalled], EMPTY_NOTIFY_STATE, T0, true), '1981/UBND-VHTT');
    expect(c).toEqual({
      title: { key: 'ui:notify.violation', params: { product: 'Zoom 5.13.7 (12602)', point: 1, number: '1981/UBND-VHTT' } },
      body: { key: 'ui:notify.clickMore', params: { count: 1 } },
      findingId: zoomInstalled.id,
    });
    expect(notificationContent(decide([zoomLeftover], EMPTY_NOTIFY_STATE, T0, true), '1981/UBND-VHTT')).toEqual({
      title: { key: 'ui:notify.warning', params: { product: 'Zoom', point: 1, number: '1981/UBND-VHTT' } },
      body: { key: 'ui:notify.click', params: { count: 0 } },
      findingId: zoomLeftover.id,
    });
    expect(notificationContent(decide([], EMPTY_NOTIFY_STATE, T0, true), 'x')).toBeNull();
  });
});
