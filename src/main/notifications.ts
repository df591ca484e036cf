/**
 * Decides WHEN to notify, as pure functions over a small persisted state: only for findings that
 * are new or changed (by id + status), repeats on a growing back-off, never while paused or
 * snoozed (held back, then shown when the pause or snooze ends), and at most once while the app is
 * running (the user may be in a call). Showing the notification is src/main/notifier.ts; the
 * controller sets a timer for `nextWake`.
 */
import { z } from 'zod';
import { FINDING_STATUSES, type Finding, type FindingStatus, type Message } from '../shared/finding';
import type { PauseDuration } from '../shared/ipc-contract';
import { notificationSubject } from './notification-subject';

const HOUR = 3_600_000;
/** Waits before the 1st, 2nd, 3rd, ... repeat of an unchanged finding; the last one repeats. */
export const BACKOFF_MS: readonly number[] = [1 * HOUR, 4 * HOUR, 24 * HOUR, 72 * HOUR];
/** Hour of the day at which "until tomorrow" ends. */
export const TOMORROW_HOUR = 8;

const recordSchema = z
  .object({
    status: z.enum(FINDING_STATUSES),
    firstAt: z.number(),
    lastAt: z.number(),
    count: z.number().int().min(1),
    snoozedUntil: z.number().optional(),
  })
  .strict();

/** The persisted notification state (notify-state.json). */
export const notifyStateSchema = z
  .object({
    version: z.literal(1),
    pausedUntil: z.number().nullable(),
    records: z.record(z.string(), recordSchema),
  })
  .strict();

/** What we remember about one notified finding. */
export type NotifyRecord = z.infer<typeof recordSchema>;
/** The persisted notification state. */
export type NotifyState = z.infer<typeof notifyStateSchema>;

/** A state with nothing notified yet. */
export const EMPTY_NOTIFY_STATE: NotifyState = { version: 1, pausedUntil: null, records: {} };

/** Why a finding is (or is not) notified this time. */
export type NotifyReason = 'new' | 'changed' | 'repeat';

/** The outcome of one decision: what to show (worst first) and the state to persist. */
export interface NotifyDecision {
  readonly show: readonly { readonly finding: Finding; readonly reason: NotifyReason }[];
  readonly state: NotifyState;
}

const NOTIFIED: readonly FindingStatus[] = ['violation', 'warning', 'notice'];

/** Whether a running banned app is among the findings: the user may be in a call right now. */
export function callLikelyInProgress(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status === 'violation' && f.evidence.some((e) => e.kind === 'process'));
}

/** Wait before the next repeat after `count` notifications of the same finding. */
export function backoffAfter(count: number): number {
  return BACKOFF_MS[Math.min(Math.max(count, 1), BACKOFF_MS.length) - 1]!;
}

/** Decides which findings of a fresh report to notify about, and the new state. */
export function decide(findings: readonly Finding[], state: NotifyState, now: number, enabled: boolean): NotifyDecision {
  const records: Record<string, NotifyRecord> = {};
  const show: { finding: Finding; reason: NotifyReason }[] = [];
  const paused = !enabled || (state.pausedUntil !== null && state.pausedUntil > now);
  const inCall = callLikelyInProgress(findings);
  for (const f of findings) {
    if (!NOTIFIED.includes(f.status)) continue; // resolved or unknown: forget it, so its return is "new"
    const old = state.records[f.id];
    const snoozed = old?.snoozedUntil !== undefined && old.snoozedUntil > now;
    // "Remind me later" asked for a reminder when the snooze ends, whatever the back-off says.
    const snoozeOver = old?.snoozedUntil !== undefined && old.snoozedUntil <= now;
    let reason: NotifyReason | null = null;
    if (!old) reason = 'new';
    else if (old.status !== f.status) reason = 'changed';
    // A notice (an online app, with its rules) is said once: never repeated while it stays.
    else if (f.status !== 'notice' && !inCall && (snoozeOver || now >= old.lastAt + backoffAfter(old.count))) reason = 'repeat';
    // A snooze holds back reminders of the same thing; a changed status is news and is shown.
    if (reason && !paused && !(snoozed && reason === 'repeat')) {
      show.push({ finding: f, reason });
      records[f.id] = reason === 'repeat' && old ? { status: old.status, firstAt: old.firstAt, lastAt: now, count: old.count + 1 } : { status: f.status, firstAt: now, lastAt: now, count: 1 };
    } else if (old && old.status === f.status) {
      records[f.id] = old; // keep counting from the last time it was shown
    }
    // A held-back new or changed finding gets no record, so it is shown when the pause ends.
  }
  show.sort((a, b) => rank(a.finding) - rank(b.finding));
  const pausedUntil = state.pausedUntil !== null && state.pausedUntil > now ? state.pausedUntil : null;
  return { show, state: { version: 1, pausedUntil, records } };
}

