/**
 * The history of checks (history.json in the data folder, written by the tray, newest first) read for the CLI as a
 * record file (src/core/record-file.ts): one damaged entry is reported and skipped while the others are shown, and
 * the file itself is never changed here (the tray's store moves a damaged file aside whole: see src/main/state-store.ts).
 */
import type { z } from 'zod';
import { FINDING_STATUSES, type Message } from '../../shared/finding';
import { HISTORY_LIMIT, type HistoryEntry } from '../../shared/history';
import type { Host } from '../host/host';
import type { MutableHost } from '../host/mutable-host';
import { lazySchema } from '../lazy-zod';
import { parseJsonList, readRecordFile, type RecordCheck, type RecordsRead } from '../record-file';

/** File name of the check history inside the user's data folder. */
export const CHECK_HISTORY_FILE = 'history.json';

/** One entry of history.json: what the tray writes (historyEntry) and reads back (built on first use). */
export const historyEntrySchema = lazySchema((z) => {
  const status = z.enum(FINDING_STATUSES);
  const message = z.object({ key: z.string().min(1), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
  // `notice` is absent from entries written before it existed: none then.
  const summary = z.object({ violation: z.number(), warning: z.number(), unknown: z.number(), notice: z.number().default(0), ok: z.number() });

  return z.object({
    at: z.string(),
    summary,
    durationMs: z.number(),
    findings: z.array(z.object({ id: z.string(), status, title: message })),
    checks: z.array(z.string()).optional(),
  }) satisfies z.ZodType<HistoryEntry>;
});

/** What reading the check history gave: the good entries newest first, and the damaged ones (their place, 1 = newest) reported. */
export type CheckHistoryRead = RecordsRead<HistoryEntry>;

/** Path of the check history for a data folder. */
export function checkHistoryPath(host: Pick<Host, 'path'>, dataDir: string): string {
  return host.path.join(dataDir, CHECK_HISTORY_FILE);
}

/** One entry judged by its schema: the first issues say why it is damaged. */
const checkEntry: RecordCheck<HistoryEntry> = (raw) => {
  const parsed = historyEntrySchema().safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: parsed.error.issues.slice(0, 3).map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ') };
};

/** Parses the text of history.json: each bad entry is reported with its place and skipped; the rest are kept. */
export function parseCheckHistory(text: string, file: string): CheckHistoryRead {
  return parseJsonList(text, file, checkEntry, { error: 'not a list of checks', reason: { key: 'common:reason.notHistory', params: { path: file } } });
}

/** Reads the check history (a link, FIFO or device at its name is refused unread); a missing file is no history. Never throws. */
export function readCheckHistory(host: Host, file: string): Promise<CheckHistoryRead> {
  return readRecordFile(host, file, 16 * 1024 * 1024, (text) => parseCheckHistory(text, file));
}

/** Why `recordCheck` left the history as it was, or that it wrote it. */
export type RecordOutcome = { readonly written: true } | { readonly written: false; readonly reason: Message };

/**
 * Puts `entry` first in the check history, written atomically through `writer` (the CLI's `check`, beside the tray).
 * A history that could not be read whole (unreadable, not JSON, a damaged entry) is left untouched, so nothing in
 * it is lost by a rewrite; the reason says so.
 */
export async function recordCheck(host: Host, writer: MutableHost, file: string, entry: HistoryEntry): Promise<RecordOutcome> {
  const read = await readCheckHistory(host, file);
  if (read.error || read.damaged.length > 0) return { written: false, reason: { key: 'common:checkHistory.notRecorded', params: { path: file } } };
  await writer.writeFileAtomic(file, JSON.stringify([entry, ...read.entries].slice(0, HISTORY_LIMIT), null, 2));
  return { written: true };
}
