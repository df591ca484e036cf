/**
 * The typed wrapper around Electron's ipcMain and webContents.send: the only place in main that
 * touches raw IPC (ESLint forbids it elsewhere). Every request is validated with its zod schema,
 * comes only from our own renderer, and gets an IpcResult back, never a thrown error.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import type { Message } from '../shared/finding';
import type { EventChannel, EventChannels, InvokeChannel, IpcError, IpcResult, RequestOf, ResponseOf } from '../shared/ipc-contract';
import { requestSchemas } from './ipc-schemas';

/** An error a handler throws on purpose, with a code and a message for the user. */
export class AppError extends Error {
  constructor(
    readonly code: IpcError['code'],
    readonly userMessage: Message,
  ) {
    super(userMessage.key);
    this.name = 'AppError';
  }
}

/** A handler for one channel, given the validated request. */
export type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** Decides whether a request comes from our own renderer (by the URL of the frame that sent it). */
export type SenderCheck = (senderUrl: string) => boolean;

/**
 * Wraps a handler: checks the sender, validates the payload, and turns every failure into an
 * IpcResult error. Exported without Electron so that it can be tested and fuzzed directly.
 */
export function guard<C extends InvokeChannel>(channel: C, handler: Handler<C>, trusted: SenderCheck): (senderUrl: string, payload: unknown) => Promise<IpcResult<ResponseOf<C>>> {
  const schema = requestSchemas[channel] as z.ZodType<RequestOf<C>>;
  return async (senderUrl, payload) => {
    if (!trusted(senderUrl)) return fail('invalid-request', { key: 'ui:error.untrustedSender', params: { channel } });
    let parsed: ReturnType<typeof schema.safeParse>;
    try {
      parsed = schema.safeParse(payload);
    } catch {
      return fail('invalid-request', { key: 'ui:error.invalidRequest', params: { channel, issues: '(root): unreadable' } });
    }
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return fail('invalid-request', { key: 'ui:error.invalidRequest', params: { channel, issues } });
    }
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.userMessage);
      return fail('failed', { key: 'ui:error.failed', params: { channel, message: e instanceof Error ? e.message : String(e) } });
    }
  };
}

function fail(code: IpcError['code'], message: Message): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}

/** Registers a handler for one channel on ipcMain. */
export function handle<C extends InvokeChannel>(channel: C, handler: Handler<C>, trusted: SenderCheck): void {
  const guarded = guard(channel, handler, trusted);
  ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => guarded(event.senderFrame?.url ?? '', payload));
}

/** Removes the handler of one channel (when the app quits, and in tests). */
export function unhandle(channel: InvokeChannel): void {
  ipcMain.removeHandler(channel);
}

/** Sends an event to a renderer, typed by the contract. Does nothing when the page is gone. */
export function send<C extends EventChannel>(target: WebContents, channel: C, payload: EventChannels[C]): void {
  if (!target.isDestroyed()) target.send(channel, payload);
}
