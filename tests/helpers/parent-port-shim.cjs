// Runs a module as Electron's utilityProcess does, in a plain Node child: with `process.parentPort` (an
// EventEmitter whose 'message' events carry `{ data }`, and `postMessage`), carried over Node's fork IPC.
// Usage: fork(thisFile, [modulePath, ...args]). In Electron a posted message is handed over at once; here
// process.send is asynchronous, so an exit waits until every posted message has been handed over.
'use strict';
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
let pending = 0;
let exitWith = null;
port.postMessage = (message) => {
  pending++;
  process.send(message, undefined, undefined, () => {
    pending--;
    if (pending === 0 && exitWith !== null) realExit(exitWith);
  });
};
const realExit = process.exit.bind(process);
process.exit = (code) => {
  if (pending === 0) realExit(code);
  exitWith = code ?? 0;
};
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
require(process.argv[2]);
