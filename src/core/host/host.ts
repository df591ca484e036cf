/**
 * The Host is the only door to the operating system. Every probe goes through it, so the same
 * check runs against this machine (RealHost), recorded outputs (FixtureHost) or a sandbox
 * (SandboxHost: a private dpkg database, a temporary home, a wine prefix).
 */
import type { PlatformPath } from 'node:path';
import type { MachineIdentity } from '../../shared/machine';
import type { LinkRule, ReadOptions } from './read-file';

export type { LinkRule, ReadOptions } from './read-file';

/** The operating systems we know. */
export type Platform = 'win32' | 'darwin' | 'linux';

/** Options for running a command. */
export interface RunOptions {
  /** Killed (with its whole process group) after this long. Default 15 s. */
  readonly timeoutMs?: number;
  /** Extra environment variables, merged over the host's own. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Written to the command's stdin, which is then closed. */
  readonly input?: string;
  /** Output beyond this many bytes per stream is dropped and `truncated` set. Default 16 MiB. */
  readonly maxOutputBytes?: number;
}

/** Why a command gave no usable result. */
export type RunErrorCode =
  | 'not-found' // the program does not exist
  | 'timeout' // killed after timeoutMs
  | 'permission' // not allowed to run it
  | 'spawn-failed'; // any other failure to start

/** What a command did. A run never throws: failures are in `error`. */
export interface RunResult {
  readonly argv: readonly string[];
  /** Exit code, or null when killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly truncated?: boolean;
  readonly error?: { readonly code: RunErrorCode; readonly message: string };
}

/** Type of a directory entry or stat, never following a final symbolic link. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a folder listing. */
export interface DirEntry {
  readonly name: string;
  readonly type: EntryType;
}

/** What `stat` returns (lstat semantics: a symlink is reported as a symlink). */
export interface FileStat {
  readonly type: EntryType;
  readonly size: number;
  readonly mtimeMs: number;
  /** POSIX owner and group ids; absent on Windows and where not recorded. */
  readonly uid?: number;
  readonly gid?: number;
  /** POSIX permission bits (`mode & 0o7777`: setuid/setgid/sticky and rwx); absent on Windows and where not recorded. */
  readonly mode?: number;
  /** For a symbolic link: its target as stored (relative to the link's folder when not absolute). */
  readonly target?: string;
}

/** Error codes thrown by file operations, as HostError.code. */
export type HostErrorCode =
  | 'not-found'
  | 'permission'
  | 'not-a-directory'
  | 'is-a-directory'
  | 'too-large' // larger than the read's limit: refused, never cut
  | 'not-a-file' // a FIFO, socket or device where a file was to be read (see HostError.special)
  | 'is-a-link' // a symbolic link where the read refuses links
  | 'no-space' // the disk (or the user's quota) is full
  | 'io';

/** What a `not-a-file` was instead of a regular file. */
export type SpecialFile = 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other';

/** A file operation failed; `code` says why, in words a probe can turn into a reason. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    readonly path: string,
    message: string,
    /** For `not-a-file`: what the path was instead. */
    readonly special?: SpecialFile,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** The read-only door to the OS that every probe uses. */
export interface Host {
  readonly platform: Platform;
  readonly arch: string;
  readonly hostname: string;
  /** OS kernel release as Node reports it (os.release()). */
  readonly osRelease: string;
  /** The current user's home folder. */
  readonly homedir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Path functions for this host's platform (path.win32 or path.posix). */
  readonly path: PlatformPath;
  /** Run a program with argv (never a shell string). Never throws. */
  run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  /**
   * Read a regular file as UTF-8 text, at most `maxBytes` (ReadOptions; `links` is each caller's
   * reviewed choice). A FIFO, socket or device is refused unopened (`not-a-file`), a link where
   * links are refused is `is-a-link`, a larger file `too-large`. Throws HostError.
   */
  readText(path: string, options: ReadOptions): Promise<string>;
  /** Read a regular file as bytes; the same rules as readText. Throws HostError. */
  readBytes(path: string, options: ReadOptions): Promise<Uint8Array>;
  /** List a folder. Throws HostError (not-found when it does not exist). */
  list(path: string): Promise<readonly DirEntry[]>;
  /** lstat a path; null when it does not exist. Throws HostError for other failures. */
  stat(path: string): Promise<FileStat | null>;
  /** Read at most `length` bytes of a regular file from `offset` (fewer at its end), e.g. a header of a large program; the refusals of readBytes, no size limit. Throws HostError. */
  readRange(path: string, offset: number, length: number, options: { readonly links: LinkRule }): Promise<Uint8Array>;
  /** The target of a symbolic link as stored, not followed (e.g. `/proc/PID/exe`). Throws HostError (`io` when the path is no link). */
  readLink(path: string): Promise<string>;
  /**
   * The machine's identity (system UUID, serial, model, OS build), where this host can read it: the real machine
   * (machine-identity.ts); absent for a recorded one. Slow (firmware tables, WMI): read once per run (OnceHost),
   * through machineOf, which bounds it in time. May throw.
   */
  readonly machineIdentity?: () => Promise<MachineIdentity>;
}

/** The default time limit for a probe command. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The default cap on one output stream of a probe command. */
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Type guard for HostError. */
export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError;
}

/** stat that answers `false` for "does not exist" and rethrows anything else. */
export async function exists(host: Host, path: string): Promise<boolean> {
  return (await host.stat(path)) !== null;
}
