import type { Host, RunResult } from '../host/host';
import type { CloseAppStep } from './plan';
import { systemTool } from '../windows/system-tools';

/** How one pid ended: closed, already gone (or reused by another program), or still running. */
export type CloseOutcome = 'closed' | 'gone' | 'still-running';

/** What closing did, with every command run (for the audit log). */
export interface CloseResult {
  readonly outcome: CloseOutcome;
  readonly runs: readonly RunResult[];
  /** Pids that are still running. */
  readonly left: readonly number[];
}

/** Options: the grace before forcing, and the sleep between looks (injectable for tests). */
export interface CloseOptions {
  readonly graceMs?: number;
  readonly pollMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** POSIX: the `kill` program to run (by full path when running as root, see runner.ts); default `kill`. */
  readonly killProgram?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function baseName(s: string): string {
  return s.trim().split(/[\\/]/).pop() ?? '';
}

/** Who runs as a pid: the program name, and its start time where the OS tells it (pids are reused). */
export interface ProcessIdentity {
  readonly name: string;
  /** Linux: start time in clock ticks since boot (/proc/PID/stat field 22); macOS: `ps -o lstart`. */
  readonly start?: string;
}

/**
 * Who runs as `pid`, or null when no such process lives (zombies count as gone). Linux:
 * /proc/PID/stat; macOS: `ps -p PID -o lstart= -o comm=`; Windows: `tasklist /FI "PID eq N" /FO CSV /NH`
 * (no start time there: the name is looked at again right before each signal).
 */
export async function processIdentity(host: Host, pid: number): Promise<ProcessIdentity | null> {
  if (host.platform === 'linux') {
    try {
      const stat = await host.readText(`/proc/${pid}/stat`, { maxBytes: 64 * 1024, links: 'refuse' });
      // comm may hold spaces and parentheses: it ends at the last ')'.
      const m = /^\d+ \((.*)\) (\S) (.*)$/s.exec(stat.trim());
      if (!m || m[2] === 'Z' || m[2] === 'X') return null;
      const start = m[3]!.split(' ')[18];
      return { name: m[1]!, ...(start && /^\d+$/.test(start) ? { start } : {}) };
    } catch {
      return null;
    }
  }
  if (host.platform === 'darwin') {
    const r = await host.run(['ps', '-p', String(pid), '-o', 'lstart=', '-o', 'comm='], { timeoutMs: 10_000 });
    const m = /^\s*(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\s([^]*)$/.exec(r.stdout);
    const comm = m?.[2]!.trim() ?? '';
    return r.exitCode === 0 && m && comm !== '' && !/[\n\r\u2028\u2029]/.test(comm) ? { name: baseName(comm), start: m[1]!.replace(/ +/g, ' ') } : null;
  }
  const r = await host.run([systemTool(host.env, 'tasklist'), '/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], { timeoutMs: 15_000 });
  const m = /^"([^"]+)","(\d+)"/m.exec(r.stdout);
  return r.exitCode === 0 && m && Number(m[2]) === pid ? { name: m[1]! } : null;
}

/** The name of the program running as `pid`, or null when no such process lives. */
export async function processName(host: Host, pid: number): Promise<string | null> {
  return (await processIdentity(host, pid))?.name ?? null;
}

/** True when `actual` is one of the expected names (Linux truncates comm to 15 characters). */
function sameProgram(host: Host, actual: string, names: readonly string[]): boolean {
  const a = host.platform === 'win32' ? actual.toLowerCase() : actual;
  return names.some((n) => {
    const want = host.platform === 'win32' ? n.toLowerCase() : n;
    return a === want || (host.platform === 'linux' && want.length > 15 && a === want.slice(0, 15));
  });
}

/**
 * Closes the app's processes: a polite request, a grace period, then force. Right before every
 * signal the pid is looked at again and must still be the process first seen (same name, same start
 * time where known): a pid freed and reused by another program meanwhile is never signalled.
 */
export async function closeApp(host: Host, step: CloseAppStep, options: CloseOptions = {}): Promise<CloseResult> {
  const grace = options.graceMs ?? 5_000;
  const poll = options.pollMs ?? 250;
  const sleep = options.sleep ?? defaultSleep;
  const runs: RunResult[] = [];
  const seen = new Map<number, ProcessIdentity>();
  const same = async (pid: number): Promise<boolean> => {
    const now = await processIdentity(host, pid);
    if (!now || !sameProgram(host, now.name, step.names)) return false;
    const first = seen.get(pid);
    if (!first) {
      seen.set(pid, now);
      return true;
    }
    return first.start === now.start;
  };
  let targets: number[] = [];
  for (const pid of step.pids) if (await same(pid)) targets.push(pid);
  if (targets.length === 0) return { outcome: 'gone', runs, left: [] };
  const signal = async (pid: number, force: boolean): Promise<void> => {
    if (!(await same(pid))) return;
    // No /T: children (a browser the app opened) are not ours to close; every process of the app is its own pid here.
    const argv = host.platform === 'win32' ? [systemTool(host.env, 'taskkill'), '/PID', String(pid), ...(force ? ['/F'] : [])] : [options.killProgram ?? 'kill', '-s', force ? 'KILL' : 'TERM', String(pid)];
    runs.push(await host.run(argv, { timeoutMs: 15_000 }));
  };
  const wait = async (limit: number): Promise<void> => {
    for (let waited = 0; waited < limit && targets.length > 0; waited += poll) {
      await sleep(poll);
      const still: number[] = [];
      for (const pid of targets) if (await same(pid)) still.push(pid);
      targets = still;
    }
  };
  for (const pid of targets) await signal(pid, false);
  await wait(grace);
  if (targets.length > 0) {
    for (const pid of targets) await signal(pid, true);
    await wait(3_000);
  }
  return { outcome: targets.length === 0 ? 'closed' : 'still-running', runs, left: targets };
}
