import type { Report } from '../shared/report';
import { summarize } from './engine';

/**
 * A report of some checks laid over the last one, for a tray that checks banned apps more often than
 * the rest: the checks that ran replace their findings; the others keep the findings of their last run.
 * With no last report, or one that listed no checks, the partial report stands alone.
 */
export function overlayReport(last: Report | null, partial: Report): Report {
  const ran = partial.checks ?? [...new Set(partial.findings.map((f) => f.check))];
  if (!last) return partial;
  const kept = last.findings.filter((f) => !ran.includes(f.check));
  const keptChecks = (last.checks ?? [...new Set(last.findings.map((f) => f.check))]).filter((c) => !ran.includes(c));
  const findings = [...partial.findings, ...kept];
  return { ...partial, findings, checks: [...ran, ...keptChecks], summary: summarize(findings) };
}
