/**
 * The tray app's twin of src/core/check-process/run-in-worker.ts (the CLI's worker thread): runs the checks in an
 * Electron `utilityProcess` (a Node child with `process.parentPort`) serving the same protocol with the same core
 * worker, so a parse that never yields stalls that process, never the tray. At its time limit the process
 * is killed with every command it started; a process that crashes, hangs or cannot start leaves `unknown`
 * findings, with the reason in words, for the checks it had not finished.
 */
import type { Report } from '../shared/report';
import type { Check, CheckContext } from '../core/checks/check';
import { checkRequestOf, definedEnv, killAfterMs, partialReports } from '../core/check-process/request';
import type { CheckReply } from '../core/check-process/protocol';

/** A running utility process, as far as this module uses Electron's `UtilityProcess`. */
export interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** Starts a utility process: Electron's `utilityProcess.fork`, or a fake in tests. */
export type ForkUtility = (modulePath: string, options: { readonly env: Record<string, string>; readonly serviceName: string }) => UtilityChild;

/** How the check process is started, how long it may take, and how it is ended. */
export interface UtilityCheckOptions {
  readonly fork: ForkUtility;
  /** The built worker entry (out/main/check-worker.js). */
  readonly modulePath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine's limit per check, passed to the process; it is killed at killAfterMs of it. */
  readonly timeLimitMs: number;
  readonly checks: readonly Pick<Check, 'id' | 'advisoryPoint'>[];
  /** Ends the process and every command it started (core's killTree); `child.kill()` follows it anyway. */
  readonly killTree: (pid: number) => void;
  /** Aborted when the app quits: a running process is ended with its commands (which Electron would leave running). */
  readonly signal?: AbortSignal;
  /** Timers, injectable so tests need no real waiting. */
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/** The service name the OS shows for the check process (Windows Task Manager, Activity Monitor). */
export const CHECK_SERVICE_NAME = 'ATTT Self-Check: kiểm tra';

/** Runs the checks in a utility process; rejects only when the process says it could not run at all. */
export function runChecksInUtility(ctx: CheckContext, options: UtilityCheckOptions): Promise<Report> {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  const request = checkRequestOf(ctx, options);
  const env = definedEnv(options.env);
  // The checks it had not finished: unknown, with why in words; the technical detail goes in the evidence.
  const reports = partialReports(ctx, options.checks, options.timeLimitMs);
  const ended = reports.ended;

  return new Promise((resolve, reject) => {
    let settled = false;
    let exited = false;
    let child: UtilityChild;
    let timer: unknown = null;
    const end = (): void => {
      if (exited) return;
      if (child.pid !== undefined) options.killTree(child.pid);
      child.kill();
    };
    // Once answered the process has nothing left to say: ended a moment later if it has not exited by itself.
    const settle = (f: () => void, how: 'now' | 'soon'): void => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimer(timer);
      f();
      if (how === 'now') end();
      else if (!exited) {
        const later = setTimer(end, 2_000);
        child.on('exit', () => clearTimer(later));
      }
    };
    try {
      child = options.fork(options.modulePath, { env, serviceName: CHECK_SERVICE_NAME });
    } catch (e) {
      resolve(ended(`could not start: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    timer = setTimer(() => settle(() => resolve(reports.killed()), 'now'), killAfterMs(options.timeLimitMs));
    child.on('message', (raw) => {
      const m = raw as CheckReply | null;
      if (m?.type === 'findings') reports.checkDone(m.check, m.findings);
      else if (m?.type === 'report') settle(() => resolve(m.report), 'soon');
      else if (m?.type === 'failed') settle(() => reject(new Error(m.message)), 'soon');
    });
    child.on('exit', (code) => {
      exited = true;
      settle(() => resolve(ended(`exit code ${code}`)), 'soon');
    });
    const quit = (): void => settle(() => resolve(ended('the app quit')), 'now');
    if (options.signal?.aborted) quit();
    options.signal?.addEventListener('abort', quit, { once: true });
    child.on('exit', () => options.signal?.removeEventListener('abort', quit));
    try {
      child.postMessage(request);
    } catch (e) {
      settle(() => resolve(ended(`could not be asked: ${e instanceof Error ? e.message : String(e)}`)), 'now');
    }
  });
}
