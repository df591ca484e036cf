import type { FindingStatus, Message } from './finding';
import type { Report, ReportSummary } from './report';

/**
 * One finding as the history keeps it: enough to say what was found, not the evidence. `id` is the finding's
 * stable id, `<check id>:<hash of the subject's identity>` (findingId in src/core/checks/check.ts): the same install,
 * leftover or OS aspect found in two checks has the same id whatever its status, so the id is what makes two
 * entries' findings "the same finding".
 */
export interface HistoryFinding {
  readonly id: string;
  readonly status: FindingStatus;
  /** What and whose in plain words (product, version, account), as the finding's title says it. */
  readonly title: Message;
}

/** One past check run, newest first in lists. */
export interface HistoryEntry {
  readonly at: string;
  readonly summary: ReportSummary;
  readonly durationMs: number;
  /** Every finding that was not `ok` (entries written before 0.1.x kept at most 10: see `historyComplete`). */
  readonly findings: readonly HistoryFinding[];
  /** Ids of the checks the report covers; absent in older entries. */
  readonly checks?: readonly string[];
}

/** How many past checks the history keeps. */
export const HISTORY_LIMIT = 200;

/** The most findings one entry keeps: far above what one PC has, a bound on the file for a hostile report. */
export const HISTORY_FINDINGS_LIMIT = 200;

/** The history entry of a report: its counts, the checks it covers and every finding that was not `ok`. */
export function historyEntry(report: Report): HistoryEntry {
  return {
    at: report.generatedAt,
    summary: report.summary,
    durationMs: report.durationMs,
    findings: report.findings
      .filter((f) => f.status !== 'ok')
      .slice(0, HISTORY_FINDINGS_LIMIT)
      .map((f) => ({ id: f.id, status: f.status, title: f.title })),
    ...(report.checks ? { checks: report.checks } : {}),
  };
}

/** Whether an entry holds every finding its counts announce (older entries kept at most 10). */
export function historyComplete(e: HistoryEntry): boolean {
  return e.findings.length >= e.summary.violation + e.summary.warning + e.summary.unknown + (e.summary.notice ?? 0);
}

/** The check a finding id belongs to: the part before the first colon. */
export function checkOfFinding(id: string): string {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(0, i);
}
