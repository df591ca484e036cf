/**
 * The check, away from its parent's event loop: plain Node, no Electron. It serves one check request, so the
 * parent can stop it at its time limit even when a parse blocks its event loop (a timer there never fires).
 * The CLI runs its own program in a worker thread with CHECK_PROCESS_ARG (run-in-worker.ts); the tray app runs
 * the same code in an Electron `utilityProcess` (src/main/check-worker.ts), whose `process.parentPort` this module
 * speaks too. The messages are the same either way (protocol.ts).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { defaultChecks } from '../checks/default-checks';
import { errorText } from '../checks/check';
import { runChecks } from '../engine';
import { hostFromEnv } from '../host/host-from-env';
import { memoWriterFor } from '../host/memo-writer';
import { builtinPolicy, parsePolicy } from '../policy/policy';
import { recordCommandsIn } from '../host/command-slots';
import { isCheckRequest, type CheckReply, type CheckThreadData } from './protocol';

/** One end of the channel to the parent. */
export interface ParentPort {
  onMessage(listener: (message: unknown) => void): void;
  /** Sends a reply; `then` runs once it has been handed over. */
  post(reply: CheckReply, then?: () => void): void;
}

/** Electron's utilityProcess port, as far as this module uses it. */
interface ElectronParentPort {
  on(event: 'message', listener: (e: { readonly data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** The channel of this process to its parent: Electron's `parentPort`, else Node's fork IPC; null when neither. */
export function thisProcessPort(): ParentPort | null {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron) {
    return {
      onMessage: (l) => electron.on('message', (e) => l(e.data)),
      post: (reply, then) => {
        electron.postMessage(reply);
        then?.();
      },
    };
  }
  const send = process.send?.bind(process);
  if (!send) return null;
  return { onMessage: (l) => process.on('message', l), post: (reply, then) => void send(reply, undefined, undefined, () => then?.()) };
}

/** Serves the first check request that arrives, sending each check's findings and then the report; then exits. */
export function serveCheckProcess(port: ParentPort, env: Readonly<Record<string, string | undefined>>, exit: (code: number) => void = (c) => process.exit(c)): void {
  let served = false;
  port.onMessage((m) => {
    if (served || !isCheckRequest(m)) return;
    served = true;
    void (async (): Promise<CheckReply> => {
      try {
        const host = hostFromEnv(env);
        const memoWriter = m.memo && m.dataDir ? memoWriterFor(host, m.dataDir) : undefined;
        const policy = m.policy === undefined ? builtinPolicy() : parsePolicy(m.policy, 'the policy sent by the parent');
        const ctx = { host, policy, ...(m.provenance ? { provenance: m.provenance } : {}), now: new Date(m.now), ...(m.dataDir ? { dataDir: m.dataDir } : {}), ...(m.catalogFile ? { catalogFile: m.catalogFile } : {}), ...(memoWriter ? { memoWriter } : {}) };
        const report = await runChecks(ctx, {
          checks: m.checks ? defaultChecks().filter((c) => m.checks!.includes(c.id)) : defaultChecks(),
          timeLimitMs: m.timeLimitMs,
          onCheckDone: (check, findings) => port.post({ type: 'findings', check: check.id, findings }),
        });
        return { type: 'report', report };
      } catch (e) {
        return { type: 'failed', message: errorText(e) };
      }
    })().then((reply) => port.post(reply, () => exit(0)));
  });
}

/**
 * In a check thread (a worker thread started by run-in-worker.ts): records the commands it starts where the parent
 * reads them, and serves the request. It stays until the parent terminates it, so its answer is never cut short;
 * `beforeReply` runs just before the last reply (the parent terminates the thread once it has it). False when this
 * is not such a thread.
 */
export function serveCheckThread(env: Readonly<Record<string, string | undefined>>, beforeReply: () => void = () => undefined): boolean {
  const port = parentPort;
  const data = workerData as Partial<CheckThreadData> | null;
  if (isMainThread || !port || !(data?.commandSlots instanceof SharedArrayBuffer)) return false;
  recordCommandsIn(data.commandSlots);
  const post = (reply: CheckReply, then?: () => void): void => {
    if (reply.type !== 'findings') beforeReply();
    port.postMessage(reply);
    then?.();
  };
  serveCheckProcess({ onMessage: (l) => port.on('message', l), post }, env, () => undefined);
  return true;
}
