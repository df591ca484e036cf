import type { Host, RunResult } from '../host/host';
import type { CloseAppStep } from './plan';

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
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function baseName(s: string): string {
  return s.trim().split(/[\\/]/).pop() ?? '';
}

/**
 * The name of the program running as `pid`, or null when no such process lives (zombies count as
 * gone). Linux: /proc/PID/stat; macOS: `ps -p PID -o comm=`; Windows: `tasklist /FI "PID eq N" /FO CSV /NH`.
 */
export async function processName(host: Host, pid: number): Promise<string | null> {
  if (host.platform === 'linux') {
    try {
      const stat = await host.readText(`/proc/${pid}/stat`);
      const m = /^\d+ \((.*)\) (\S)/s.exec(stat);
      if (!m || m[2] === 'Z' || m[2] === 'X') return null;
      return m[1]!;
    } catch {
      return null;
    }
  }
  if (host.platform === 'darwin') {
    const r = await host.run(['ps', '-p', String(pid), '-o', 'comm='], { timeoutMs: 10_000 });
    return r.exitCode === 0 && r.stdout.trim() ? baseName(r.stdout) : null;
  }
  const r = await host.run(['tasklist', '/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], { timeoutMs: 15_000 });
  const m = /^"([^"]+)","(\d+)"/m.exec(r.stdout);
  return r.exitCode === 0 && m && Number(m[2]) === pid ? m[1]! : null;
}

/** True when `actual` is one of the expected names (Linux truncates comm to 15 characters). */
function sameProgram(host: Host, actual: string, names: readonly string[]): boolean {
  const a = host.platform === 'win32' ? actual.toLowerCase() : actual;
  return names.some((n) => {
    const want = host.platform === 'win32' ? n.toLowerCase() : n;
    return a === want || (host.platform === 'linux' && want.length > 15 && a === want.slice(0, 15));
  });
}

/** Closes the app's processes: a polite request, a grace period, then force; each pid re-checked by name first. */
export async function closeApp(host: Host, step: CloseAppStep, options: CloseOptions = {}): Promise<CloseResult> {
  const grace = options.graceMs ?? 5_000;
  const poll = options.pollMs ?? 250;
  const sleep = options.sleep ?? defaultSleep;
  const runs: RunResult[] = [];
  const alive = async (pid: number): Promise<boolean> => {
    const name = await processName(host, pid);
    return name !== null && sameProgram(host, name, step.names);
  };
  let targets: number[] = [];
  for (const pid of step.pids) if (await alive(pid)) targets.push(pid);
  if (targets.length === 0) return { outcome: 'gone', runs, left: [] };
  const signal = async (pid: number, force: boolean): Promise<void> => {
    const argv = host.platform === 'win32' ? ['taskkill', '/PID', String(pid), '/T', ...(force ? ['/F'] : [])] : ['kill', '-s', force ? 'KILL' : 'TERM', String(pid)];
    runs.push(await host.run(argv, { timeoutMs: 15_000 }));
  };
  for (const pid of targets) await signal(pid, false);
  for (let waited = 0; waited < grace && targets.length > 0; waited += poll) {
    await sleep(poll);
    const still: number[] = [];
    for (const pid of targets) if (await alive(pid)) still.push(pid);
    targets = still;
  }
  if (targets.length > 0) {
    for (const pid of targets) await signal(pid, true);
    for (let waited = 0; waited < 3_000 && targets.length > 0; waited += poll) {
      await sleep(poll);
      const still: number[] = [];
      for (const pid of targets) if (await alive(pid)) still.push(pid);
      targets = still;
    }
  }
  return { outcome: targets.length === 0 ? 'closed' : 'still-running', runs, left: targets };
}
