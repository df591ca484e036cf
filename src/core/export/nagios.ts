/** `check --format nagios`: the report as one monitoring-plugin line (Nagios, Icinga, Naemon). */
import type { Finding } from '../../shared/finding';
import { STATUS_ORDER } from '../../shared/finding';
import type { Report } from '../../shared/report';
import { exitCodeFor } from '../engine';
import type { Translator } from '../i18n/translator';

/** The plugin states, by exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). */
export const NAGIOS_STATES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/** The longest summary printed: NRPE 2 carries 1 KiB of output in all, perfdata included. */
const MAX_SUMMARY = 600;

/**
 * What never enters the line: control characters (a line break would end the plugin output), the bidi
 * controls, and `|`, which starts the performance data.
 */
// eslint-disable-next-line no-control-regex
const NOT_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029|]/g;

/** Text made safe for the plugin line: one line, no `|`, spaces collapsed. */
export function nagiosText(text: string): string {
  return text.replace(NOT_IN_LINE, ' ').replace(/\s+/g, ' ').trim();
}

function titles(findings: readonly Finding[], t: Translator): string {
  const worst = findings.filter((f) => f.status !== 'ok').sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  // The same title twice (the app in two users' homes) is said once.
  return [...new Set(worst.map((f) => nagiosText(t.message(f.title))))].join('; ');
}

/**
 * `STATE - summary | violations=N warnings=N unknown=N notices=N`: the summary in the translator's language (the
 * machine, the counts in words, then what was found, worst first: an online app last); the performance data follow
 * the plugin guidelines' `label=value` form (plain counts, no unit). A notice never changes the state.
 */
export function nagiosLine(report: Report, t: Translator): string {
  const s = report.summary;
  const count = (status: 'violation' | 'warning' | 'unknown'): string => t.t(`common:count.${status}`, { count: s[status] });
  const counts = nagiosText(t.t('cli:nagios.summary', { hostname: report.host.hostname, violation: count('violation'), warning: count('warning'), unknown: count('unknown') }));
  const found = titles(report.findings, t);
  let summary = found ? `${counts}: ${found}` : counts;
  if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1).trimEnd()}…`;
  const state = NAGIOS_STATES[exitCodeFor(report.findings)];
  return `${state} - ${summary} | violations=${s.violation} warnings=${s.warning} unknown=${s.unknown} notices=${s.notice}\n`;
}
