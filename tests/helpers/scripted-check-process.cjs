// A stand-in check process that speaks src/core/check-process/protocol.ts: on a request it sends the findings
// of `os-patch`, then does what its argument says: `hang` (a loop that never yields), `exit` (code 9), `fail`.
'use strict';
const mode = process.argv[2];
process.on('message', (m) => {
  if (!m || m.type !== 'run') return;
  const finding = { id: 'os-patch:1', check: 'os-patch', status: 'ok', severity: 'low', advisoryPoint: 2, title: { key: 'osPatch:ok.title' }, evidence: [] };
  process.send({ type: 'findings', check: 'os-patch', findings: [finding] }, () => {
    if (mode === 'exit') process.exit(9);
    if (mode === 'fail') process.send({ type: 'failed', message: 'the host could not be made' });
    if (mode === 'hang') {
      for (;;) {
        // never yields
      }
    }
  });
});
