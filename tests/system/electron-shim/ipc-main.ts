/** ipcMain: handlers the page's ipcRenderer.invoke reaches over the page binding (window.ts). */
import { EventEmitter } from 'node:events';
import { strict } from './strict';

/** What a handler gets as its event: the sender's frame URL (the app's sender check reads it) and its webContents. */
export interface InvokeEvent {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string } | null;
  readonly frameId: number;
  readonly processId: number;
}

/** The event a handler gets for a request from the page at `senderUrl`. */
export function invokeEvent(sender: unknown, senderUrl: string): InvokeEvent {
  return { sender, senderFrame: { url: senderUrl }, frameId: 1, processId: 1 };
}

type InvokeHandler = (event: InvokeEvent, ...args: unknown[]) => unknown;

class ShimIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    // Electron refuses a second handler for one channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Answers one invoke as Electron does: no handler or a thrown error rejects the renderer's promise. */
  async invoke(channel: string, event: InvokeEvent, args: readonly unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return await h(event, ...args);
    } catch (e) {
      throw new Error(`Error invoking remote method '${channel}': ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  }
}

/** The one ipcMain, unwrapped for the shim's own use. */
export const ipcMainImpl = new ShimIpcMain();
export const ipcMain = strict('ipcMain', ipcMainImpl);
