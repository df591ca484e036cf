/**
 * What a check and its parent say to each other. The parent is the CLI (the check in a Node worker thread) or
 * the tray app (the check in an Electron `utilityProcess`); the messages are plain JSON either way.
 */
import type { Finding } from '../../shared/finding';
import type { PolicyProvenance } from '../../shared/org-policy';
import type { Report } from '../../shared/report';

/** The argument that makes the CLI program serve one check request instead of reading a command line. */
export const CHECK_PROCESS_ARG = '--attt-selfcheck-check-process';

/** Parent → check process: run every check with these inputs (the host comes from the environment). */
export interface CheckRequest {
  readonly type: 'run';
  /** The time to judge against, as ISO text. */
  readonly now: string;
  readonly dataDir?: string;
  readonly catalogFile?: string;
  /** The engine's limit per check; the parent kills the process a little after it. */
  readonly timeLimitMs: number;
  /** Ids of the checks to run, in their order; every default check when absent. */
  readonly checks?: readonly string[];
  /** Keep the checks' memo files in dataDir (the parent had a memo writer: this machine, not a recorded one). */
  readonly memo?: boolean;
  /** The policy to judge by when it is not the built-in one, as its document; validated again by the check process. */
  readonly policy?: unknown;
  /** Where the parent's policy came from and what it refused (the organisation's policy), for the report to record. */
  readonly provenance?: PolicyProvenance;
}

/** What a check thread is given besides the request (`workerData`): where to record the commands it starts. */
export interface CheckThreadData {
  readonly commandSlots: SharedArrayBuffer;
  /** The built CLI file the thread's start code compiles its bundle from (check-thread.ts); absent: the thread runs a module. */
  readonly cliFile?: string;
}

/** Check process → parent: each check's findings as it ends, then the report, or why it could not run. */
export type CheckReply =
  | { readonly type: 'findings'; readonly check: string; readonly findings: readonly Finding[] }
  | { readonly type: 'report'; readonly report: Report }
  | { readonly type: 'failed'; readonly message: string };

/** Whether a message is a check request (anything else is ignored). */
export function isCheckRequest(m: unknown): m is CheckRequest {
  const r = m as Partial<CheckRequest> | null;
  return (
    typeof r === 'object' && r !== null && r.type === 'run' && typeof r.now === 'string' && !Number.isNaN(Date.parse(r.now)) &&
    typeof r.timeLimitMs === 'number' && r.timeLimitMs > 0 &&
    (r.dataDir === undefined || typeof r.dataDir === 'string') && (r.catalogFile === undefined || typeof r.catalogFile === 'string') &&
    (r.checks === undefined || (Array.isArray(r.checks) && r.checks.every((c) => typeof c === 'string'))) &&
    (r.memo === undefined || typeof r.memo === 'boolean') &&
    (r.provenance === undefined || (typeof r.provenance === 'object' && r.provenance !== null && Array.isArray(r.provenance.sources) && Array.isArray(r.provenance.refusals)))
  );
}
