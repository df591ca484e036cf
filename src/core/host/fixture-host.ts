import * as nodePath from 'node:path';
import {
  HostError,
  type DirEntry,
  type EntryType,
  type FileStat,
  type Host,
  type HostErrorCode,
  type Platform,
  type RunErrorCode,
  type RunOptions,
  type RunResult,
  type SpecialFile,
} from './host';
import { DEFAULT_MAX_READ_BYTES, type LinkRule, type ReadOptions } from './read-file';
import { trimTrailing } from '../text/trim-trailing';

/** A recorded answer to one command. */
export interface FixtureCommand {
  /** The exact argv this answers. With `prefix`, any argv that starts with it. */
  readonly argv: readonly string[];
  readonly prefix?: boolean;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
  /** Simulate a failure to run (missing tool, hang, ...). */
  readonly error?: RunErrorCode;
}

/** A recorded file-system node: text content, a folder, a symlink, a FIFO/socket/device, or an error on access. */
export type FixtureNode =
  | string
  | ({ readonly type: 'file'; readonly content: string | Uint8Array; readonly mtimeMs?: number } & FixtureOwner)
  | ({ readonly type: 'dir'; readonly mtimeMs?: number } & FixtureOwner)
  | { readonly type: 'symlink'; readonly target: string }
  | { readonly type: 'special'; readonly special: SpecialFile }
  | { readonly type: 'error'; readonly code: HostErrorCode };

/** A recorded POSIX owner and mode (stat's uid, gid, mode & 0o7777), when the recording has them. */
export interface FixtureOwner {
  readonly uid?: number;
  readonly gid?: number;
  readonly mode?: number;
}

/** Everything a FixtureHost answers with. */
export interface FixtureSpec {
  readonly platform: Platform;
  readonly arch?: string;
  readonly hostname?: string;
  readonly osRelease?: string;
  readonly homedir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path -> node. Parent folders are implied. */
  readonly files?: Readonly<Record<string, FixtureNode>>;
  readonly commands?: readonly FixtureCommand[];
}

/** A Host that answers from recorded outputs; unknown commands are "not installed". */
export class FixtureHost implements Host {
  readonly platform: Platform;
  readonly arch: string;
  readonly hostname: string;
  readonly osRelease: string;
  readonly homedir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly path: nodePath.PlatformPath;
  /** Every argv run, in order, for assertions. */
  readonly calls: string[][] = [];
  private readonly nodes = new Map<string, FixtureNode>();
  private readonly commands: readonly FixtureCommand[];

  constructor(spec: FixtureSpec) {
    this.platform = spec.platform;
    this.arch = spec.arch ?? 'x64';
    this.hostname = spec.hostname ?? 'fixture-pc';
    this.osRelease = spec.osRelease ?? '0.0.0';
    this.homedir = spec.homedir;
    this.env = spec.env ?? {};
    this.path = spec.platform === 'win32' ? nodePath.win32 : nodePath.posix;
    this.commands = spec.commands ?? [];
    for (const [p, node] of Object.entries(spec.files ?? {})) this.add(p, node);
  }

  /** Adds a node (and its parent folders) after construction. */
  add(path: string, node: FixtureNode): void {
    this.nodes.set(this.key(path), node);
    let child = this.path.normalize(path);
    let parent = this.path.dirname(child);
    while (parent !== child && !this.nodes.has(this.key(parent))) {
      this.nodes.set(this.key(parent), { type: 'dir' });
      child = parent;
      parent = this.path.dirname(child);
    }
  }

  async run(argv: readonly string[], _options?: RunOptions): Promise<RunResult> {
    this.calls.push([...argv]);
    const match = this.commands.find((c) =>
      c.prefix ? c.argv.every((a, i) => argv[i] === a) : c.argv.length === argv.length && c.argv.every((a, i) => argv[i] === a),
    );
    const base = { argv: [...argv], signal: null, durationMs: 0 };
    if (!match) {
      return { ...base, exitCode: null, stdout: '', stderr: '', error: { code: 'not-found', message: `${argv[0]} is not installed or not on PATH` } };
    }
    if (match.error) {
      const message = match.error === 'timeout' ? `${argv[0]} did not finish in time and was stopped` : `${argv[0]}: ${match.error}`;
      return { ...base, exitCode: null, signal: match.error === 'timeout' ? 'SIGKILL' : null, stdout: match.stdout ?? '', stderr: match.stderr ?? '', error: { code: match.error, message } };
    }
    return { ...base, exitCode: match.exitCode ?? 0, stdout: match.stdout ?? '', stderr: match.stderr ?? '' };
  }

  /** The same contract as RealHost: a link refused, a special file refused, nothing beyond the limit. */
  async readBytes(path: string, options: ReadOptions): Promise<Uint8Array> {
    const max = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
    // The node at the name itself, its folders' links followed.
    const own = this.nodes.get(this.key(this.path.join(this.realPath(this.path.dirname(path)), this.path.basename(path))));
    if (options.links === 'refuse' && own !== undefined && typeof own !== 'string' && own.type === 'symlink') {
      throw new HostError('is-a-link', path, `${path}: a symbolic link (not followed)`);
    }
    const node = this.resolve(path);
    if (typeof node !== 'string' && node.type === 'dir') throw new HostError('is-a-directory', path, `${path} is a folder`);
    if (typeof node !== 'string' && node.type === 'special') throw new HostError('not-a-file', path, `${path}: a ${node.special}, not a regular file (not read)`, node.special);
    const bytes = typeof node === 'string' ? new TextEncoder().encode(node) : typeof node.content === 'string' ? new TextEncoder().encode(node.content) : node.content;
    if (options.head) return bytes.subarray(0, max);
    if (bytes.length > max) throw new HostError('too-large', path, `${path}: ${bytes.length} bytes, more than the ${max} bytes read at most`);
    return bytes;
  }

