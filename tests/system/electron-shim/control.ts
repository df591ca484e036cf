/** The shim's end of the control channel: recorded events go to the test, the test's commands come back. */
import type { ShimCommand, ShimEvent, ShimMessage, ShimRequest } from './protocol';

type Handler = (command: ShimCommand) => Promise<void> | void;
let handler: Handler | null = null;
let listening = false;

/** Tells the test what the app just did (nothing when the app runs without a test, e.g. by hand). */
export function record(event: ShimEvent): void {
  const message: ShimMessage = { kind: 'event', event };
  if (process.env.ATTT_SHIM_TRACE) process.stderr.write(`shim: ${JSON.stringify(event)}\n`);
  if (listening && process.connected) process.send?.(message);
}

/** Sets who answers the test's commands. */
export function onCommand(h: Handler): void {
  handler = h;
}

/** Starts listening to the test (only in the app process: register.ts calls it). */
export function listen(): void {
  listening = true;
  process.on('message', answer);
  // Started by a test: when the test goes away, so does the app (no orphan left on the machine).
  if (process.connected) process.on('disconnect', () => process.exit(0));
}

function answer(m: ShimRequest): void {
  if (m?.kind !== 'command') return;
  const reply = (ok: boolean, error?: string): void => {
    const message: ShimMessage = { kind: 'reply', id: m.id, ok, ...(error ? { error } : {}) };
    if (process.connected) process.send?.(message);
  };
  if (!handler) {
    reply(false, 'the shim is not ready');
    return;
  }
  Promise.resolve()
    .then(() => handler!(m.command))
    .then(
      () => reply(true),
      (e: unknown) => reply(false, e instanceof Error ? e.message : String(e)),
    );
}
