import type { Evidence, Message } from '../../shared/finding';
import { isHostError, type Host } from '../host/host';
import type { MutableHost } from '../host/mutable-host';

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
}

/** A line that could not be read back: its number and why. */
export interface CorruptLine {
  readonly line: number;
  readonly reason: string;
}

/** What reading the audit log gave: good entries in file order, and bad lines reported, not dropped silently. */
export interface AuditRead {
  readonly entries: readonly AuditEntry[];
  readonly corrupt: readonly CorruptLine[];
  /** Set when the file exists but could not be read at all. */
  readonly error?: string;
}

/** Path of the audit log for a data folder. */
export function auditLogPath(host: Pick<Host, 'path'>, dataDir: string): string {
  return host.path.join(dataDir, AUDIT_LOG_FILE);
}

/** Appends one entry as one JSON line (a single write; a torn last line is closed first). */
export async function appendAudit(mutable: MutableHost, file: string, entry: AuditEntry): Promise<void> {
  await mutable.appendLine(file, JSON.stringify(entry));
}

function isEntry(x: unknown): x is AuditEntry {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return o.v === 1 && typeof o.time === 'string' && (o.type === 'step' || o.type === 'verdict') && typeof o.planId === 'string' && typeof o.outcome === 'string' && Array.isArray(o.evidenceBefore);
}

/** Parses audit log text: each bad line is reported with its number and skipped; the rest are kept. */
export function parseAudit(text: string): AuditRead {
  const entries: AuditEntry[] = [];
  const corrupt: CorruptLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isEntry(parsed)) entries.push(parsed);
      else corrupt.push({ line: i + 1, reason: 'not an audit entry' });
    } catch (e) {
      corrupt.push({ line: i + 1, reason: e instanceof Error ? e.message : String(e) });
    }
  });
  return { entries, corrupt };
}

/** Reads the audit log; a missing file is an empty log, an unreadable one says why. Never throws. */
export async function readAudit(host: Host, file: string): Promise<AuditRead> {
  try {
    return parseAudit(await host.readText(file, { maxBytes: 64 * 1024 * 1024 }));
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { entries: [], corrupt: [] };
    return { entries: [], corrupt: [], error: e instanceof Error ? e.message : String(e) };
  }
}
