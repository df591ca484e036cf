/** Pure helpers for showing findings. */
import { STATUS_ORDER, type Finding, type FindingStatus } from '../../shared/finding';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** Findings worst first: by status, then severity, then id (stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.id.localeCompare(b.id),
  );
}

/** Whether the wizard can offer a removal for this finding. */
export function canFix(f: Finding): boolean {
  return Boolean(f.remediation) && (f.status === 'violation' || f.status === 'warning');
}

/** The worst status among findings; `unknown` when there are none. */
export function worstStatus(findings: readonly Finding[]): FindingStatus {
  return STATUS_ORDER.find((s) => findings.some((f) => f.status === s)) ?? 'unknown';
}
