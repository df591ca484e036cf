import { checkHistoryPath, readCheckHistory } from '../../core/history/check-history';
import type { Translator } from '../../core/i18n/translator';
import { historyDocument } from '../../core/history/history-document';
import { renderCheckHistory } from '../render-check-history';
import { auditLogPath, readAudit, type AuditEntry, type AuditRead } from '../../core/remediation/audit-log';
import { displayArgv } from '../../core/remediation/runner';
import type { Command } from '../command';
import { formatTime } from '../render-report';
import { escapeControls } from '../io';

function entryLines(e: AuditEntry, t: Translator): string[] {
  const when = formatTime(e.time);
  if (e.type === 'verdict') {
    // A plan that closed the running app: its verdict `removed` means closed (the app is not removed by it).
    const outcome = t.t(`${e.kind === 'close' ? 'fix:verdictClose' : 'fix:verdict'}.${e.outcome}`, { defaultValue: e.outcome });
    return [`${when}  ${escapeControls(outcome)}: ${t.message(e.plan)}`];
  }
  const outcome = t.t(`fix:step.outcome.${e.outcome}`, { defaultValue: e.outcome });
  const lines = [`${when}  [${escapeControls(outcome)}] ${e.step ? t.message(e.step.title) : escapeControls(e.planId)}`];
  if (e.argv) lines.push(`      $ ${escapeControls(displayArgv(e.argv))}${e.exitCode !== undefined && e.exitCode !== null ? `  (${t.t('fix:history.exitCode', { code: e.exitCode })})` : ''}`);
  if (e.message) lines.push(`      ${t.message(e.message)}`);
  return lines;
}

/** Renders the audit log for a person: oldest first, then the lines that could not be read. */
export function renderHistory(read: AuditRead, t: Translator, file: string): string {
  const lines = [t.t('fix:history.heading', { file })];
  if (read.error) lines.push(t.t('fix:history.unreadable', { message: read.reason ? t.message(read.reason) : read.error }));
  else if (read.entries.length === 0) lines.push(t.t('fix:history.empty'));
  for (const e of read.entries) lines.push(...entryLines(e, t));
  return `${lines.join('\n')}\n`;
}

/**
 * `attt-selfcheck history [--json]`: the checks kept (history.json), each with what changed since the one before,
 * then the audit log of removals. Damaged entries and lines are reported on stderr and skipped; no file is changed.
 * `--json` prints the history document (src/core/history/history-document.ts, its schema beside it).
 */
export const historyCommand: Command = {
  words: ['history'],
  flags: {},
  async run(ctx) {
    const checksFile = checkHistoryPath(ctx.host, ctx.dataDir);
    const checks = await readCheckHistory(ctx.host, checksFile);
    const file = auditLogPath(ctx.host, ctx.dataDir);
    const read = await readAudit(ctx.host, file);
    if (ctx.args.json) {
      ctx.io.out(`${JSON.stringify(historyDocument(checksFile, checks, file, read), null, 2)}\n`);
    } else ctx.io.out(`${renderCheckHistory(checks, ctx.t, checksFile)}\n${renderHistory(read, ctx.t, file)}`);
    for (const s of checks.damaged) ctx.io.err(`${ctx.t.t('common:checkHistory.skipped', { n: s.at, reason: escapeControls(s.reason) }).replace(/\n/g, '\n    ')}\n`);
    for (const c of read.damaged) ctx.io.err(`${ctx.t.t('fix:history.corrupt', { line: c.at, reason: c.reason })}\n`);
    return read.error || checks.error ? 3 : 0;
  },
};
