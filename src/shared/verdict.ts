/** The one verdict of a report, as the tray's colour says it: shared by the tray (main) and the window. */
import type { Report } from './report';

/** The verdict's colour: red (violation), amber (warning), grey (could not look, or never checked), green (clean). */
export type Verdict = 'green' | 'amber' | 'red' | 'grey';

/**
 * The verdict of a report: red for a violation, amber for warnings, grey when a check could not look or
 * never ran, green only when everything was looked at and found clean (the tray's `trayStateFor` rule).
 */
export function verdictOf(report: Report | null): Verdict {
  if (!report) return 'grey';
  const s = report.summary;
  if (s.violation > 0) return 'red';
  if (s.warning > 0) return 'amber';
  // A notice (an online app on the PC) is no fault: it never colours the verdict, but it was looked at.
  if (s.unknown > 0 || (s.ok === 0 && (s.notice ?? 0) === 0)) return 'grey';
  return 'green';
}
