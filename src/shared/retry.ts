/**
 * Whether running a failed removal again can succeed, from the words it failed with (the message keys of
 * src/core/remediation/exit-meaning.ts and the runner): a cancelled or refused prompt, a busy installer, a
 * time limit, a program that stopped, an outdated plan — yes; a refusal by rule (another user's install, a folder
 * someone else can write, a recorded machine), an account without administrator rights — no: the same again fails the same way.
 */
import type { Message } from './finding';

/** Message keys after which trying again can help. */
export const RETRY_HELPS: ReadonlySet<string> = new Set([
  'fix:exit.msi.1602',
  'fix:exit.msi.1603',
  'fix:exit.msi.1618',
  'fix:exit.elevation.uacRefused',
  'fix:exit.elevation.dismissed',
  'fix:exit.elevation.macosCancelled',
  'fix:exit.other',
  'fix:exit.otherDetail',
  'fix:exit.signal',
  'fix:exit.signalDetail',
  'fix:result.timeout',
  'fix:result.stillRunning',
  'fix:result.crashed',
  'ui:error.planExpired',
  'ui:error.fixBusy',
]);

/** True when trying the removal again can succeed after it failed with `message`. */
export function retryHelps(message: Message | null | undefined): boolean {
  return !!message && RETRY_HELPS.has(message.key);
}
