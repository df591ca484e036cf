/** How `check` runs the checks: in a child process killed at its time limit (the program), or in this one (tests). */
import type { Check, CheckContext } from '../core/checks/check';
import { runChecksInChild } from '../core/check-process/run-in-child';
import { runChecks } from '../core/engine';
import type { Report } from '../shared/report';

/** Runs the checks given (of the default ones) and returns the report. */
export type CheckRunner = (ctx: CheckContext, checks: readonly Check[]) => Promise<Report>;

/** The program to fork for the checks, and the arguments that make it serve them. */
export interface CheckProgram {
  readonly modulePath: string;
  readonly args: readonly string[];
}

export { checkTimeLimitFromEnv } from '../core/check-process/time-limit';

/** The checks in this process: a hung parse would hang the caller too, so only for an injected host (tests). */
export function inProcessRunner(timeLimitMs: number): CheckRunner {
  return (ctx, checks) => runChecks(ctx, { checks, timeLimitMs });
}

/** The checks in a child process of `program`, killed at its limit; the child reads its host from `env`. */
export function childProcessRunner(program: CheckProgram, env: Readonly<Record<string, string | undefined>>, timeLimitMs: number): CheckRunner {
  return (ctx, checks) => runChecksInChild(ctx, { ...program, env, timeLimitMs, checks });
}
