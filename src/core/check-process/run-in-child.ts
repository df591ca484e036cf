/**
 * Runs the checks in a child process (Node `child_process.fork`) and kills it at its time limit. The engine's
 * own limit is a timer in the same event loop as the probes, so a parse that never yields would stop it too;
 * a process the parent kills cannot hang the CLI. What the child had finished before is kept; every check it
 * had not is `unknown`, with the reason in words.
 */
import { fork } from 'node:child_process';
import type { Finding, Message } from '../../shared/finding';
import type { Report } from '../../shared/report';
import { msg, type Check, type CheckContext } from '../checks/check';
import { buildReport, checkFailed } from '../engine';
import { killTree } from './kill-tree';
import type { CheckReply, CheckRequest } from './protocol';
import { builtinPolicy } from '../policy/policy';

/** How the child is started and how long it may take. */
export interface ChildCheckOptions {
  /** The program to fork: the CLI itself (serving `args`), or any module that speaks protocol.ts. */
  readonly modulePath: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine's limit per check, passed to the child. */
  readonly timeLimitMs: number;
  /** The checks the child runs (by id), in their order; also for the `unknown` findings of those it did not finish. */
  readonly checks: readonly Pick<Check, 'id' | 'advisoryPoint'>[];
}

/** Time the child has past the per-check limit (checks run side by side, so one limit bounds them all). */
export function killAfterMs(timeLimitMs: number): number {
  return timeLimitMs + Math.min(15_000, Math.max(1_000, Math.round(timeLimitMs / 2)));
}

/** The request a check process is sent: the same from the CLI's fork and the tray's utilityProcess. */
export function checkRequestOf(ctx: CheckContext, options: { readonly timeLimitMs: number; readonly checks: readonly Pick<Check, 'id'>[] }): CheckRequest {
  return {
    type: 'run',
    now: ctx.now.toISOString(),
    timeLimitMs: options.timeLimitMs,
    checks: options.checks.map((c) => c.id),
    ...(ctx.memoWriter ? { memo: true } : {}),
    ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
    ...(ctx.catalogFile ? { catalogFile: ctx.catalogFile } : {}),
    // The built-in policy is the child's own; any other goes along, so the child finds what the parent bans.
    ...(ctx.policy !== builtinPolicy() ? { policy: ctx.policy } : {}),
    ...(ctx.provenance ? { provenance: ctx.provenance } : {}),
  };
}

/** An environment without its unset variables (a child process takes strings only). */
export function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs every check in a child process killed (SIGKILL) at killAfterMs; rejects only when the child says it could not run. */
export function runChecksInChild(ctx: CheckContext, options: ChildCheckOptions): Promise<Report> {
  const started = Date.now();
  const request = checkRequestOf(ctx, options);
  const done = new Map<string, readonly Finding[]>();
  const env = definedEnv(options.env);
  return new Promise((resolve, reject) => {
    let settled = false;
    const child = fork(options.modulePath, [...options.args], { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const alive = (): boolean => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
    // Once answered (or out of time) the child has nothing left to say: it is ended with any command it
    // started, at once when its time is up, else if it has not exited by itself a moment after its answer.
    const settle = (f: () => void, end: 'now' | 'soon' = 'soon'): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      if (end === 'now' && alive()) killTree(child.pid!, options.env);
      if (end === 'soon' && alive()) {
        const later = setTimeout(() => alive() && killTree(child.pid!, options.env), 2_000);
        child.once('exit', () => clearTimeout(later));
      }
    };
    // The checks it had not finished: unknown, with why in words; the technical detail goes in the evidence.
    const partial = (why: (c: Pick<Check, 'id'>) => Message, evidence: Finding['evidence'] = []): Report =>
      buildReport(ctx, options.checks, options.checks.flatMap((c) => done.get(c.id) ?? [checkFailed(c, why(c), evidence)]), Date.now() - started);
    const seconds = Math.round(killAfterMs(options.timeLimitMs) / 1000);
    const timer = setTimeout(() => {
      settle(() => resolve(partial((c) => msg('common:reason.checkKilled', { check: c.id, seconds }))), 'now');
    }, killAfterMs(options.timeLimitMs));
    child.on('message', (m: CheckReply) => {
      if (m?.type === 'findings') done.set(m.check, m.findings);
      else if (m?.type === 'report') settle(() => resolve(m.report));
      else if (m?.type === 'failed') settle(() => reject(new Error(m.message)));
    });
    child.on('error', (e) => settle(() => reject(e)));
    child.on('exit', (code, signal) => {
      const detail = signal ? `signal ${signal}` : `exit code ${code}`;
      settle(() => resolve(partial((c) => msg('common:reason.checkProcessEnded', { check: c.id }), [{ kind: 'probe', detail: `check process: ${detail}` }])));
    });
    try {
      child.send(request);
    } catch (e) {
      settle(() => reject(e as Error));
    }
  });
}