function rank(f: Finding): number {
  return NOTIFIED.indexOf(f.status) * 10 + ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity);
}

/** How long "Nhắc lại sau" (remind me later) holds back one finding. */
export const SNOOZE_MS = 24 * HOUR;

/**
 * Snoozes one finding until a time: no reminder before then, one when it ends. A finding not
 * notified yet (held back by a pause, or notifications off) gets a record, so it does not pop up
 * as new when the pause ends.
 */
export function snooze(state: NotifyState, finding: Pick<Finding, 'id' | 'status'>, until: number, now: number): NotifyState {
  const old = state.records[finding.id];
  const base: NotifyRecord = old && old.status === finding.status ? old : { status: finding.status, firstAt: now, lastAt: now, count: 1 };
  return { ...state, records: { ...state.records, [finding.id]: { ...base, snoozedUntil: until } } };
}

/** The next moment something held back may be due: the end of the pause or of a snooze; null when none. */
export function nextWake(state: NotifyState, now: number): number | null {
  const times = [state.pausedUntil, ...Object.values(state.records).map((r) => r.snoozedUntil)].filter((t): t is number => typeof t === 'number' && t > now);
  return times.length ? Math.min(...times) : null;
}

/** End time of a pause: one hour from now, or tomorrow at 08:00 local time; null ends the pause. */
export function pauseUntil(duration: PauseDuration, now: number): number | null {
  if (duration === 'off') return null;
  if (duration === 'hour') return now + HOUR;
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(TOMORROW_HOUR, 0, 0, 0);
  return d.getTime();
}

/** Pauses (or resumes) all notifications. Survives restarts because the state is persisted. */
export function pause(state: NotifyState, duration: PauseDuration, now: number): NotifyState {
  return { ...state, pausedUntil: pauseUntil(duration, now) };
}

/** Title, body and click target of a notification, as messages the caller translates. */
export interface NotificationContent {
  /** The product and version, and the point of the advisory, once: «Product 6.1.11: vi phạm điểm 1 Công văn số …». */
  readonly title: Message;
  /** What a click does, and how many more findings there are. */
  readonly body: Message;
  /** The finding the window opens on when the notification is clicked. */
  readonly findingId: string;
}

/**
 * One short notification for a decision (the worst finding, plus how many more), or null when nothing to show.
 * It names the product and version from the evidence, never a path; only when the evidence names no product is
 * the finding's own title used.
 */
export function notificationContent(decision: NotifyDecision, policyNumber: string): NotificationContent | null {
  const first = decision.show[0];
  if (!first) return null;
  const f = first.finding;
  const more = decision.show.length - 1;
  const kind = f.status === 'violation' ? 'violation' : f.status === 'notice' ? 'notice' : 'warning';
  const subject = notificationSubject(f);
  const point = { point: f.advisoryPoint, number: policyNumber };
  return {
    title: subject ? { key: `ui:notify.${kind}`, params: { product: subject, ...point } } : { key: `ui:notify.${kind}Title`, params: point },
    body: subject ? (kind === 'notice' && more === 0 ? { key: 'ui:notify.noticeClick' } : { key: more > 0 ? 'ui:notify.clickMore' : 'ui:notify.click', params: { count: more } }) : f.title,
    findingId: f.id,
  };
}
