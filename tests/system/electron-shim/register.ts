/**
 * `node --require tsx/cjs --require tests/system/electron-shim/register.ts out/main/index.js`:
 * answers `require('electron')` with the shim, and starts the control channel's command handler.
 */
import Module from 'node:module';
import { app } from './app';
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
