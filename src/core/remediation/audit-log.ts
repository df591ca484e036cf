/** The audit log of removals (audit.log in the data folder): one JSON line an action, appended, and read back as a record file. */
import type { Evidence, Message } from '../../shared/finding';
import { isHostError, type Host } from '../host/host';
import type { MutableHost } from '../host/mutable-host';
import { lazySchema } from '../lazy-zod';
import { parseJsonLines, readRecordFile, type RecordCheck, type RecordsRead } from '../record-file';

/** File name of the audit log inside the user's data folder. */
export const AUDIT_LOG_FILE = 'audit.log';

/** One line of the audit log: one action, or the verdict of a plan after the re-check. */
export interface AuditEntry {
  readonly v: 1;
  readonly time: string;
  /** `step`: an action ran (or was refused); `verdict`: what the re-check proved for a plan. */
  readonly type: 'step' | 'verdict';
  readonly planId: string;
  readonly findingId: string;
  /** The plan's title (what was found). */
  readonly plan: Message;
  /** For verdicts: what the plan did (`close`, `uninstall`, ...); its `outcome` stays the engine's verdict. */
  readonly kind?: string;
  readonly step?: { readonly kind: string; readonly title: Message };
  /** The argv that ran, elevation wrapper included. */
  readonly argv?: readonly string[];
  readonly path?: string;
  readonly exitCode?: number | null;
  readonly outcome: string;
  readonly message?: Message;
  readonly evidenceBefore: readonly Evidence[];
  /** For verdicts: the finding's evidence in the re-check (empty when gone). */
  readonly evidenceAfter?: readonly Evidence[];
  /** Set when the line was shortened to MAX_AUDIT_LINE (evidence without its raw data). */
  readonly truncated?: boolean;
}

/** What reading the audit log gave: good entries in file order, and damaged lines (their line numbers) reported. */
export type AuditRead = RecordsRead<AuditEntry>;

/** Path of the audit log for a data folder. */
export function auditLogPath(host: Pick<Host, 'path'>, dataDir: string): string {
  return host.path.join(dataDir, AUDIT_LOG_FILE);
}

/** The longest line written: one entry never floods the log (or the history reader's size limit). */
export const MAX_AUDIT_LINE = 64 * 1024;

/** Evidence shortened for the log: kind, path and a cut detail, without the raw data. */
function shortEvidence(list: readonly Evidence[], keep: number): Evidence[] {
  return list.slice(0, keep).map((e) => ({ kind: e.kind, detail: e.detail.slice(0, 300), ...(e.path ? { path: e.path.slice(0, 1000) } : {}) }));
}

/** The entry as one JSON line of at most MAX_AUDIT_LINE characters: evidence shortened first, then the argv and message cut. */
export function auditLine(entry: AuditEntry): string {
  const full = JSON.stringify(entry);
  if (full.length <= MAX_AUDIT_LINE) return full;
  for (const keep of [50, 10, 1, 0]) {
    const short: AuditEntry = {
      ...entry,
      truncated: true,
      evidenceBefore: shortEvidence(entry.evidenceBefore, keep),
      ...(entry.evidenceAfter ? { evidenceAfter: shortEvidence(entry.evidenceAfter, keep) } : {}),
      ...(entry.argv ? { argv: entry.argv.slice(0, 20).map((a) => a.slice(0, 1000)) } : {}),
      ...(entry.path ? { path: entry.path.slice(0, 1000) } : {}),
      ...(entry.message ? { message: { key: entry.message.key } } : {}),
    };
    const line = JSON.stringify(short);
    if (line.length <= MAX_AUDIT_LINE) return line;
  }
  return JSON.stringify({ v: 1, time: entry.time, type: entry.type, planId: entry.planId.slice(0, 200), findingId: entry.findingId.slice(0, 200), plan: { key: entry.plan.key }, outcome: entry.outcome.slice(0, 100), evidenceBefore: [], truncated: true });
}

/**
 * The warning shown when an entry could not be appended, in words: a link, FIFO or device at the
 * log's name is refused and never written through; any other failure gives the system's message.
 */
export function auditWriteWarning(e: unknown, file: string): Message {
  if (isHostError(e) && (e.code === 'is-a-link' || e.code === 'not-a-file')) return { key: 'fix:cli.auditRefused', params: { file } };
  return { key: 'fix:cli.auditFailed', params: { message: e instanceof Error ? e.message : String(e) } };
}

/** Appends one entry as one JSON line (a single write; a torn last line is closed first). */
export async function appendAudit(mutable: MutableHost, file: string, entry: AuditEntry): Promise<void> {
  await mutable.appendLine(file, auditLine(entry));
}

/**
 * What an audit line holds, every field with its type, as one schema for both its uses: the reader (`strip`: a key it
 * does not know is dropped) and the history document's strict schema (`strict`: such a key is refused,
 * src/core/history/history-schema.ts). The evidence is kept as the version that wrote the line made it, either way.
 */
export function auditEntrySchemaOf(z: typeof import('zod').z, unknownKeys: 'strip' | 'strict') {
  // One signature for both: the data they accept is the same shape, only an unknown key is dropped or refused.
  const object = (unknownKeys === 'strict' ? z.strictObject : z.object) as typeof z.object;
  const message = object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
  // The report's Evidence as it was when the line was written: what every version had, the rest as it is.
  const evidence = z.looseObject({ kind: z.string(), detail: z.string(), path: z.string().optional(), version: z.string().optional() });
  return object({
    v: z.literal(1),
    time: z.string(),
    type: z.enum(['step', 'verdict']),
    planId: z.string(),
    findingId: z.string(),
    plan: message,
    // Verdicts: what the plan did (PlanKind: close, uninstall, …); absent in lines written before it.
    kind: z.string().optional(),
    step: object({ kind: z.string(), title: message }).optional(),
    argv: z.array(z.string()).optional(),
    path: z.string().optional(),
    exitCode: z.number().nullable().optional(),
    outcome: z.string(),
    message: message.optional(),
    evidenceBefore: z.array(evidence),
    evidenceAfter: z.array(evidence).optional(),
    truncated: z.boolean().optional(),
  });
}

/** What a line must hold to be shown: every field the history view reads, with its type (built on first use). */
const auditEntrySchema = lazySchema((z) => auditEntrySchemaOf(z, 'strip'));

/** One line judged by its schema, kept as the schema reads it: a key it does not know is dropped (the evidence stays as written). */
const checkEntry: RecordCheck<AuditEntry> = (raw) => {
  const parsed = auditEntrySchema().safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data as AuditEntry } : { ok: false, reason: 'not an audit entry' };
};

/** Parses audit log text: each bad line is reported with its number and skipped; the rest are kept. */
export function parseAudit(text: string): AuditRead {
  return parseJsonLines(text, checkEntry);
}

/** Reads the audit log (a link, FIFO or device at its name is refused unread); a missing file is an empty log, an unreadable one says why. Never throws. */
export function readAudit(host: Host, file: string): Promise<AuditRead> {
  return readRecordFile(host, file, 64 * 1024 * 1024, parseAudit);
}
