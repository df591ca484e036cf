/** The per-check time limit, read one way for every check's parent (the CLI's worker thread and the tray's utilityProcess). */
import { CHECK_TIME_LIMIT_MS } from '../engine';

/** ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: the limit of one check (default 120 s), for IT staff and tests; anything but a positive integer keeps the default. */
export function checkTimeLimitFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS?.trim() ?? '';
  // Digits only: Number() would also take '0x10', '1e3' or ' ' (= 0).
  const ms = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
  return ms > 0 ? ms : CHECK_TIME_LIMIT_MS;
}
