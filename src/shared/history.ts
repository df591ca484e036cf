import type { FindingStatus, Message } from './finding';
import type { ReportSummary } from './report';

/** One finding as the history keeps it: enough to say what was found, not the evidence. */
export interface HistoryFinding {
  readonly id: string;
  readonly status: FindingStatus;
  readonly title: Message;
}

/** One past check run, newest first in lists. */
export interface HistoryEntry {
  readonly at: string;
  readonly summary: ReportSummary;
  readonly durationMs: number;
  /** Findings that were not `ok`, at most a few. */
  readonly findings: readonly HistoryFinding[];
}
