/**
 * `node --require tsx/cjs --require tests/system/electron-shim/register.ts out/main/index.js`:
 * answers `require('electron')` with the shim, starts the control channel's command handler and,
 * when the test injects one, the fake clock.
 */
import Module from 'node:module';
import { app } from './app';
import { installClock } from './clock';
import { commands } from './commands';
import { listen } from './control';
import electron from './electron';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const original = loader._load;
loader._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  return original.call(this, request, parent, isMain);
};
commands();
listen();
app.hold();
// Last, so the shim's keep-alive is a real timer; before the app's bundle loads, so all of the app's time is the test's.
installClock(true);
