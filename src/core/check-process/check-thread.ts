/**
 * A check thread: a worker thread running the CLI's program as the check (CHECK_PROCESS_ARG), with the shared memory
 * its commands are recorded in (command-slots.ts). It may be started before it is needed: the CLI's launcher starts
 * it beside its own start, so the thread's start overlaps the CLI's (src/cli/launcher.ts). Until a check takes it,
 * it keeps no process alive; how it ends is kept from its start, so an end before anyone listened is not lost.
 */
import { Worker } from 'node:worker_threads';
import { newCommandSlots } from '../host/command-slots';
import type { CheckThreadData } from './protocol';

/** A started check thread, waiting for its request. */
export interface CheckThread {
  readonly worker: Worker;
  readonly commandSlots: SharedArrayBuffer;
  /** Why the thread ended by itself (its exit code, or its error), whenever it does. */
  readonly ended: Promise<string>;
}

/** Where the built CLI's launcher leaves the start code of its check thread, for the file it runs from. */
export const THREAD_START = Symbol.for('attt-selfcheck.check-thread-start');

/** The start code of a check thread of the built CLI, and the file it compiles the bundle from. */
export interface ThreadStart {
  readonly code: string;
  readonly file: string;
}

/**
 * Starts a check thread running `modulePath` with `args` and `env`; throws when the thread cannot be started. For the
 * built CLI file (the launcher left its THREAD_START), the thread runs the small start code instead of the file: Node's
 * loader would read the whole file (megabytes of bundle in a comment) as text and compile it, only for the launcher to
 * read it again; the start code reads it once and compiles the bundle from its code cache (src/cli/thread-launcher.ts).
 */
export function startCheckThread(modulePath: string, args: readonly string[], env: Readonly<Record<string, string>>): CheckThread {
  const commandSlots = newCommandSlots();
  const start = (globalThis as Record<symbol, ThreadStart | undefined>)[THREAD_START];
  const fromStart = start !== undefined && start.file === modulePath;
  const workerData: CheckThreadData = fromStart ? { commandSlots, cliFile: start.file } : { commandSlots };
  // Its stdout and stderr go to streams of their own (read and dropped once a check takes it, useCheckThread):
  // nothing it prints may mix into the CLI's report.
  const worker = new Worker(fromStart ? start.code : modulePath, { argv: [...args], env: { ...env }, workerData, stdout: true, stderr: true, ...(fromStart ? { eval: true } : {}) });
  const ended = new Promise<string>((resolve) => {
    worker.on('error', (e) => resolve(`error: ${e.message}`));
    worker.on('exit', (code) => resolve(`exit code ${code}`));
  });
  // A thread no check took must not keep the CLI from ending (a usage error, --help): neither it nor its streams
  // (a stream being read keeps the process alive) hold the process until useCheckThread.
  worker.unref();
  return { worker, commandSlots, ended };
}

/** Takes a thread for a check: it now keeps the process alive, and what it prints is read and dropped. */
export function useCheckThread(thread: CheckThread): void {
  thread.worker.ref();
  thread.worker.stdout.resume();
  thread.worker.stderr.resume();
}
