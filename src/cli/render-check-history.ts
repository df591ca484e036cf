/** The check history for a person: each check, newest first, with what changed since the one before it. */
import type { CheckHistoryRead } from '../core/history/check-history';
import type { Translator } from '../core/i18n/translator';
import type { FindingChange } from '../shared/history-diff';
import { historyChanges } from '../shared/history-diff';
import { escapeControls } from './io';
import { formatTime } from './render-report';

/** How many checks the text lists; `--json` gives them all. */
export const CHECKS_SHOWN = 20;

function changeLine(c: FindingChange, t: Translator): string {
  const status = (s: string): string => t.t(`common:status.${s}`);
  const what = `${t.t(`common:change.${c.kind}`)}: ${escapeControls(t.message(c.title))}`;
  if (c.kind === 'new' && c.after) return `${what} — ${status(c.after)}`;
  if (c.kind === 'changed' && c.before && c.after) return `${what} — ${t.t('common:change.fromTo', { before: status(c.before), after: status(c.after) })}`;
  if (c.kind === 'resolved' && c.before) return `${what} — ${t.t('common:change.was', { before: status(c.before) })}`;
  return what;
}

/** Renders the check history read from `file`; damaged entries are said on stderr by the caller. */
export function renderCheckHistory(read: CheckHistoryRead, t: Translator, file: string): string {
  const lines = [t.t('common:checkHistory.heading', { file })];
  if (read.error) {
    // The reason in words, its technical line (the parser's or the system's text) under it, both indented.
    const why = read.reason ? t.message(read.reason) : escapeControls(read.error);
    lines.push(t.t('common:checkHistory.unreadable'), `    ${why.replace(/\n/g, '\n    ')}`);
  } else if (read.entries.length === 0) lines.push(t.t('common:checkHistory.empty'));
  const diffs = historyChanges(read.entries);
  read.entries.slice(0, CHECKS_SHOWN).forEach((e, i) => {
    const counts = Object.fromEntries((['violation', 'warning', 'unknown'] as const).map((s) => [s, t.t(`common:count.${s}`, { count: e.summary[s] })]));
    lines.push(t.t('common:checkHistory.entry', { time: formatTime(e.at), ...counts }));
    const diff = diffs[i];
    if (!diff) lines.push(`    ${t.t('common:change.first')}`);
    else if (diff.changes.length === 0) lines.push(`    ${t.t('common:change.none')}`);
    for (const c of diff?.changes ?? []) lines.push(`    ${changeLine(c, t)}`);
    if (diff?.earlierPartial) lines.push(`    ${t.t('common:change.partial')}`);
  });
  const more = read.entries.length - CHECKS_SHOWN;
  if (more > 0) lines.push(t.t('common:checkHistory.more', { count: more }));
  return `${lines.join('\n')}\n`;
}
