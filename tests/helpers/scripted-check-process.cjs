// A stand-in check process that speaks src/core/check-process/protocol.ts: on a request it sends the findings
// of `os-patch`, then does what its argument says: `hang` (a loop that never yields), `exit` (code 9), `fail`,
// or `command` (starts `sleep` as the Host starts a command, leading a process group of its own, writes its pid
// to COMMAND_PID_FILE, then hangs).
'use strict';
const { spawn } = require('node:child_process');
const { writeFileSync } = require('node:fs');

const mode = process.argv[2];
const forever = () => {
  for (;;) {
    // never yields
  }
};
process.on('message', (m) => {
  if (!m || m.type !== 'run') return;
  const finding = { id: 'os-patch:1', check: 'os-patch', status: 'ok', severity: 'low', advisoryPoint: 2, title: { key: 'osPatch:ok.title' }, evidence: [] };
  process.send({ type: 'findings', check: 'os-patch', findings: [finding] }, () => {
    if (mode === 'exit') process.exit(9);
    if (mode === 'fail') process.send({ type: 'failed', message: 'the host could not be made' });
    if (mode === 'hang') forever();
    if (mode === 'command') {
      const sleep = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
      sleep.on('spawn', () => {
        writeFileSync(process.env.COMMAND_PID_FILE, String(sleep.pid));
        forever();
      });
    }
  });
});
