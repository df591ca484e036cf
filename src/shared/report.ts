import type { Finding, FindingStatus } from './finding';
import type { ReportMachine } from './machine';
import type { PolicyProvenance } from './org-policy';

/**
 * Bumped when the JSON shape of a Report changes incompatibly. 2: `Evidence.data.owner` split into
 * `package` (+ `manager`: the package that owns a path) and `user` (+ `home`: the person whose home it is);
 * the keys are those of `EVIDENCE_DATA_KEYS` (src/shared/evidence-data.ts). 3: a finding's status may be `notice`
 * (counted in `summary.notice`, never in the exit code), and `Finding.alsoPoints` names further points it concerns.
 */
export const REPORT_SCHEMA_VERSION = 3 as const;

/** The machine a report was made on. */
export interface ReportHost {
  readonly os: 'win32' | 'darwin' | 'linux' | string;
  readonly release: string;
  readonly arch: string;
  readonly hostname: string;
}

/** A document the policy rests on, e.g. 2706/UBND-XD6 of UBND tỉnh Quảng Ninh. */
export interface Citation {
  readonly id: string;
  readonly number: string;
  readonly issuer: LocalizedText;
  readonly date: string;
  readonly title: LocalizedText;
}

/** A text given in both languages. Vietnamese is the primary one. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/** The policy a report was judged against, as the report shows it; with where it came from (absent in older reports). */
export interface ReportPolicy extends Partial<PolicyProvenance> {
  readonly id: string;
  readonly number: string;
  readonly title: LocalizedText;
  readonly citations: readonly Citation[];
}

/** Counts per status. */
export type ReportSummary = Readonly<Record<FindingStatus, number>>;

/** The result of one full check run: what `check --json` prints and what the window shows. */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly host: ReportHost;
  /** The machine's identity for fleet tools (system UUID, serial, model, OS build); absent in reports made before it was read. */
  readonly machine?: ReportMachine;
  readonly policy: ReportPolicy;
  readonly findings: readonly Finding[];
  /** Ids of the checks that ran, in order (`check --only` runs one); absent in reports made before it was recorded. */
  readonly checks?: readonly string[];
  readonly summary: ReportSummary;
  readonly durationMs: number;
}
