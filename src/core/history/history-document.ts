/**
 * The document `attt-selfcheck history --json` prints: the check history (history.json) with what changed between
 * checks, beside the audit log of removals (audit.log), with the damaged records of each said, not dropped.
 * Its strict schema is src/core/history/history-schema.ts; docs/evidence.md, "The history document".
 */
import type { Message } from '../../shared/finding';
import type { HistoryEntry } from '../../shared/history';
import { historyChanges, type FindingChange } from '../../shared/history-diff';
import type { AuditEntry, AuditRead } from '../remediation/audit-log';
import type { CheckHistoryRead } from './check-history';

/** The version of the history document: changes only when old readers could not ignore a change of shape. */
export const HISTORY_JSON_VERSION = 1 as const;

/** One check of the history with what changed since the one before it (`changes` null for the oldest kept). */
export interface HistoryDocumentCheck extends HistoryEntry {
  readonly changes: readonly FindingChange[] | null;
  /** The check before kept only part of its findings: a "new" one may be older. */
  readonly earlierPartial: boolean;
}

/** The history document of HISTORY_JSON_VERSION. */
export interface HistoryDocument {
  readonly schemaVersion: typeof HISTORY_JSON_VERSION;
  /** The audit log's path, its entries in file order and its damaged lines (1 = the first line). */
  readonly file: string;
  readonly entries: readonly AuditEntry[];
  readonly corrupt: readonly { readonly line: number; readonly reason: string }[];
  /** Set when the audit log exists but could not be read: the system's words, then in the product's. */
  readonly error?: string;
  readonly reason?: Message;
  /** The check history: its path, its checks newest first, its damaged entries (1 = the newest). */
  readonly checks: {
    readonly file: string;
    readonly entries: readonly HistoryDocumentCheck[];
    readonly skipped: readonly { readonly n: number; readonly reason: string }[];
    readonly error?: string;
  };
}

/** The document of a check history and an audit log as read (the audit log's keys stay where they always were). */
export function historyDocument(checksFile: string, checks: CheckHistoryRead, auditFile: string, audit: AuditRead): HistoryDocument {
  const changes = historyChanges(checks.entries);
  return {
    schemaVersion: HISTORY_JSON_VERSION,
    file: auditFile,
    entries: audit.entries,
    corrupt: audit.damaged.map((d) => ({ line: d.at, reason: d.reason })),
    ...(audit.error !== undefined ? { error: audit.error } : {}),
    ...(audit.reason !== undefined ? { reason: audit.reason } : {}),
    checks: {
      file: checksFile,
      entries: checks.entries.map((e, i) => ({ ...e, changes: changes[i]?.changes ?? null, earlierPartial: changes[i]?.earlierPartial ?? false })),
      skipped: checks.damaged.map((d) => ({ n: d.at, reason: d.reason })),
      ...(checks.error !== undefined ? { error: checks.error } : {}),
    },
  };
}
