import type { MachineIdentity } from '../../shared/machine';
import { readMachineIdentity, systemInfoReader, type SystemInfoReader } from './machine-identity';
import { readWindowsMachineIdentity } from './windows-machine-identity';
import { readLinuxMachineIdentity } from './linux-machine-identity';
import { spawn } from 'node:child_process';
import { constants as fsConstants, promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  HostError,
  type DirEntry,
  type EntryType,
  type FileStat,
  type Host,
  type Platform,
  type RunOptions,
  type RunResult,
} from './host';
import { hostErrorCode } from './host-errors';
import { readFileBounded, readRangeBounded, readTextBounded, type LinkRule, type ReadOptions } from './read-file';
import { resolveSystemTool } from '../windows/system-tools';
import { claimCommandSlot, recordCommandPid, releaseCommandSlot } from './command-slots';
import { envForOwnHome, ownHome, type OwnHome } from './own-home';

/** Maps a Node errno code to a HostError code (kept here for the modules that import it from here). */
export { hostErrorCode } from './host-errors';

function toHostError(e: unknown, path: string): HostError {
  const err = e as NodeJS.ErrnoException;
  return new HostError(hostErrorCode(err?.code), path, `${path}: ${err?.message ?? String(e)}`);
}

function entryType(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (s.isSymbolicLink()) return 'symlink';
  if (s.isDirectory()) return 'dir';
  if (s.isFile()) return 'file';
  return 'other';
}

/** This process's own home: `$HOME` only when the effective user owns it (own-home.ts says why). */
function processOwnHome(platform: Platform): OwnHome {
  const envHome = os.homedir();
  const euid = platform === 'win32' || typeof process.geteuid !== 'function' ? undefined : process.geteuid();
  if (euid === undefined) return { home: envHome, borrowed: false };
  let homeOwner: number | null = null;
  try {
    homeOwner = statSync(envHome).uid;
  } catch {
    // No home there (or not readable): nothing in it to misattribute.
  }
  let accountHome: string | undefined;
  try {
    // The user database's answer (getpwuid), never $HOME.
    accountHome = os.userInfo().homedir || undefined;
  } catch {
    // No entry for our uid (a bare container).
  }
  return ownHome({ envHome, euid, homeOwner, accountHome });
}

/** Options to shape a RealHost (tests and the sandbox use them). */
export interface RealHostOptions {
  readonly homedir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the machine identity comes from; by default this host's own reads (Linux, Windows), systeminformation on macOS. */
  readonly systemInfo?: SystemInfoReader;
}

/** The Host of the machine we run on. */
export class RealHost implements Host {
  readonly platform: Platform;
  readonly arch = os.arch();
  readonly hostname = os.hostname();
  readonly osRelease = os.release();
  readonly homedir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly path: nodePath.PlatformPath;

  constructor(options: RealHostOptions = {}) {
    const p = process.platform;
    this.platform = p === 'win32' || p === 'darwin' ? p : 'linux';
    this.path = this.platform === 'win32' ? nodePath.win32 : nodePath.posix;
    if (options.homedir !== undefined) {
      // The caller names the home (the sandbox, tests): theirs to choose.
      this.env = options.env ?? { ...process.env };
      this.homedir = options.homedir;
    } else {
      const own = processOwnHome(this.platform);
      this.env = envForOwnHome(options.env ?? process.env, own);
      this.homedir = own.home;
    }
    // Windows and Linux: our own reads through this host (windows-/linux-machine-identity.ts say why not
    // systeminformation there); macOS: systeminformation.
    const reader = options.systemInfo;
    this.machineIdentity = reader
      ? () => readMachineIdentity(reader)
      : this.platform === 'win32'
        ? () => readWindowsMachineIdentity(this)
        : this.platform === 'linux'
          ? () => readLinuxMachineIdentity(this)
          : () => readMachineIdentity(systemInfoReader);
  }

  readonly machineIdentity: () => Promise<MachineIdentity>;

