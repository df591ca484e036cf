/**
 * Running processes through `tasklist /FO CSV /NH`: one CSV row per process, columns by position
 * (image name, PID, session name, session number, memory), so the Windows display language does not matter.
 * An unfiltered tasklist always lists at least the System process: no row at all means it did not answer.
 */
import type { Evidence } from '../../../../shared/finding';
import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { commandFailure, garbled } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { isOverlong } from '../../../text/lines';
import { identifyWindowsExe, type WindowsExeIdentity } from './exe-identity';

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

/** The PowerShell that prints `PID<TAB>ExecutablePath` for the given pids, then `end` (a stub PowerShell prints nothing). */
export function exePathsArgv(pids: readonly number[]): string[] {
  const filter = pids.map((p) => `ProcessId=${Math.trunc(p)}`).join(' OR ');
  const script = `$ErrorActionPreference='SilentlyContinue'; Get-CimInstance Win32_Process -Filter '${filter}' | ForEach-Object { "$($_.ProcessId)\`t$($_.ExecutablePath)" }; 'end'`;
  return ['powershell', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script];
}

/** The executable of each pid that Windows would tell (none for another user's process unless elevated). */
async function exePaths(host: Host, pids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (pids.length === 0) return out;
  const r = await host.run(exePathsArgv(pids), { timeoutMs: 20_000 });
  if (r.exitCode !== 0) return out;
  for (const line of r.stdout.split(/\r?\n/)) {
    const m = /^(\d+)\t(.+)$/.exec(line.trim());
    if (m && /^[A-Za-z]:\\|^\\\\/.test(m[2]!)) out.set(Number(m[1]), m[2]!.trim());
  }
  return out;
}

/** The evidence of one running process, in words that say what was (or could not be) confirmed. */
function processEvidence(row: TaskRow, exe: string | undefined, id: Exclude<WindowsExeIdentity, { is: 'other' }> | null): Evidence {
  const base = { pid: String(row.pid), name: row.name };
  const detail = `${row.name} (PID ${row.pid})`;
  if (!exe || !id) return { kind: 'process', detail: `${detail}; its program could not be read`, label: { key: 'bannedApp:evidence.processUnreadable', params: { name: row.name, pid: row.pid } }, data: { ...base, identity: 'unconfirmed' } };
  if (id.is === 'unconfirmed') {
    return { kind: 'process', path: exe, detail: `${detail}: ${exe}, whose version resource names no company (${id.detail})`, label: { key: 'bannedApp:evidence.processNoPublisher', params: { name: row.name, pid: row.pid, exe } }, data: { ...base, exe, identity: 'unconfirmed' } };
  }
  const company = id.info.companyName ?? '';
  return {
    kind: 'process',
    path: exe,
    detail: `${detail}: ${exe} of ${company}`,
    label: { key: 'bannedApp:evidence.processOfPublisher', params: { name: row.name, pid: row.pid, exe, company } },
    data: { ...base, exe, identity: 'version', companyName: company, ...(id.info.productName ? { productName: id.info.productName } : {}) },
  };
}

/** The hits among name-matched rows: by their program's version resource; another company's is left out (named in `others`). */
async function judgeRows(host: Host, app: BannedApp, rows: readonly TaskRow[], others: string[]): Promise<Hit[]> {
  const paths = await exePaths(host, rows.map((r) => r.pid));
  const hits: Hit[] = [];
  for (const row of rows) {
    const exe = paths.get(row.pid);
    const id = exe ? await identifyWindowsExe(host, app, exe) : null;
    if (id?.is === 'other') {
      others.push(`${row.name} (PID ${row.pid}) is ${exe} of ${id.info.companyName}`);
      continue;
    }
    hits.push({ kind: 'running', install: `process:${app.id}`, source: row.name, evidence: processEvidence(row, exe, id) });
  }
  return hits;
}

/**
 * Running processes of the app, matched exactly on the policy's process names (`APP.exe`, never `APPIt.exe`),
 * then by what their program is: its version resource (CompanyName) read from the file. A program of another
 * company is not the app; one whose program Windows does not tell us (another user's process without
 * administrator rights, a stub PowerShell) stays, saying it is not confirmed.
 */
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
    const others: string[] = [];
    const hits = await judgeRows(ctx.host, app, parsed.rows.filter((row) => names.has(row.name.toLowerCase())), others);
    return ran(others.length ? `${looked}; not the app: ${others.join('; ')}` : looked, hits);
  },
};
