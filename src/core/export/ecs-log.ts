/**
 * The tray's findings log: after each check the same ECS lines `check --ecs` prints are appended to
 * `<data folder>/logs/findings.ecs.ndjson`, rotated by size, for Wazuh, the Elastic agent or Fluent Bit to ship
 * unchanged (docs/fleet.md). A log that cannot be written never stops a check: the result says why.
 */
import type { Host } from '../host/host';
import { isHostError } from '../host/host';
import type { MutableHost } from '../host/mutable-host';

/** The log's place inside the data folder. */
export const ECS_LOG_PARTS = ['logs', 'findings.ecs.ndjson'] as const;

/** How large the log grows before it is rotated, and how many rotated files (`.1` newest … `.keep` oldest) are kept. */
export interface EcsLogLimits {
  readonly maxBytes: number;
  readonly keep: number;
}

/** 5 MiB, three rotated files: at most 20 MiB, weeks of checks. */
export const ECS_LOG_LIMITS: EcsLogLimits = { maxBytes: 5 * 1024 * 1024, keep: 3 };

/** Why the log was not written, in the words the app turns into a sentence. */
export type EcsLogProblem = 'no-space' | 'permission' | 'is-a-directory' | 'is-a-link' | 'not-a-file' | 'io';

/** What an append did. */
export type EcsLogResult =
  | { readonly written: true; readonly path: string; readonly lines: number; readonly rotated: boolean }
  | { readonly written: false; readonly path: string; readonly problem: EcsLogProblem; readonly detail: string };

/** The log file of a data folder. */
export function ecsLogPath(host: Pick<Host, 'path'>, dataDir: string): string {
  return host.path.join(dataDir, ...ECS_LOG_PARTS);
}

class LogRefused extends Error {
  constructor(
    readonly problem: EcsLogProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What is at `path` must be a plain file or nothing; a folder, a link or a FIFO there is refused, untouched. */
async function plainOrAbsent(host: Host, path: string): Promise<number | null> {
  const st = await host.stat(path);
  if (!st) return null;
  if (st.type === 'file') return st.size;
  if (st.type === 'symlink') throw new LogRefused('is-a-link', `${path}: a symbolic link${st.target ? ` to ${st.target}` : ''} (refused)`);
  if (st.type === 'dir') throw new LogRefused('is-a-directory', `${path}: a folder, not a log file (refused)`);
  throw new LogRefused('not-a-file', `${path}: not a plain file (refused)`);
}

/** The logs folder must be a real folder of ours (or not exist yet): a link would send the lines elsewhere. */
async function folderOrAbsent(host: Host, dir: string): Promise<void> {
  const st = await host.stat(dir);
  if (!st || st.type === 'dir') return;
  if (st.type === 'symlink') throw new LogRefused('is-a-link', `${dir}: a symbolic link${st.target ? ` to ${st.target}` : ''} (refused)`);
  throw new LogRefused('not-a-file', `${dir}: not a folder (refused)`);
}

/** `log` → `log.1` → … → `log.keep`; the oldest is dropped. Each name is checked before it is moved or removed. */
async function rotate(host: Host, writer: MutableHost, path: string, keep: number): Promise<void> {
  const oldest = `${path}.${keep}`;
  if ((await plainOrAbsent(host, oldest)) !== null) await writer.remove(oldest);
  for (let i = keep - 1; i >= 0; i--) {
    const from = i === 0 ? path : `${path}.${i}`;
    if ((await plainOrAbsent(host, from)) !== null) await writer.rename(from, `${path}.${i + 1}`);
  }
}

function problemOf(e: unknown): { problem: EcsLogProblem; detail: string } {
  if (e instanceof LogRefused) return { problem: e.problem, detail: e.message };
  if (isHostError(e)) {
    const known: readonly string[] = ['no-space', 'permission', 'is-a-directory', 'is-a-link', 'not-a-file'];
    const problem = (known.includes(e.code) ? e.code : e.code === 'not-a-directory' ? 'not-a-file' : 'io') as EcsLogProblem;
    return { problem, detail: e.message };
  }
  return { problem: 'io', detail: e instanceof Error ? e.message : String(e) };
}

/**
 * Appends `lines` (each one JSON document, no newline inside) to the log at `path`, rotating it first when they
 * would take it past `limits.maxBytes`. Reads through `host` (lstat: links are seen, never followed), writes through
 * `writer` (link-safe appends, confined to the data folder). Never throws: a failure is the result's `problem`.
 */
export async function appendEcsLog(host: Host, writer: MutableHost, path: string, lines: readonly string[], limits: EcsLogLimits = ECS_LOG_LIMITS): Promise<EcsLogResult> {
  try {
    await folderOrAbsent(host, host.path.dirname(path));
    const size = await plainOrAbsent(host, path);
    const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
    // A batch larger than the limit still goes in whole, into a fresh file: lines are never cut.
    const rotated = size !== null && size > 0 && size + bytes > limits.maxBytes;
    if (rotated) await rotate(host, writer, path, limits.keep);
    for (const line of lines) await writer.appendLine(path, line);
    return { written: true, path, lines: lines.length, rotated };
  } catch (e) {
    return { written: false, path, ...problemOf(e) };
  }
}
