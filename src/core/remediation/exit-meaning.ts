/**
 * What a run step's exit code means, in words, by the kind of program that gave it. Sources:
 * Windows Installer — learn.microsoft.com/windows/win32/msi/error-codes (0, 1641 and 3010 are
 * success; 1602 user cancelled, 1603 fatal error, 1605 not installed, 1618 another installation in
 * progress); our UAC wrapper — ERROR_CANCELLED 1223 (system error codes) when the prompt is refused;
 * pkexec(1) — 126 the authentication dialog was dismissed, 127 not authorised or authentication failed;
 * macOS osascript — error -128 "User canceled".
 */
import type { Message } from '../../shared/finding';
import type { Platform, RunResult } from '../host/host';
import { elevationRefused } from './elevation';
import type { RunStep } from './plan';

/** How a finished command is read: its outcome and, when there is something to say, the words for it. */
export interface ExitReading {
  readonly outcome: 'ok' | 'failed' | 'elevation-refused';
  readonly message?: Message;
}

/** Windows Installer codes with their own words (MsiExec.exe error codes). */
const MSI_WORDS: ReadonlySet<number> = new Set([1602, 1603, 1605, 1618, 1641, 3010]);

/** The program's name for people: the last part of its path, without folders. */
function toolName(argv: readonly string[]): string {
  const first = argv[0] ?? '?';
  return first.split(/[\\/]/).pop() || first;
}

/** The technical text a program printed, on one line and short, for its own line under the sentence. */
function detailOf(r: RunResult): string {
  return (r.stderr || r.stdout).replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The words for a refused administrator prompt: which prompt, and what its code says. */
function refusedMessage(platform: Platform, r: RunResult): Message {
  if (platform === 'linux') return { key: r.exitCode === 126 ? 'fix:exit.elevation.dismissed' : 'fix:exit.elevation.notAuthorised', params: { code: r.exitCode ?? -1 } };
  if (platform === 'darwin') return { key: 'fix:exit.elevation.macosCancelled' };
  return { key: 'fix:exit.elevation.uacRefused', params: { code: r.exitCode ?? -1 } };
}

/**
 * Reads the exit of a finished command (not timed out, started): refused elevation, success (with a
 * restart to say, for Windows Installer), or failure with what the code means and what to do next.
 */
export function readExit(platform: Platform, step: RunStep | null, r: RunResult): ExitReading {
  if (elevationRefused(platform, r)) return { outcome: 'elevation-refused', message: refusedMessage(platform, r) };
  const code = r.exitCode;
  const ok = step ? step.okExitCodes : [0];
  const msi = step?.codes === 'windows-installer';
  if (code !== null && ok.includes(code)) {
    return msi && code !== 0 && MSI_WORDS.has(code) ? { outcome: 'ok', message: { key: `fix:exit.msi.${code}`, params: { code } } } : { outcome: 'ok' };
  }
  if (msi && code !== null && MSI_WORDS.has(code)) return { outcome: 'failed', message: { key: `fix:exit.msi.${code}`, params: { code } } };
  const tool = msi ? 'msiexec.exe' : toolName(step?.argv ?? r.argv);
  const detail = detailOf(r);
  if (code === null) return { outcome: 'failed', message: { key: detail ? 'fix:exit.signalDetail' : 'fix:exit.signal', params: { tool, signal: r.signal ?? '?', ...(detail ? { detail } : {}) } } };
  return { outcome: 'failed', message: { key: detail ? 'fix:exit.otherDetail' : 'fix:exit.other', params: { tool, code, ...(detail ? { detail } : {}) } } };
}
