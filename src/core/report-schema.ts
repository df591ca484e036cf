/**
 * The JSON report (`check --json`, `Report` of src/shared/report.ts) as a strict schema: every field of every
 * finding and piece of evidence, evidence data only under the keys of EVIDENCE_DATA_KEYS, nothing unknown.
 * Recorded reports (the preview's scenarios) are held to it, so they stay the shape the engine makes; a new
 * field of Report or Finding needs its line here: the type checker fails until it has one
 * (tests/core/report-schema-type.test.ts), and so does the built CLI's real output (tests/cli/report-schema.test.ts).
 */
import { z } from 'zod';
import { EVIDENCE_DATA_KEYS } from '../shared/evidence-data';
import { FINDING_STATUSES, type EvidenceKind, type Severity } from '../shared/finding';
import { MACHINE_FIELDS } from '../shared/machine';
import type { PolicyRefusalKind } from '../shared/org-policy';
import { REPORT_SCHEMA_VERSION, type Report } from '../shared/report';

const message = z.strictObject({ key: z.string().regex(/^[a-zA-Z]+:[\w.-]+$/), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const status = z.enum(FINDING_STATUSES);
// Each list is checked against its type both ways (tests/core/report-schema-type.test.ts): none missing, none extra.
const kind = z.enum(['package', 'registry', 'file', 'folder', 'app-bundle', 'receipt', 'launch-agent', 'process', 'installer', 'browser-extension', 'port', 'launcher', 'url-handler', 'os', 'update', 'catalog', 'probe'] as const satisfies readonly EvidenceKind[]);
const dataKeys = Object.keys(EVIDENCE_DATA_KEYS) as [keyof typeof EVIDENCE_DATA_KEYS, ...(keyof typeof EVIDENCE_DATA_KEYS)[]];
const evidence = z.strictObject({
  kind,
  path: z.string().optional(),
  version: z.string().optional(),
  detail: z.string(),
  label: message.optional(),
  data: z.partialRecord(z.enum(dataKeys), z.string()).optional(),
});
/** One finding of a report (also the findings `fix --json` prints under `before`). */
export const findingSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z-]+:[0-9a-f]{16}$/),
    check: z.string().min(1),
    app: z.string().min(1).optional(),
    status,
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[]),
    advisoryPoint: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    alsoPoints: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).optional(),
    title: message,
    detail: message.optional(),
    action: message.optional(),
    reason: message.optional(),
    evidence: z.array(evidence),
    remediation: z.string().optional(),
  })
  // An unknown always says why it could not look.
  .refine((f) => f.status !== 'unknown' || f.reason !== undefined, { message: 'an unknown finding carries its reason' });
const machineFacts = Object.fromEntries(MACHINE_FIELDS.map((k) => [k, z.string().optional()])) as Record<(typeof MACHINE_FIELDS)[number], z.ZodOptional<z.ZodString>>;
const machine = z.union([
  z.strictObject({ state: z.literal('known'), ...machineFacts, unread: z.array(z.enum(MACHINE_FIELDS)), unreadReason: z.string().optional() }),
  z.strictObject({ state: z.literal('unknown'), reason: z.string().min(1) }),
]);
const localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
// Where the policy in force came from (PolicyProvenance of src/shared/org-policy.ts).
const policySource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1), keyId: z.string().min(1), policyId: z.string().min(1), notAfter: z.string().min(1) }),
  z.strictObject({ kind: z.literal('registry'), key: z.string().min(1) }),
]);
const refusalKind = z.enum(['unreadable', 'unsafe-permissions', 'no-key', 'bad-key', 'not-signed', 'untrusted-key', 'signature', 'malformed', 'expired', 'conflict'] as const satisfies readonly PolicyRefusalKind[]);
/** The agency of an organisation policy (the report's `policy.agency`, `fix --json`'s `agency`). */
export const agencySchema = z.strictObject({
  name: z.string().optional(),
  itContact: z.strictObject({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), room: z.string().optional() }).optional(),
});
const count = z.number().int().nonnegative();

/** The strict schema of a Report of REPORT_SCHEMA_VERSION. */
export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    generatedAt: z.iso.datetime(),
    host: z.strictObject({ os: z.string(), release: z.string(), arch: z.string(), hostname: z.string() }),
    machine: machine.optional(),
    policy: z.strictObject({
      id: z.string(),
      number: z.string(),
      title: localized,
      citations: z.array(z.strictObject({ id: z.string(), number: z.string(), issuer: localized, date: z.string(), title: localized })),
      // Absent in reports made before the organisation policy (still version 3: an addition old readers ignore).
      origin: z.enum(['builtin', 'organisation']).optional(),
      sources: z.array(policySource).optional(),
      agency: agencySchema.optional(),
      refusals: z.array(z.strictObject({ source: z.string().min(1), kind: refusalKind, reason: message })).optional(),
    }),
    findings: z.array(findingSchema),
    checks: z.array(z.string()).optional(),
    summary: z.strictObject({ violation: count, warning: count, unknown: count, notice: count, ok: count }),
    durationMs: z.number().nonnegative(),
  })
  // The counts are the findings' own.
  .refine((r) => FINDING_STATUSES.every((s) => r.summary[s] === r.findings.filter((f) => f.status === s).length), { message: 'summary counts match the findings' });

/** Validates a report; the issues as readable lines when it does not match. */
export function validateReport(value: unknown): { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly issues: readonly string[] } {
  const r = reportSchema.safeParse(value);
  if (r.success) return { ok: true, report: value as Report };
  return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.') || '(report)'}: ${i.message}`) };
}
