/**
 * The few operations that change the machine, kept apart from the read-only Host so that only
 * removal code can reach them. RealMutableHost acts on the real disk; ConfinedMutableHost wraps it
 * and refuses any path outside given roots (tests use it so nothing outside a temp folder is touched).
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import { HostError, type Host, type Platform } from './host';
import { specialOf } from './read-file';
import { hostErrorCode } from './real-host';
import { removeTree } from './tree-removal';
import { rightsAbove, treeRights, type TreeRights } from './tree-rights';
import { systemTool } from '../windows/system-tools';

/** Where a path went when it was moved to the Trash / Recycle Bin. */
export interface TrashResult {
  /** The new location, when known (Linux, macOS); the Recycle Bin does not say. */
  readonly location?: string;
}

/** The mutating door to the OS. Every method throws HostError; none follows a final symbolic link. */
export interface MutableHost {
  readonly platform: Platform;
  /**
   * Removes a file, a symbolic link (not its target) or a folder with everything in it, link-safely
   * (tree-removal.ts). As root, refuses (UnsafeTreeError) a tree that another user owns or can write.
   */
  remove(path: string): Promise<void>;
  /** Moves a path to the user's Trash (freedesktop, macOS) or Recycle Bin (Windows). */
  moveToTrash(path: string): Promise<TrashResult>;
  rename(from: string, to: string): Promise<void>;
  /** Writes a whole file atomically: a temporary file beside it, then a rename. */
  writeFileAtomic(path: string, content: string): Promise<void>;
  /** Appends one line (a newline is added) in a single write; repairs a missing final newline first. */
  appendLine(path: string, line: string): Promise<void>;
  /** Creates a folder and the folders above it (an existing one is kept); a link or anything else at its name is refused. */
  makeDir(path: string): Promise<void>;
}

/** A refusal by ConfinedMutableHost: never retried with more rights. */
export class RefusedPathError extends HostError {
  readonly refused = true;
  constructor(path: string, why: string) {
    super('permission', path, `${path}: refused (${why})`);
    this.name = 'RefusedPathError';
  }
}

/** Root refused to delete inside a tree that someone else could change while it runs (tree-rights.ts). */
export class UnsafeTreeError extends HostError {
  constructor(
    path: string,
    readonly rights: Exclude<TreeRights, { state: 'root-only' }>,
  ) {
    super('permission', path, `${path}: refused as root (${rights.path}: ${rights.state} ${rights.why})`);
    this.name = 'UnsafeTreeError';
  }
}

/** Type guard for UnsafeTreeError. */
export function isUnsafeTree(e: unknown): e is UnsafeTreeError {
  return e instanceof UnsafeTreeError;
}

/** Type guard for RefusedPathError. */
export function isRefusedPath(e: unknown): e is RefusedPathError {
  return e instanceof RefusedPathError;
}

function wrap(e: unknown, path: string): HostError {
  if (e instanceof HostError) return e;
  const err = e as NodeJS.ErrnoException;
  return new HostError(hostErrorCode(err?.code), path, `${path}: ${err?.message ?? String(e)}`);
}

/** The freedesktop.org home Trash: $XDG_DATA_HOME/Trash (default ~/.local/share/Trash). */
export function freedesktopTrashDir(homedir: string, env: Readonly<Record<string, string | undefined>>): string {
  const dataHome = env.XDG_DATA_HOME && nodePath.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : nodePath.posix.join(homedir, '.local', 'share');
  return nodePath.posix.join(dataHome, 'Trash');
}

/** Percent-encodes a path for a .trashinfo `Path=` line (RFC 2396 style, '/' kept). */
export function trashInfoPath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s)).join('/');
}

function linkRefused(path: string): HostError {
  return new HostError('is-a-link', path, `${path}: a symbolic link (refused)`);
}

function notAFile(path: string, st: Stats): HostError {
  const special = specialOf(st);
  return new HostError('not-a-file', path, `${path}: a ${special}, not a plain file (refused)`, special);
}

/**
 * Opens a log for appending without following a symbolic link at its name (O_NOFOLLOW) and without
 * blocking on a pipe. The name is lstat-ed first, so that a device there is never even opened
 * (opening some devices acts); the caller still fstats what was opened. Windows has no O_NOFOLLOW:
 * the lstat is all it has.
 */
