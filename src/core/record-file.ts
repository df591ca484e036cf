/**
 * A file of records the product keeps (the check history, the audit log of removals) read for showing: read-only
 * and record by record, so a damaged record is reported with its place and skipped while the others are kept, and
 * the file itself is never changed here. A link, FIFO or device at its name is refused unread; a missing file holds
 * no records; a file that cannot be read says why.
 */
import type { Message } from '../shared/finding';
import { readFailure } from './checks/reasons';
import { isHostError, type Host } from './host/host';

/** A record that could not be read back: its place in the file (1 = the first line, or the list's first) and why. */
export interface DamagedRecord {
  readonly at: number;
  readonly reason: string;
}

/** What reading a record file gave: the good records in file order, and the damaged ones reported, not dropped silently. */
export interface RecordsRead<T> {
  readonly entries: readonly T[];
  readonly damaged: readonly DamagedRecord[];
  /** Set when the file exists but could not be read, or does not hold records at all. */
  readonly error?: string;
  /** The same, in words. */
  readonly reason?: Message;
}

/** How one raw record is judged: the record, or why it is damaged. */
export type RecordCheck<T> = (raw: unknown) => { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** JSON lines: one record a non-blank line, its place the line number; a line that is not JSON is damaged too. */
export function parseJsonLines<T>(text: string, check: RecordCheck<T>): RecordsRead<T> {
  const entries: T[] = [];
  const damaged: DamagedRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      damaged.push({ at: i + 1, reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    const r = check(parsed);
    if (r.ok) entries.push(r.value);
    else damaged.push({ at: i + 1, reason: r.reason });
  });
  return { entries, damaged };
}

/** A JSON list of records, its place the position in the list; text that is not JSON, or not a list, is `notList`'s error. */
export function parseJsonList<T>(text: string, file: string, check: RecordCheck<T>, notList: { readonly error: string; readonly reason: Message }): RecordsRead<T> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { entries: [], damaged: [], error, reason: { key: 'common:reason.notJson', params: { path: file, message: error } } };
  }
  if (!Array.isArray(data)) return { entries: [], damaged: [], ...notList };
  const entries: T[] = [];
  const damaged: DamagedRecord[] = [];
  data.forEach((raw: unknown, i) => {
    const r = check(raw);
    if (r.ok) entries.push(r.value);
    else damaged.push({ at: i + 1, reason: r.reason });
  });
  return { entries, damaged };
}

/** Reads `file` (at most `maxBytes`, links refused) and parses it with `parse`; a missing file is no records. Never throws. */
export async function readRecordFile<T>(host: Host, file: string, maxBytes: number, parse: (text: string) => RecordsRead<T>): Promise<RecordsRead<T>> {
  let text: string;
  try {
    text = await host.readText(file, { maxBytes, links: 'refuse' });
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { entries: [], damaged: [] };
    const err = e instanceof Error ? e : new Error(String(e));
    return { entries: [], damaged: [], error: err.message, reason: readFailure(err, file) };
  }
  return parse(text);
}
