/**
 * What both parents of a check share (the CLI's worker thread, run-in-worker.ts; the tray's utilityProcess,
 * src/main/run-in-utility.ts): the request they send, the environment they pass, when they stop it, and the
 * report of what it had not finished.
 */
import type { Finding, Message } from '../../shared/finding';
import type { Report } from '../../shared/report';
import { msg, type Check, type CheckContext } from '../checks/check';
import { buildReport, checkFailed } from '../engine';
import { builtinPolicy } from '../policy/policy';
import type { CheckRequest } from './protocol';

/** Time the check has past the per-check limit (checks run side by side, so one limit bounds them all). */
export function killAfterMs(timeLimitMs: number): number {
  return timeLimitMs + Math.min(15_000, Math.max(1_000, Math.round(timeLimitMs / 2)));
}

/** The request a check is sent: the same from the CLI's worker thread and the tray's utilityProcess. */
export function checkRequestOf(ctx: CheckContext, options: { readonly timeLimitMs: number; readonly checks: readonly Pick<Check, 'id'>[] }): CheckRequest {
  return {
    type: 'run',
    now: ctx.now.toISOString(),
    timeLimitMs: options.timeLimitMs,
    checks: options.checks.map((c) => c.id),
    ...(ctx.memoWriter ? { memo: true } : {}),
    ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
    ...(ctx.catalogFile ? { catalogFile: ctx.catalogFile } : {}),
    // The built-in policy is the check's own; any other goes along, so the check finds what the parent bans.
    ...(ctx.policy !== builtinPolicy() ? { policy: ctx.policy } : {}),
    ...(ctx.provenance ? { provenance: ctx.provenance } : {}),
  };
}

/** An environment without its unset variables (a thread's or a child process's environment takes strings only). */
export function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Collects each check's findings as they arrive; the report of a check stopped early keeps them, the rest unknown. */
export function partialReports(ctx: CheckContext, checks: readonly Pick<Check, 'id' | 'advisoryPoint'>[], timeLimitMs: number) {
  const started = Date.now();
  const done = new Map<string, readonly Finding[]>();
  const partial = (why: (c: Pick<Check, 'id'>) => Message, evidence: Finding['evidence'] = []): Report =>
    buildReport(ctx, checks, checks.flatMap((c) => done.get(c.id) ?? [checkFailed(c, why(c), evidence)]), Date.now() - started);
  const seconds = Math.round(killAfterMs(timeLimitMs) / 1000);
  return {
    /** One check's findings, as it ended. */
    checkDone: (check: string, findings: readonly Finding[]): void => void done.set(check, findings),
    /** Stopped at its time limit: what had not finished is `common:reason.checkKilled`. */
    killed: (): Report => partial((c) => msg('common:reason.checkKilled', { check: c.id, count: seconds })),
    /** Ended by itself before its report (crash, exit, could not start): the detail is evidence, not in the sentence. */
    ended: (detail: string): Report => partial((c) => msg('common:reason.checkProcessEnded', { check: c.id }), [{ kind: 'probe', detail: `check process: ${detail}` }]),
  };
}