async function openLogFile(path: string): Promise<fs.FileHandle> {
  const c = fsConstants;
  const st = await fs.lstat(path).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  if (st?.isSymbolicLink()) throw linkRefused(path);
  if (st && !st.isFile()) throw notAFile(path, st);
  if (c.O_NOFOLLOW === undefined) return fs.open(path, 'a+', 0o600);
  try {
    return await fs.open(path, c.O_RDWR | c.O_APPEND | c.O_CREAT | c.O_NOFOLLOW | c.O_NONBLOCK, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw linkRefused(path);
    throw e;
  }
}

/** The MutableHost of the machine we run on. Recycle Bin moves on Windows go through `host.run`. */
export class RealMutableHost implements MutableHost {
  readonly platform: Platform;
  /** Trash folder on Linux/macOS; undefined on Windows (Recycle Bin). */
  readonly trashDir?: string;

  constructor(
    private readonly host: Host,
    private readonly now: () => Date = () => new Date(),
    /** The user id this process deletes as (POSIX); root gets the tree-rights check. */
    private readonly uid: number | undefined = process.getuid?.(),
  ) {
    this.platform = host.platform;
    if (host.platform === 'linux') this.trashDir = freedesktopTrashDir(host.homedir, host.env);
    else if (host.platform === 'darwin') this.trashDir = nodePath.posix.join(host.homedir, '.Trash');
  }

  async remove(path: string): Promise<void> {
    if (this.platform !== 'win32' && process.platform !== 'win32') {
      if (this.uid === 0) {
        const rights = await treeRights(this.host, path);
        if (rights.state !== 'root-only') throw new UnsafeTreeError(path, rights);
      }
      return removeTree(this.host, path);
    }
    try {
      // Windows has no rm that walks by handles. fs.rm lstat-s each entry and unlinks a symbolic link or
      // junction instead of entering it; a folder swapped for a junction mid-walk is not caught (docs/removal.md).
      await fs.rm(path, { recursive: true, force: false, maxRetries: 2 });
    } catch (e) {
      throw wrap(e, path);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    try {
      await fs.rename(from, to);
    } catch (e) {
      throw wrap(e, from);
    }
  }

  async writeFileAtomic(path: string, content: string): Promise<void> {
    // As root, only into folders root alone can change (another person's home is theirs to edit: docs/removal.md).
    if (this.uid === 0 && this.platform !== 'win32' && process.platform !== 'win32') {
      const rights = await rightsAbove(this.host, path);
      if (rights.state !== 'root-only') throw new UnsafeTreeError(path, rights);
    }
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(nodePath.dirname(path), { recursive: true });
      // A file it replaces keeps its permissions and, written as root (in root's folders), its owner.
      const before = await fs.lstat(path).catch(() => null);
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(content, 'utf8');
        if (before?.isFile()) {
          if (process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0)) await handle.chown(before.uid, before.gid);
          await handle.chmod(before.mode & 0o7777);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, path);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw wrap(e, path);
    }
  }

  async makeDir(path: string): Promise<void> {
    // As root, by writeFileAtomic's rule: only below folders root alone can change.
    if (this.uid === 0 && this.platform !== 'win32' && process.platform !== 'win32') {
      const rights = await rightsAbove(this.host, nodePath.posix.join(path, 'x'));
      if (rights.state !== 'root-only') throw new UnsafeTreeError(path, rights);
    }
    let st: Stats;
    try {
      await fs.mkdir(path, { recursive: true });
      st = await fs.lstat(path);
    } catch (e) {
      throw wrap(e, path);
    }
    // mkdir -p keeps whatever is there: a link (a junction on Windows) would send what is written in it elsewhere.
    if (st.isSymbolicLink()) throw linkRefused(path);
    if (!st.isDirectory()) throw new HostError('not-a-file', path, `${path}: not a folder (refused)`, specialOf(st));
  }

  async appendLine(path: string, line: string): Promise<void> {
    if (line.includes('\n')) throw new HostError('io', path, `${path}: a line may not contain a newline`);
    try {
      await fs.mkdir(nodePath.dirname(path), { recursive: true });
      const handle = await openLogFile(path);
      try {
        const st = await handle.stat();
        // A link (hard or symbolic), a pipe or a device would send our lines somewhere else (or block).
        if (!st.isFile()) throw notAFile(path, st);
        if (st.nlink > 1) throw new HostError('permission', path, `${path}: not a plain file of its own (refused)`);
        let prefix = '';
        if (st.size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, st.size - 1);
          // A line cut short by a crash must not swallow the next one.
          if (last[0] !== 0x0a) prefix = '\n';
        }
        const data = Buffer.from(`${prefix}${line}\n`, 'utf8');
        // One write (O_APPEND); should the system write less, the rest follows so the line ends.
        for (let off = 0; off < data.length; ) off += (await handle.write(data, off, data.length - off)).bytesWritten;
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw wrap(e, path);
    }
  }

  async moveToTrash(path: string): Promise<TrashResult> {
    if (this.platform === 'win32') return this.recycle(path);
    const trash = this.trashDir!;
    const base = nodePath.basename(path);
    const filesDir = this.platform === 'linux' ? nodePath.join(trash, 'files') : trash;
    try {
      await fs.mkdir(filesDir, { recursive: true, mode: 0o700 });
      if (this.platform === 'linux') await fs.mkdir(nodePath.join(trash, 'info'), { recursive: true, mode: 0o700 });
      for (let n = 1; n < 1000; n++) {
        const name = n === 1 ? base : `${base}.${n}`;
        const target = nodePath.join(filesDir, name);
        if (this.platform === 'linux') {
          // The spec: create the .trashinfo exclusively first; its name reserves the slot.
          const info = nodePath.join(trash, 'info', `${name}.trashinfo`);
          let handle: fs.FileHandle;
          try {
            handle = await fs.open(info, 'wx', 0o600);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw e;
          }
          const date = this.now().toISOString().slice(0, 19);
          await handle.writeFile(`[Trash Info]\nPath=${trashInfoPath(path)}\nDeletionDate=${date}\n`);
          await handle.close();
          try {
            await fs.rename(path, target);
          } catch (e) {
            await fs.rm(info, { force: true });
            throw e;
          }
          return { location: target };
        }
        if (await fs.lstat(target).then(() => true, () => false)) continue;
        await fs.rename(path, target);
        return { location: target };
      }
      throw new HostError('io', path, `${path}: the Trash has too many items named ${base}`);
    } catch (e) {
      throw wrap(e, path);
    }
  }

  /** Windows: Microsoft.VisualBasic's FileSystem sends a file or folder to the Recycle Bin. */
  private async recycle(path: string): Promise<TrashResult> {
    const literal = `'${path.replace(/'/g, "''")}'`;
    const script = [
      "$ErrorActionPreference = 'Stop'",
      'Add-Type -AssemblyName Microsoft.VisualBasic',
      `$p = ${literal}`,
      "if (Test-Path -LiteralPath $p -PathType Container) { [Microsoft.VisualBasic.FileIO.FileSystem]::DeleteDirectory($p, 'OnlyErrorDialogs', 'SendToRecycleBin') }",
      "else { [Microsoft.VisualBasic.FileIO.FileSystem]::DeleteFile($p, 'OnlyErrorDialogs', 'SendToRecycleBin') }",
    ].join('\n');
    const encoded = Buffer.from(script, 'utf16le').toString('base64');
    // By full path: a bare `powershell` would be looked up in the current folder first.
    const r = await this.host.run([systemTool(this.host.env, 'powershell'), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded], { timeoutMs: 60_000 });
    if (r.exitCode !== 0) {
      throw new HostError('io', path, `${path}: could not move to the Recycle Bin (${r.error?.message ?? `exit ${r.exitCode}: ${r.stderr.trim().slice(0, 200)}`})`);
    }
    return {};
  }
}

