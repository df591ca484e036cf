// Test-only, loaded with `node --require` into the CLI (Node loads it again in each worker thread, which inherits
// the execArgv) or into a stand-in utilityProcess. There only (a worker thread or a forked child, with the
// check-process argument), splitting any text that holds
// `stall-here` never returns: a parse that blocks the event loop for good, as a super-linear pattern on hostile
// output did. It writes STALL_FLAG first, so a test knows the check really stalled rather than never started.
'use strict';
const { writeFileSync } = require('node:fs');

if ((process.send || !require('node:worker_threads').isMainThread) && process.argv.includes('--attt-selfcheck-check-process')) {
  const split = String.prototype.split;
  String.prototype.split = function (...args) {
    if (String(this).includes('stall-here')) {
      if (process.env.STALL_FLAG) writeFileSync(process.env.STALL_FLAG, 'stalled');
      for (;;) {
        // never yields: no timer of this process can fire again
      }
    }
    return split.apply(this, args);
  };
}
