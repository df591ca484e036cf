/**
 * Runs the checks in a worker thread (Node `worker_threads`) and terminates it at its time limit. The engine's own
 * limit is a timer in the same event loop as the probes, so a parse that never yields would stop it too; a thread
 * the parent terminates cannot hang the CLI (V8 interrupts even a loop that never yields), and it costs no second
 * Node start. The commands the thread had started are processes of this program that outlive the thread: the
 * thread records their pids in shared memory (src/core/host/command-slots.ts) and the parent kills them, with their
 * trees, once the thread has stopped, whether it answered, died or was terminated. What the thread had finished is
 * kept; every check it had not is `unknown`, with the reason in words.
 */
import type { Report } from '../../shared/report';
import type { Check, CheckContext } from '../checks/check';
import { commandsLeft } from '../host/command-slots';
import { startCheckThread, useCheckThread, type CheckThread } from './check-thread';
import { killCommandsLeft } from './kill-tree';
import type { CheckReply } from './protocol';
import { checkRequestOf, definedEnv, killAfterMs, partialReports } from './request';

/** Which program the thread runs and how long it may take. */
export interface WorkerCheckOptions {
  /** The module the thread runs: the CLI itself (serving `args`), or any module that speaks protocol.ts. */
  readonly modulePath: string;
  /** The thread's `process.argv` after the module (CHECK_PROCESS_ARG makes the CLI serve the request). */
  readonly args: readonly string[];
  /** The thread's `process.env`; it reads its host from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine's limit per check, passed to the thread; it is terminated at killAfterMs of it. */
  readonly timeLimitMs: number;
  /** The checks it runs (by id), in their order; also for the `unknown` findings of those it did not finish. */
  readonly checks: readonly Pick<Check, 'id' | 'advisoryPoint'>[];
  /** A thread started earlier for this check (check-thread.ts), used instead of starting one: once only. */
  readonly thread?: CheckThread;
}

/** Runs every check in a worker thread terminated at killAfterMs; rejects only when the thread says it could not run. */
export function runChecksInWorker(ctx: CheckContext, options: WorkerCheckOptions): Promise<Report> {
  const reports = partialReports(ctx, options.checks, options.timeLimitMs);
  return new Promise((resolve, reject) => {
    let settled = false;
    let thread: CheckThread | undefined;
    // Once answered (or out of time) the thread has nothing left to say: it is stopped, then every command it
    // left running is killed; only then is the answer given, so no command outlives the check.
    const settle = (answer: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const stopped = thread ? thread.worker.terminate().catch(() => undefined) : Promise.resolve();
      void stopped.then(() => {
        if (thread) killCommandsLeft(commandsLeft(thread.commandSlots), options.env);
        answer();
      });
    };
    const timer = setTimeout(() => settle(() => resolve(reports.killed())), killAfterMs(options.timeLimitMs));
    try {
      thread = options.thread ?? startCheckThread(options.modulePath, options.args, definedEnv(options.env));
    } catch (e) {
      settle(() => resolve(reports.ended(`could not start: ${e instanceof Error ? e.message : String(e)}`)));
      return;
    }
    const { worker } = thread;
    useCheckThread(thread);
    worker.on('message', (m: CheckReply) => {
      if (m?.type === 'findings') reports.checkDone(m.check, m.findings);
      else if (m?.type === 'report') settle(() => resolve(m.report));
      else if (m?.type === 'failed') settle(() => reject(new Error(m.message)));
    });
    void thread.ended.then((why) => settle(() => resolve(reports.ended(why))));
    worker.postMessage(checkRequestOf(ctx, options));
  });
}
