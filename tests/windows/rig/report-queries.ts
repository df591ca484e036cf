/** Small queries over a `check --json` report, so assertions read like the sentences. */
import type { Evidence, Finding } from '../../../src/shared/finding';
import type { Report } from '../../../src/shared/report';

/** Findings of one check (and optionally one status). */
export function findingsOf(report: Report, check: string, status?: Finding['status']): readonly Finding[] {
  return report.findings.filter((f) => f.check === check && (status === undefined || f.status === status));
}

/** Every string in a piece of evidence (path, detail, version, data values), lower-cased, for searching. */
export function evidenceText(e: Evidence): string {
  return [e.path ?? '', e.detail, e.version ?? '', ...Object.values(e.data ?? {})].join('\n').toLowerCase();
}

/** Findings whose evidence mentions `needle` (case-insensitive) anywhere. */
export function findingsMentioning(findings: readonly Finding[], needle: string): readonly Finding[] {
  const n = needle.toLowerCase();
  return findings.filter((f) => f.evidence.some((e) => evidenceText(e).includes(n)));
}

/** The registry evidence of a finding whose path or key name ends with `keyTail` (case-insensitive). */
export function registryEvidence(f: Finding, keyTail: string): Evidence | undefined {
  const t = keyTail.toLowerCase();
  return f.evidence.find((e) => e.kind === 'registry' && [e.path ?? '', e.data?.keyName ?? ''].some((p) => p.toLowerCase().endsWith(t)));
}

/** Evidence of a file whose path ends with `tail` (case-insensitive; wine's folders are lower-case `users`). */
export function fileEvidence(f: Finding, tail: string): Evidence | undefined {
  const t = tail.toLowerCase();
  return f.evidence.find((e) => e.kind === 'file' && (e.path ?? '').toLowerCase().endsWith(t));
}