  run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return runCommand(argv, options, this.env, this.platform);
  }

  readBytes(path: string, options: ReadOptions): Promise<Uint8Array> {
    return readFileBounded(path, options);
  }

  readText(path: string, options: ReadOptions): Promise<string> {
    return readTextBounded(path, options);
  }

  async list(path: string): Promise<readonly DirEntry[]> {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((d) => ({ name: d.name, type: entryType(d) }));
    } catch (e) {
      throw toHostError(e, path);
    }
  }

  readRange(path: string, offset: number, length: number, options: { readonly links: LinkRule }): Promise<Uint8Array> {
    return readRangeBounded(path, offset, length, options.links);
  }

  async readLink(path: string): Promise<string> {
    try {
      return await fs.readlink(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EINVAL') throw new HostError('io', path, `${path} is not a symbolic link`);
      throw toHostError(e, path);
    }
  }

  async stat(path: string): Promise<FileStat | null> {
    try {
      const s = await fs.lstat(path);
      const type = entryType(s);
      // Windows has no POSIX owner or mode: Node fills in zeros there, which would read as "root, read-only".
      const owner = this.platform === 'win32' ? {} : { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 };
      const target = type === 'symlink' ? await fs.readlink(path).catch(() => undefined) : undefined;
      return { type, size: s.size, mtimeMs: s.mtimeMs, ...owner, ...(target !== undefined ? { target } : {}) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw toHostError(e, path);
    }
  }
}

/** The search path execvp uses when PATH is not set. */
const DEFAULT_POSIX_PATH = '/usr/bin:/bin';

/**
 * Whether a bare program name is found on PATH as execvp would look (POSIX). Forking a process only to learn
 * that a tool (snap, flatpak, rpm) is not installed costs more than this look, and blocks the event loop.
 */
export async function onPosixPath(name: string, pathVar: string | undefined): Promise<boolean> {
  for (const dir of (pathVar ?? DEFAULT_POSIX_PATH).split(':')) {
    try {
      // An empty entry is the current folder, as execvp reads it.
      await fs.access(nodePath.posix.join(dir || '.', name), fsConstants.X_OK);
      return true;
    } catch {
      // Not here: the next folder.
    }
  }
  return false;
}

/**
 * Runs argv with a time limit that kills the whole process tree: on POSIX the child leads a new
 * process group and the group is killed; on Windows `taskkill /T` ends the tree.
 */
export function runCommand(
  argv: readonly string[],
  options: RunOptions,
  baseEnv: Readonly<Record<string, string | undefined>>,
  platform: Platform,
): Promise<RunResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (argv.length === 0 || !argv[0]) {
    return Promise.resolve({ argv: [], exitCode: null, signal: null, stdout: '', stderr: '', durationMs: 0, error: { code: 'spawn-failed', message: 'empty command' } });
  }
  // Windows looks a bare program name up in the current folder first: run system tools from System32.
  const program = platform === 'win32' ? resolveSystemTool(baseEnv, argv[0]) : argv[0];
  if (platform === 'win32' || program.includes('/')) return spawnCommand(argv, program, options, baseEnv, platform, started, timeoutMs, maxBytes);
  const pathVar = options.env?.PATH ?? baseEnv.PATH;
  return onPosixPath(program, pathVar).then((found) =>
    found
      ? spawnCommand(argv, program, options, baseEnv, platform, started, timeoutMs, maxBytes)
      : { argv: [...argv], exitCode: null, signal: null, stdout: '', stderr: '', durationMs: Date.now() - started, error: { code: 'not-found', message: `${argv[0]} is not installed or not on PATH` } },
  );
}

function spawnCommand(
  argv: readonly string[],
  program: string,
  options: RunOptions,
  baseEnv: Readonly<Record<string, string | undefined>>,
  platform: Platform,
  started: number,
  timeoutMs: number,
  maxBytes: number,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const finish = (r: Omit<RunResult, 'argv' | 'durationMs'>): void => {
      if (done) return;
      done = true;
      releaseCommandSlot(slot);
      clearTimeout(timer);
      clearTimeout(graceTimer);
      resolve({ argv: [...argv], durationMs: Date.now() - started, ...r });
    };
    let done = false;
    let timedOut = false;
    let truncated = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...baseEnv, ...options.env })) if (v !== undefined) env[k] = v;
    let child: ReturnType<typeof spawn>;
    // Marked before the spawn, so a check thread stopped in between leaves a trace for its parent (command-slots.ts).
    const slot = claimCommandSlot();
    try {
      child = spawn(program, argv.slice(1), {
        cwd: options.cwd,
        env,
        detached: platform !== 'win32',
        windowsHide: true,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      recordCommandPid(slot, child.pid);
    } catch (e) {
      releaseCommandSlot(slot);
      resolve({ argv: [...argv], exitCode: null, signal: null, stdout: '', stderr: '', durationMs: Date.now() - started, error: { code: 'spawn-failed', message: String(e) } });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    child.stdout?.on('data', (b: Buffer) => {
      if (outLen + b.length > maxBytes) { truncated = true; b = b.subarray(0, Math.max(0, maxBytes - outLen)); }
      outLen += b.length;
      out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      if (errLen + b.length > maxBytes) { truncated = true; b = b.subarray(0, Math.max(0, maxBytes - errLen)); }
      errLen += b.length;
      err.push(b);
    });
    if (options.input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.input);
    }
    const killTree = (): void => {
      const pid = child.pid;
      if (pid === undefined) return;
      try {
        if (platform === 'win32') {
          // taskkill may be refused or lack /T (wine): then at least end the child itself.
          spawn(resolveSystemTool(baseEnv, 'taskkill'), ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' })
            .on('error', () => child.kill())
            .on('exit', (code) => code !== 0 && child.kill());
        } else {
          process.kill(-pid, 'SIGKILL');
        }
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
      // A grandchild that escaped the group may hold the pipes open: do not wait for it forever.
      graceTimer = setTimeout(() => finishWith(null, 'SIGKILL'), 2_000);
    }, timeoutMs);
    const finishWith = (code: number | null, signal: string | null): void => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      finish({
        exitCode: timedOut ? null : code,
        signal,
        stdout,
        stderr,
        ...(truncated ? { truncated } : {}),
        ...(timedOut ? { error: { code: 'timeout' as const, message: `${argv[0]} did not finish within ${timeoutMs} ms and was stopped` } } : {}),
      });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ENOENT' ? 'not-found' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission' : 'spawn-failed';
      finish({ exitCode: null, signal: null, stdout: '', stderr: '', error: { code, message: code === 'not-found' ? `${argv[0]} is not installed or not on PATH` : `${argv[0]}: ${e.message}` } });
    });
    child.on('exit', () => releaseCommandSlot(slot));
    child.on('close', (code, signal) => finishWith(code, signal));
  });
}