  async readText(path: string, options: ReadOptions): Promise<string> {
    return new TextDecoder().decode(await this.readBytes(path, options));
  }

  async list(path: string): Promise<readonly DirEntry[]> {
    const node = this.resolve(path);
    if (typeof node === 'string' || node.type !== 'dir') throw new HostError('not-a-directory', path, `${path} is not a folder`);
    const dir = this.key(this.realPath(path));
    const out: DirEntry[] = [];
    for (const [k, n] of this.nodes) {
      if (k !== dir && this.path.dirname(k) === dir) out.push({ name: this.path.basename(this.original(k)), type: typeOf(n) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async stat(path: string): Promise<FileStat | null> {
    const node = this.nodes.get(this.key(path));
    if (node === undefined) {
      // A path under a symlinked folder exists when its target does.
      const real = this.realPath(path);
      if (this.key(real) === this.key(path)) return null;
      return this.stat(real);
    }
    if (typeof node !== 'string' && node.type === 'error') throw new HostError(node.code, path, `${path}: ${node.code}`);
    const size = typeof node === 'string' ? new TextEncoder().encode(node).length : node.type === 'file' ? (typeof node.content === 'string' ? new TextEncoder().encode(node.content).length : node.content.length) : 0;
    const mtimeMs = typeof node === 'string' ? 0 : 'mtimeMs' in node ? (node.mtimeMs ?? 0) : 0;
    const extra: { uid?: number; gid?: number; mode?: number; target?: string } = {};
    if (typeof node !== 'string' && (node.type === 'file' || node.type === 'dir')) {
      if (node.uid !== undefined) extra.uid = node.uid;
      if (node.gid !== undefined) extra.gid = node.gid;
      if (node.mode !== undefined) extra.mode = node.mode;
    }
    if (typeof node !== 'string' && node.type === 'symlink') extra.target = node.target;
    return { type: typeOf(node), size, mtimeMs, ...extra };
  }

  async readRange(path: string, offset: number, length: number, options: { readonly links: LinkRule }): Promise<Uint8Array> {
    const all = await this.readBytes(path, { links: options.links, maxBytes: Number.MAX_SAFE_INTEGER });
    return all.slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, length));
  }

  async readLink(path: string): Promise<string> {
    const dir = this.path.dirname(path);
    // The link itself is not followed; the folders above it are.
    const node = this.nodes.get(this.key(this.path.join(this.realPath(dir), this.path.basename(path))));
    if (node === undefined) throw new HostError('not-found', path, `${path}: no such file or folder`);
    if (typeof node !== 'string' && node.type === 'error') throw new HostError(node.code, path, `${path}: ${node.code}`);
    if (typeof node === 'string' || node.type !== 'symlink') throw new HostError('io', path, `${path} is not a symbolic link`);
    return node.target;
  }

  private originals = new Map<string, string>();

  private key(path: string): string {
    const normal = trimTrailing(this.path.normalize(path), '\\/') || this.path.sep;
    const k = this.platform === 'win32' ? normal.toLowerCase() : normal;
    if (!this.originals.has(k)) this.originals.set(k, normal);
    return k;
  }

  private original(key: string): string {
    return this.originals.get(key) ?? key;
  }

  /** Follows symlinks in every component of the path. */
  private realPath(path: string, depth = 0): string {
    if (depth > 16) throw new HostError('io', path, `${path}: too many levels of symbolic links`);
    const parts = this.path.normalize(path).split(/[\\/]/);
    let current = parts[0] === '' ? this.path.sep : parts[0]!;
    for (const part of parts.slice(1)) {
      if (!part) continue;
      current = this.path.join(current, part);
      const node = this.nodes.get(this.key(current));
      if (node && typeof node !== 'string' && node.type === 'symlink') {
        current = this.realPath(this.path.resolve(this.path.dirname(current), node.target), depth + 1);
      }
    }
    return current;
  }

  private resolve(path: string): Exclude<FixtureNode, { type: 'symlink' } | { type: 'error' }> {
    const real = this.realPath(path);
    const node = this.nodes.get(this.key(real));
    if (node === undefined) throw new HostError('not-found', path, `${path}: no such file or folder`);
    if (typeof node !== 'string' && node.type === 'error') throw new HostError(node.code, path, `${path}: ${node.code}`);
    if (typeof node !== 'string' && node.type === 'symlink') throw new HostError('io', path, `${path}: dangling symbolic link`);
    return node;
  }
}

function typeOf(node: FixtureNode): EntryType {
  if (typeof node === 'string') return 'file';
  if (node.type === 'error' || node.type === 'special') return 'other';
  return node.type;
}
