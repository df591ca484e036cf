/**
 * The history document (`history --json`, HistoryDocument of ./history-document.ts) as a strict schema: no field
 * it does not name, at any level but the audit log's evidence, which is kept as the version that wrote the line made
 * it (lines older than report schema 2 carry `data.owner`). The built CLI's real output is held to it
 * (tests/cli/history-schema.test.ts); a fleet tool may validate with it. Not loaded by the CLI itself.
 */
import { z } from 'zod';
import { FINDING_STATUSES } from '../../shared/finding';
import { auditEntrySchemaOf } from '../remediation/audit-log';
import { HISTORY_JSON_VERSION, type HistoryDocument } from './history-document';

// Each value is held to what its reader keeps (check-history.ts, audit-log.ts): a hand-edited file that the reader
// takes stays a valid document; what the reader refuses is a damaged record, listed with its place.
const message = z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const status = z.enum(FINDING_STATUSES);
const count = z.number();
const place = z.number().int().positive();
// An audit line as its reader keeps it, refusing any key the reader would drop.
const auditEntry = auditEntrySchemaOf(z, 'strict');

const change = z.strictObject({ kind: z.enum(['new', 'changed', 'resolved']), id: z.string(), title: message, before: status.optional(), after: status.optional() });
const check = z.strictObject({
  at: z.string(),
  summary: z.strictObject({ violation: count, warning: count, unknown: count, notice: count, ok: count }),
  durationMs: z.number(),
  findings: z.array(z.strictObject({ id: z.string(), status, title: message })),
  checks: z.array(z.string()).optional(),
  changes: z.array(change).nullable(),
  earlierPartial: z.boolean(),
});

/** The strict schema of a history document of HISTORY_JSON_VERSION. */
export const historyDocumentSchema = z
  .strictObject({
    schemaVersion: z.literal(HISTORY_JSON_VERSION),
    file: z.string().min(1),
    entries: z.array(auditEntry),
    corrupt: z.array(z.strictObject({ line: place, reason: z.string() })),
    error: z.string().optional(),
    reason: message.optional(),
    checks: z.strictObject({
      file: z.string().min(1),
      entries: z.array(check),
      skipped: z.array(z.strictObject({ n: place, reason: z.string() })),
      error: z.string().optional(),
    }),
  })
  // Only the oldest check kept has nothing to compare with.
  .refine((d) => d.checks.entries.every((e, i) => (e.changes === null) === (i === d.checks.entries.length - 1)), { message: 'every check but the oldest has its changes' });

/** Validates a history document; the issues as readable lines when it does not match. */
export function validateHistoryDocument(value: unknown): { readonly ok: true; readonly document: HistoryDocument } | { readonly ok: false; readonly issues: readonly string[] } {
  const r = historyDocumentSchema.safeParse(value);
  if (r.success) return { ok: true, document: value as HistoryDocument };
  return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
}
