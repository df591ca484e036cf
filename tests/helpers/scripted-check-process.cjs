// A stand-in check thread that speaks src/core/check-process/protocol.ts over worker_threads: on a request it
// sends the findings of `os-patch`, then does what its argument says: `hang` (a loop that never yields), `exit`
// (code 9), `fail`, `throw` (an uncaught error), `command` (starts `sleep` as the Host starts a command, leading a
// process group of its own, records its pid in the shared slots as real-host.ts does, writes it to
// COMMAND_PID_FILE, then hangs), or `unrecorded` (the same, stopped between the spawn and its record: the slot
// still says a spawn is under way).
'use strict';
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');

const mode = process.argv[2];
// `gone`: ends as soon as it starts, before any request (a thread started early that died before a check took it).
if (mode === 'gone') process.exit(5);
const forever = () => {
  for (;;) {
    // never yields
  }
};
parentPort.on('message', (m) => {
  if (!m || m.type !== 'run') return;
  const finding = { id: 'os-patch:1', check: 'os-patch', status: 'ok', severity: 'low', advisoryPoint: 2, title: { key: 'osPatch:ok.title' }, evidence: [] };
  parentPort.postMessage({ type: 'findings', check: 'os-patch', findings: [finding] });
  if (mode === 'exit') process.exit(9);
  if (mode === 'fail') parentPort.postMessage({ type: 'failed', message: 'the host could not be made' });
  if (mode === 'throw') throw new Error('a bug in a probe');
  if (mode === 'hang') forever();
  if (mode === 'command' || mode === 'unrecorded') {
    const slots = new Int32Array(workerData.commandSlots);
    Atomics.store(slots, 1, -1);
    const sleep = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    if (mode === 'command') Atomics.store(slots, 1, sleep.pid);
    sleep.on('spawn', () => {
      writeFileSync(process.env.COMMAND_PID_FILE, String(sleep.pid));
      forever();
    });
  }
});
