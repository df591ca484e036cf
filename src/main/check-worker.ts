/**
 * Entry of the check process the tray app starts as an Electron `utilityProcess` (out/main/check-worker.js):
 * the core's worker, the same one the CLI runs in its check thread, serving one request over `process.parentPort`.
 */
import { serveCheckProcess, thisProcessPort } from '../core/check-process/worker';

const port = thisProcessPort();
if (port) serveCheckProcess(port, process.env);
else {
  // Started by hand: there is no parent to answer, so say so and stop.
  process.stderr.write('attt-selfcheck check-worker: no parent port (start it as a utilityProcess)\n');
  process.exitCode = 64;
}
