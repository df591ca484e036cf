/**
 * Ends a check and every command it had started. The Host starts each command as the leader of a process group
 * of its own (to kill it whole at its timeout), so ending the check's process or thread alone would leave a hung
 * command running with no one left to stop it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { systemTool } from '../windows/system-tools';

/** One process of a `ps -A -o pid=,ppid=,pgid=` listing. */
export interface PsRow {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
}

/** Parses `ps -A -o pid=,ppid=,pgid=`; lines that are not three numbers are left out. */
export function parsePsTree(stdout: string): PsRow[] {
  const rows: PsRow[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 3 && f.every((x) => /^\d{1,10}$/.test(x))) rows.push({ pid: Number(f[0]), ppid: Number(f[1]), pgid: Number(f[2]) });
  }
  return rows;
}

/** Every process below `root` (children, their children, …), from a ps listing. */
export function descendantsOf(rows: readonly PsRow[], root: number): PsRow[] {
  const byParent = new Map<number, PsRow[]>();
  for (const r of rows) byParent.set(r.ppid, [...(byParent.get(r.ppid) ?? []), r]);
  const out: PsRow[] = [];
  const seen = new Set([root]);
  for (let queue = [root]; queue.length > 0; ) {
    const next: number[] = [];
    for (const p of queue) {
      for (const c of byParent.get(p) ?? []) {
        if (seen.has(c.pid)) continue;
        seen.add(c.pid);
        out.push(c);
        next.push(c.pid);
      }
    }
    queue = next;
  }
  return out;
}

const quietly = (f: () => void): void => {
  try {
    f();
  } catch {
    // already gone
  }
};

/**
 * SIGKILLs `pid` and its descendants (each command's whole group). POSIX: the process is stopped first, so it
 * starts nothing more while `/bin/ps` lists its tree. Windows: `taskkill /T /F`, then the process itself.
 */
export function killTree(pid: number, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    const end = (): void => quietly(() => process.kill(pid, 'SIGKILL'));
    spawn(systemTool(env, 'taskkill'), ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', end).on('exit', end);
    return;
  }
  quietly(() => process.kill(pid, 'SIGSTOP'));
  const ps = spawnSync('/bin/ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8', timeout: 5_000 });
  const below = ps.status === 0 ? descendantsOf(parsePsTree(ps.stdout), pid) : [];
  quietly(() => process.kill(pid, 'SIGKILL'));
  for (const d of below) quietly(() => process.kill(d.pgid === d.pid ? -d.pid : d.pid, 'SIGKILL'));
}

/**
 * Kills what a stopped check thread left running: each command it recorded, with its tree. When one may have gone
 * unrecorded (the thread was stopped between a spawn and its record), every child of this process that leads a
 * process group of its own, as the Host starts commands, is killed too (POSIX; Windows has no ps to list them).
 */
export function killCommandsLeft(
  left: { readonly pids: readonly number[]; readonly unrecorded: boolean },
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): void {
  const pids = new Set(left.pids);
  if (left.unrecorded && platform !== 'win32') {
    const ps = spawnSync('/bin/ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8', timeout: 5_000 });
    if (ps.status === 0) for (const r of parsePsTree(ps.stdout)) if (r.ppid === process.pid && r.pgid === r.pid) pids.add(r.pid);
  }
  for (const pid of pids) killTree(pid, env, platform);
}
