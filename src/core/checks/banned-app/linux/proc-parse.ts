import { isOverlong } from '../../../text/lines';

/** One running process as the probes see it. */
export interface ProcessEntry {
  readonly pid: number;
  /** The kernel's short name (Linux: at most 15 characters) or, on macOS, the executable path. */
  readonly comm: string;
  /** argv[0], when known. */
  readonly argv0?: string;
}

/** Linux keeps 15 characters of a process name (TASK_COMM_LEN - 1). */
export const COMM_MAX = 15;

/** The last path element of a command, either slash. */
export function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/**
 * True when a Linux process is exactly `name`: its comm equals the name, or (for names longer than
 * comm can hold) comm equals the first 15 characters and argv[0]'s base name is the full name.
 * `apper` or `gnome-app` are never `app`.
 */
export function isLinuxProcess(p: ProcessEntry, name: string): boolean {
  if (name.length <= COMM_MAX) return p.comm === name;
  return p.comm === name.slice(0, COMM_MAX) && p.argv0 !== undefined && baseName(p.argv0) === name;
}

/** argv[0] from /proc/PID/cmdline (NUL-separated); undefined when empty (kernel threads). */
export function argv0FromCmdline(cmdline: string): string | undefined {
  const first = cmdline.split('\0')[0];
  return first ? first : undefined;
}

/**
 * Parses `ps -e -o pid= -o comm=` (comm last, so a name with spaces stays whole).
 * Returns null when any line is not "PID NAME".
 */
export function parsePsPidComm(stdout: string): ProcessEntry[] | null {
  const out: ProcessEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const m = isOverlong(line) ? null : /^\s*(\d+)\s(.+)$/.exec(line);
    if (!m) return null;
    out.push({ pid: Number(m[1]), comm: m[2]!.trim() });
  }
  return out;
}
