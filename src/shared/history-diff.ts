/**
 * What changed between two checks: findings new in the later one, findings gone (resolved), and findings whose
 * status changed. "The same finding" in both is the same stable id (check id + subject identity: see
 * HistoryFinding). A finding of a check the later entry did not cover is neither resolved nor kept: not judged.
 */
import type { FindingStatus, Message } from './finding';
import { checkOfFinding, historyComplete, type HistoryEntry } from './history';

/** How a finding changed between two checks. */
export type ChangeKind = 'new' | 'resolved' | 'changed';

/** One change: the finding (its title from the later check, or the earlier one when it is gone) and its statuses. */
export interface FindingChange {
  readonly kind: ChangeKind;
  readonly id: string;
  readonly title: Message;
  /** Status in the earlier check; absent for a new finding. */
  readonly before?: FindingStatus;
  /** Status in the later check; absent for a resolved one (ok or no longer found). */
  readonly after?: FindingStatus;
}

/** The changes from `earlier` to `later`, new first, then changed, then resolved. */
export interface HistoryDiff {
  readonly changes: readonly FindingChange[];
  /** The earlier entry kept only part of its findings (an older version kept 10): a "new" one may be older. */
  readonly earlierPartial: boolean;
}

const ORDER: readonly ChangeKind[] = ['new', 'changed', 'resolved'];

/** Compares two history entries (`earlier` the older one). */
export function diffEntries(earlier: HistoryEntry, later: HistoryEntry): HistoryDiff {
  const before = new Map(earlier.findings.map((f) => [f.id, f]));
  const after = new Map(later.findings.map((f) => [f.id, f]));
  const covered = (id: string): boolean => !later.checks || later.checks.includes(checkOfFinding(id));
  const changes: FindingChange[] = [];
  for (const f of later.findings) {
    const was = before.get(f.id);
    if (!was) changes.push({ kind: 'new', id: f.id, title: f.title, after: f.status });
    else if (was.status !== f.status) changes.push({ kind: 'changed', id: f.id, title: f.title, before: was.status, after: f.status });
  }
  for (const f of earlier.findings) {
    if (!after.has(f.id) && covered(f.id)) changes.push({ kind: 'resolved', id: f.id, title: f.title, before: f.status });
  }
  changes.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return { changes, earlierPartial: !historyComplete(earlier) };
}

/** Each entry (newest first, as the history lists them) with what changed since the one before it; null for the oldest. */
export function historyChanges(entries: readonly HistoryEntry[]): readonly (HistoryDiff | null)[] {
  return entries.map((e, i) => {
    const earlier = entries[i + 1];
    return earlier ? diffEntries(earlier, e) : null;
  });
}
