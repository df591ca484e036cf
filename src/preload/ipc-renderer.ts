/**
 * The typed wrapper around Electron's ipcRenderer: the only place in the preload that touches raw
 * IPC (ESLint forbids it elsewhere). Channels and types come from src/shared/ipc-contract.ts.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventChannel, EventChannels, InvokeChannel, IpcResult, RequestOf, ResponseOf, Unsubscribe } from '../shared/ipc-contract';

/** Sends a request to main and waits for its IpcResult. A broken channel becomes an error result, never a throw. */
export async function invoke<C extends InvokeChannel>(channel: C, ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]): Promise<IpcResult<ResponseOf<C>>> {
  try {
    return (await ipcRenderer.invoke(channel, ...request)) as IpcResult<ResponseOf<C>>;
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: { key: 'ui:error.failed', params: { channel, message: e instanceof Error ? e.message : String(e) } } } };
  }
}

/** Listens to an event from main; returns the function that stops listening. The Electron event never reaches the page. */
export function on<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void): Unsubscribe {
  const wrapped = (_event: IpcRendererEvent, payload: EventChannels[C]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}
