// Test files run in parallel. While one test keeps a real process named "zoom" alive, another that
// expects this machine to be clean of Zoom must wait: both take this lock (an atomic mkdir).
import { mkdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'attt-selfcheck-zoom-process.lock');
/** A lock older than this was left by a killed test run. */
const STALE_MS = 5 * 60_000;

/** Takes the lock, waiting up to `waitMs`. */
export async function lockZoomProcesses(waitMs = 60_000): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // taken and released meanwhile
      }
      if (Date.now() > until) throw new Error(`could not take ${LOCK} in ${waitMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Releases the lock. */
export function unlockZoomProcesses(): void {
  rmSync(LOCK, { recursive: true, force: true });
}

/** Says the lock is still held (a long holder renews it so it is not taken for a stale one). */
export function touchZoomLock(): void {
  try {
    const now = new Date();
    utimesSync(LOCK, now, now);
  } catch {
    // released meanwhile
  }
}
