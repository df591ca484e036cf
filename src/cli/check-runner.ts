/** How `check` runs the checks: in a worker thread stopped at its time limit (the program), or inline (tests). */
import type { Check, CheckContext } from '../core/checks/check';
import type { CheckThread } from '../core/check-process/check-thread';
import { runChecksInWorker } from '../core/check-process/run-in-worker';
import { runChecks } from '../core/engine';
import type { Report } from '../shared/report';

/** Runs the checks given (of the default ones) and returns the report. */
export type CheckRunner = (ctx: CheckContext, checks: readonly Check[]) => Promise<Report>;

/** The program a check thread runs, and the arguments that make it serve the check. */
export interface CheckProgram {
  readonly modulePath: string;
  readonly args: readonly string[];
  /** The thread already started for the first check (early-check-thread.ts); later checks start their own. */
  readonly early?: CheckThread;
}

export { checkTimeLimitFromEnv } from '../core/check-process/time-limit';

/** The checks in this process: a hung parse would hang the caller too, so only for an injected host (tests). */
export function inProcessRunner(timeLimitMs: number): CheckRunner {
  return (ctx, checks) => runChecks(ctx, { checks, timeLimitMs });
}

/** The checks in a worker thread running `program`, stopped at its limit; the thread reads its host from `env`. */
export function workerThreadRunner(program: CheckProgram, env: Readonly<Record<string, string | undefined>>, timeLimitMs: number): CheckRunner {
  let early = program.early;
  return (ctx, checks) => {
    const thread = early;
    early = undefined;
    return runChecksInWorker(ctx, { modulePath: program.modulePath, args: program.args, env, timeLimitMs, checks, ...(thread ? { thread } : {}) });
  };
}
