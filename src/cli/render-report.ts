import type { Evidence, Finding } from '../shared/finding';
import type { Report } from '../shared/report';
import { CHECK_IDS } from '../core/checks/default-checks';
import { exitCodeFor } from '../core/engine';
import type { Translator } from '../core/i18n/translator';
import { contactLine } from '../shared/agency-contact';
import { formatDecimal } from '../shared/format';
import { escapeControls } from './io';

const MARK: Record<Finding['status'], string> = { violation: '✖', warning: '!', unknown: '?', notice: 'i', ok: '✔' };
const ORDER: readonly Finding['status'][] = ['violation', 'warning', 'unknown', 'notice', 'ok'];

/** Formats a date as dd/mm/yyyy HH:MM in local time, as Vietnamese documents do. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function evidenceLine(e: Evidence, t: Translator): string {
  // Evidence text comes from the machine (file names, tool output): escaped, line breaks too.
  const path = e.path ? escapeControls(e.path) : undefined;
  // A sentence where the probe gave one, else the kind in words and the machine's text (never English prose alone).
  const parts = [e.label ? t.message(e.label) : `${t.t(`common:evidenceKind.${e.kind}`)}: ${escapeControls(e.detail)}`];
  if (path && !parts[0]!.includes(path)) parts.push(path);
  // A label is already a sentence about the fact (it names a catalog's date, say); the version stays in --json.
  if (e.version && !e.label) parts.push(t.t('cli:report.version', { version: e.version }));
  return parts.join(' — ');
}

/** The summary's counts as words, each with its plural form (English «1 violation», «2 violations»). */
function summaryCounts(s: Report['summary'], t: Translator): Record<string, string> {
  return Object.fromEntries(ORDER.map((status) => [status, t.t(`common:count.${status}`, { count: s[status] })]));
}

/** Renders a report for a person: worst first, each finding with evidence, basis and what to do. */
export function renderReport(report: Report, t: Translator): string {
  const lines: string[] = [];
  lines.push(t.t('cli:report.heading'));
  lines.push(t.t('cli:report.machine', { ...report.host }));
  lines.push(t.t('cli:report.time', { time: formatTime(report.generatedAt), seconds: formatDecimal(report.durationMs / 1000, t.language) }));
  lines.push(t.t('cli:report.basis', { title: report.policy.title[t.language] }));
  // A run of some checks only (`--only`) says which, so an empty list is not read as a clean machine.
  if (report.checks && CHECK_IDS.some((id) => !report.checks!.includes(id))) {
    lines.push(t.t('cli:report.only', { checks: report.checks.map((id) => t.t(`cli:check.${id}`)).join(', ') }));
  }
  lines.push(...policyLines(report, t));
  lines.push('');
  // Notices are no fault: they get a section of their own after the rest, with the rules once.
  const sorted = [...report.findings].filter((f) => f.status !== 'notice').sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  for (const f of sorted) {
    lines.push(`${MARK[f.status]} [${t.t(`common:status.${f.status}`).toUpperCase()}] ${t.message(f.title)}`);
    if (f.status !== 'ok') {
      lines.push(`    ${t.t('cli:report.basisPoint')} ${t.t('common:advisoryPoint', { n: f.advisoryPoint, number: report.policy.number })}`);
    }
    // A technical text stands on its own line under the sentence: indented with it.
    if (f.reason) lines.push(`    ${t.t('cli:report.reason')} ${t.message(f.reason).replace(/\n/g, '\n      ')}`);
    if (f.detail && f.status !== 'ok') lines.push(`    ${t.message(f.detail)}`);
    if (f.evidence.length > 0 && f.status !== 'ok') {
      lines.push(`    ${t.t('cli:report.evidence')}`);
      for (const e of f.evidence) lines.push(`      - ${evidenceLine(e, t)}`);
    }
    if (f.action) lines.push(`    ${t.t('cli:report.action')} ${t.message(f.action)}`);
  }
  lines.push(...noticeLines(report, t));
  lines.push('');
  // The online apps are counted only where there are some: «0 apps to use with care» says nothing.
  lines.push(t.t(report.summary.notice > 0 ? 'cli:report.summaryWithNotice' : 'cli:report.summary', summaryCounts(report.summary, t)));
  lines.push(t.t(`cli:report.verdict.${exitCodeFor(report.findings)}`));
  const contact = contactLine(report.policy.agency, (m) => t.message(m));
  if (contact) lines.push(contact);
  return `${lines.join('\n')}\n`;
}

/** The rules of points 3 and 4, in their order (onlineApp:rules.*). */
export const ONLINE_APP_RULES = ['private', 'authenticate', 'noPublicId', 'unknownFiles', 'noSecrets', 'designated'] as const;

/** The section of the online apps found (notices): each app with its evidence, then the rules of points 3 and 4 for them. */
function noticeLines(report: Report, t: Translator): string[] {
  const notices = report.findings.filter((f) => f.status === 'notice');
  if (notices.length === 0) return [];
  const lines = [...(report.findings.some((f) => f.status !== 'notice') ? [''] : []), `${MARK.notice} ${t.t('onlineApp:section.title').toUpperCase()}`];
  for (const f of notices) {
    lines.push(`  - ${t.message(f.title)}`);
    for (const e of f.evidence) lines.push(`      ${evidenceLine(e, t)}`);
  }
  const apps = [...new Set(notices.map((f) => (f.action?.params?.app !== undefined ? String(f.action.params.app) : '')).filter(Boolean))].join(', ');
  lines.push(`    ${t.t('onlineApp:section.intro', { apps, number: report.policy.number })}`);
  ONLINE_APP_RULES.forEach((r, i) => lines.push(`      ${i + 1}. ${t.t(`onlineApp:rules.${r}`)}`));
  return lines;
}

/** The organisation policies refused, each with its reason (details on their own lines) and that the built-in one stays in force. */
export function policyLines(report: Report, t: Translator): string[] {
  const refusals = report.policy.refusals ?? [];
  if (refusals.length === 0) return [];
  const lines = [`! ${t.t('policy:refusedTitle')}`];
  for (const r of refusals) lines.push(`    - ${t.message(r.reason).replace(/\n/g, '\n      ')}`);
  lines.push(`    ${t.t('policy:refusedAction', { number: report.policy.number })}`);
  return lines;
}
