/** Loaded first in a utilityProcess child: Electron's `process.parentPort` over Node's IPC, and no `process.send`. */
import { EventEmitter } from 'node:events';
import { installClock } from './clock';

// The check's Date is the app's (its report's time), when the test injected a clock.
installClock(false);

const send = process.send?.bind(process);
if (!send) throw new Error('electron shim: a utility process needs its IPC channel');

class ParentPort extends EventEmitter {
  postMessage(message: unknown): void {
    send!(message);
  }
}

const port = new ParentPort();
process.on('message', (data) => port.emit('message', { data, ports: [] }));
Object.defineProperty(process, 'parentPort', { value: port, enumerable: true });
// In Electron's utility process there is no process.send.
(process as { send?: unknown }).send = undefined;