/** True when `child` is `root` or inside it (platform path rules; case-insensitive on Windows). */
export function isInside(path: nodePath.PlatformPath, root: string, child: string): boolean {
  const norm = (s: string): string => (path === nodePath.win32 ? path.resolve(s).toLowerCase() : path.resolve(s));
  const rel = path.relative(norm(root), norm(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A MutableHost that refuses every path outside `roots` (and any path with `..`). For tests and sandboxes. */
export class ConfinedMutableHost implements MutableHost {
  readonly platform: Platform;
  private readonly path: nodePath.PlatformPath;

  constructor(
    private readonly inner: MutableHost & { readonly trashDir?: string },
    private readonly roots: readonly string[],
  ) {
    this.platform = inner.platform;
    this.path = inner.platform === 'win32' ? nodePath.win32 : nodePath.posix;
    if (roots.length === 0 || roots.some((r) => !this.path.isAbsolute(r))) throw new Error('ConfinedMutableHost needs absolute roots');
  }

  private check(p: string): void {
    if (!this.path.isAbsolute(p)) throw new RefusedPathError(p, 'not an absolute path');
    if (p.split(/[\\/]/).includes('..')) throw new RefusedPathError(p, 'contains ..');
    if (!this.roots.some((r) => isInside(this.path, r, p) && this.path.resolve(p) !== this.path.resolve(r))) throw new RefusedPathError(p, 'outside the allowed folders');
  }

  async remove(p: string): Promise<void> {
    this.check(p);
    return this.inner.remove(p);
  }

  async moveToTrash(p: string): Promise<TrashResult> {
    this.check(p);
    if (this.inner.trashDir === undefined) throw new RefusedPathError(p, 'the Recycle Bin is outside the allowed folders');
    this.check(this.inner.trashDir);
    return this.inner.moveToTrash(p);
  }

  async rename(from: string, to: string): Promise<void> {
    this.check(from);
    this.check(to);
    return this.inner.rename(from, to);
  }

  async writeFileAtomic(p: string, content: string): Promise<void> {
    this.check(p);
    return this.inner.writeFileAtomic(p, content);
  }

  async appendLine(p: string, line: string): Promise<void> {
    this.check(p);
    return this.inner.appendLine(p, line);
  }

  /** A root itself may be made: it is the folder the writes are confined to. */
  async makeDir(p: string): Promise<void> {
    if (!this.roots.some((r) => this.path.isAbsolute(p) && this.path.resolve(p) === this.path.resolve(r) && !p.split(/[\\/]/).includes('..'))) this.check(p);
    return this.inner.makeDir(p);
  }
}
