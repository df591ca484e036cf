/**
 * Running processes through `tasklist /FO CSV /NH`: one CSV row per process, columns by position
 * (image name, PID, session name, session number, memory), so the Windows display language does not matter.
 * An unfiltered tasklist always lists at least the System process: no row at all means it did not answer.
 */
import { commandFailure, garbled } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { isOverlong } from '../../../text/lines';

/** One running process. */
export interface TaskRow {
  readonly name: string;
  readonly pid: number;
}

/** The argv that lists processes. */
export const TASKLIST_ARGV: readonly string[] = ['tasklist', '/FO', 'CSV', '/NH'];

/** Splits one CSV line (fields in double quotes, "" for a quote). Null when it is not CSV. */
export function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '"') return null;
    let j = i + 1;
    let field = '';
    for (;;) {
      if (j >= line.length) return null;
      if (line[j] === '"') {
        if (line[j + 1] === '"') {
          field += '"';
          j += 2;
          continue;
        }
        break;
      }
      field += line[j];
      j += 1;
    }
    out.push(field);
    i = j + 1;
    if (i < line.length) {
      if (line[i] !== ',') return null;
      i += 1;
    }
  }
  return out;
}

/** Parses tasklist's CSV rows; null (with the bad line) when a line is not a process row or the output was cut. */
export function parseTasklist(text: string): { readonly ok: true; readonly rows: readonly TaskRow[] } | { readonly ok: false; readonly bad: string } {
  const rows: TaskRow[] = [];
  if (text.trim() !== '' && !text.slice(text.trimEnd().length).includes('\n')) return { ok: false, bad: text.split(/\r?\n/).pop() ?? '' };
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const f = isOverlong(line) ? null : csvFields(line.trim());
    if (!f || f.length < 2 || !/^\d+$/.test(f[1]!)) return { ok: false, bad: line };
    rows.push({ name: f[0]!, pid: Number(f[1]) });
  }
  return rows.length ? { ok: true, rows } : { ok: false, bad: text };
}

/** Running processes of the app, matched exactly on the policy's process names (Zoom.exe, never ZoomIt.exe). */
export const processProbe: Probe = {
  id: 'windows.processes',
  async run(ctx, app) {
    if (app.windows.processNames.length === 0) return notApplicable('no process names in the policy');
    const looked = 'tasklist';
    const r = await ctx.host.run(TASKLIST_ARGV, { timeoutMs: 20_000 });
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked, reason: failure };
    const parsed = parseTasklist(r.truncated ? `${r.stdout}…` : r.stdout);
    if (!parsed.ok) return { status: 'unknown', looked, reason: r.stdout.trim() === '' ? { key: 'bannedApp:windows.reason.noAnswer', params: { tool: 'tasklist' } } : garbled('tasklist', parsed.bad) };
    const names = new Set(app.windows.processNames.map((n) => n.toLowerCase()));
    const hits: Hit[] = parsed.rows
      .filter((row) => names.has(row.name.toLowerCase()))
      .map((row) => ({
        kind: 'running',
        install: `process:${app.id}`,
        source: row.name,
        evidence: { kind: 'process', detail: `${row.name} (PID ${row.pid})`, label: { key: 'bannedApp:evidence.process', params: { name: row.name, pid: row.pid } }, data: { pid: String(row.pid), name: row.name } },
      }));
    return ran(looked, hits);
  },
};
