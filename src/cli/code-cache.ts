/**
 * V8's code cache for the CLI bundle (Node 20 has no `module.enableCompileCache`): the launcher (launcher.ts) reads
 * the bundle from the comment it is carried in and compiles it with `vm.Script` and the `cachedData` of an earlier start, so V8 reads compiled code instead of parsing
 * two megabytes at every start of the CLI and of its check thread. Each role (the CLI, the check thread) has its
 * own file, made once from the functions that role ran, named by the bundle's build hash, the Node version and the
 * architecture. The cache is trusted as far as the bundle is: it lives in the user's own cache folder, and is read
 * only when that folder and the file belong to the user running the CLI and nobody else may write them (POSIX); a
 * file that is not what we wrote (another length, a flipped byte: a SHA-256 of it heads it) or that V8 refuses is
 * ignored and written anew. Nothing about the cache ever fails or changes a run: any problem means a plain compile.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** `ATTT_SELFCHECK_CODE_CACHE_DIR`: the folder for the cache; empty turns it off. */
export const CODE_CACHE_DIR_ENV = 'ATTT_SELFCHECK_CODE_CACHE_DIR';
const MAGIC = Buffer.from('ATTT-V8-CACHE-1\n');
const DIGEST_BYTES = 32;
/** A cache larger than this is not ours (the bundle's is well under a megabyte per role). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
const APP_DIR = 'attt-selfcheck';

/** Which thread compiles the bundle: the CLI itself, or the check thread it starts. */
export type CodeCacheRole = 'cli' | 'check';

/** Opens the comment that carries the bundle after the launcher (real line breaks: the launcher's code has none in it). */
export const BUNDLE_OPEN = '\n/*ATTT-SELFCHECK-BUNDLE\n';
/** Closes it. */
export const BUNDLE_CLOSE = '\nATTT-SELFCHECK-BUNDLE*/\n';

/**
 * The code as the comment after the launcher carries it, in ASCII (read back as one byte a character, half the memory
 * of a UTF-16 string): every \x01 becomes \x01a, every `*` `/` \x01b (no `*` `/` is left to end the comment), every
 * character beyond ASCII \x01u and its four hex digits.
 */
export function bundleAsComment(code: string): string {
  // eslint-disable-next-line no-control-regex -- \x01 is the escape
  const escaped = code.replace(/[\x01\u0080-\uffff]|\*\//g, (m) => (m === '\x01' ? '\x01a' : m === '*/' ? '\x01b' : `\x01u${m.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `${BUNDLE_OPEN}${escaped}${BUNDLE_CLOSE}`;
}

/** The code back from the text of the built file (read as latin1); throws when the file carries none. */
export function bundleFromFileText(text: string): string {
  const open = text.indexOf(BUNDLE_OPEN);
  const close = text.lastIndexOf(BUNDLE_CLOSE);
  if (open < 0 || close < open) throw new Error('this file carries no bundle of the CLI (rebuild it: node scripts/build-cli.mjs)');
  // eslint-disable-next-line no-control-regex -- \x01 is the escape
  return text.slice(open + BUNDLE_OPEN.length, close).replace(/\x01(?:([ab])|u([0-9a-f]{4}))/g, (_, c: string | undefined, hex: string | undefined) => (c === 'a' ? '\x01' : c === 'b' ? '*/' : String.fromCharCode(parseInt(hex!, 16))));
}

/** The CommonJS wrapper the bundle is compiled in, as Node's loader would wrap it. */
export const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';

/** The bundle as the code compiled: in the wrapper (the build stores it so, so no start copies it once more). */
export function wrapBundle(source: string): string {
  return `${WRAPPER_HEAD}${source}\n})`;
}

/** What happened to the cache at this start (for tests and the bench; never shown to a person). */
export type CodeCacheState = 'off' | 'absent' | 'used' | 'refused' | 'corrupt' | 'rejected';

/** The user's cache folder for us, or null when there is none to use (no home, or turned off). */
export function codeCacheDir(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string | undefined): string | null {
  const chosen = env[CODE_CACHE_DIR_ENV];
  if (chosen !== undefined) return chosen === '' ? null : chosen;
  if (platform === 'win32') return env.LOCALAPPDATA ? path.win32.join(env.LOCALAPPDATA, APP_DIR, 'Cache') : null;
  if (!home) return null;
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', APP_DIR);
  return path.posix.join(env.XDG_CACHE_HOME || path.posix.join(home, '.cache'), APP_DIR);
}

/** The cache file of one build (its text, as wrapped here), role, Node and architecture. */
export function codeCacheFile(dir: string, buildHash: string, role: CodeCacheRole): string {
  const key = createHash('sha256').update(`${buildHash}\n${WRAPPER_HEAD}`).digest('hex').slice(0, 16);
  return path.join(dir, `cli-${key}-${role}-${process.version}-${process.arch}.v8cache`);
}

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** Whether a folder or file may hold code we run: ours, and nobody else may write it (POSIX; Windows: per-user folder). */
function ours(s: fs.Stats): boolean {
  const me = uid();
  return me === undefined || (s.uid === me && (s.mode & 0o022) === 0);
}

/** The payload of a cache file, or why it is not one: unreadable, not ours, or not what we wrote. */
function readCache(file: string): { readonly data: Buffer } | { readonly problem: 'absent' | 'refused' | 'corrupt' } {
  let fd: number;
  try {
    // Never follow a link, never block on a FIFO put in its place.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : 'refused' };
  }
  try {
    const s = fs.fstatSync(fd);
    if (!s.isFile() || !ours(s)) return { problem: 'refused' };
    if (s.size > MAX_CACHE_BYTES || s.size < MAGIC.length + DIGEST_BYTES) return { problem: 'corrupt' };
    const all = Buffer.alloc(s.size);
    let got = 0;
    while (got < all.length) {
      const n = fs.readSync(fd, all, got, all.length - got, got);
      if (n === 0) break;
      got += n;
    }
    const body = all.subarray(MAGIC.length + DIGEST_BYTES, got);
    const digest = createHash('sha256').update(body).digest();
    if (got !== all.length || !all.subarray(0, MAGIC.length).equals(MAGIC) || !all.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES).equals(digest)) return { problem: 'corrupt' };
    return { data: body };
  } catch {
    return { problem: 'refused' };
  } finally {
    fs.closeSync(fd);
  }
}

/** The nearest folder that exists at or above `dir`. */
function nearestExisting(dir: string): { readonly dir: string; readonly stat: fs.Stats } | null {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      return { dir: d, stat: fs.lstatSync(d) };
    } catch {
      if (path.dirname(d) === d) return null;
    }
  }
}

/** Creates the cache folder when it can be ours (only under a folder of ours), and says whether it is. */
function ensureDir(dir: string): boolean {
  try {
    const s = fs.lstatSync(dir);
    return s.isDirectory() && ours(s);
  } catch {
    // Absent: create it only under a folder of ours, or a shared one with the sticky bit (/tmp), where nobody can
    // take over what we create (a root CLI under another user's HOME, as sudo may leave it, writes nothing there).
    const above = nearestExisting(dir);
    if (!above || !above.stat.isDirectory() || !(ours(above.stat) || (above.stat.mode & 0o1000) !== 0)) return false;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const s = fs.lstatSync(dir);
      return s.isDirectory() && ours(s);
    } catch {
      return false;
    }
  }
}

/** How many builds' caches of one role are kept. */
const KEPT_BUILDS = 3;
const roleOf = (name: string): string | undefined => /^cli-[0-9a-f]+-([a-z]+)-/.exec(name)?.[1];

/** Writes the cache atomically (a whole file or none); keeps the newest few builds' of its role. Never throws. */
function writeCache(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  if (!ensureDir(dir)) return;
  const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
    return;
  }
  // Caches of earlier builds would only pile up: each build (and Node) writes its own. The newest few of this role
  // stay, so builds used side by side (two installs, an upgrade under way) do not replace each other's at every start.
  const mine = path.basename(file);
  const role = roleOf(mine);
  try {
    const others = fs
      .readdirSync(dir)
      .filter((name) => name !== mine && name.endsWith('.v8cache') && roleOf(name) === role)
      .map((name) => ({ name, mtimeMs: fs.lstatSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of others.slice(KEPT_BUILDS - 1)) fs.rmSync(path.join(dir, old.name), { force: true });
  } catch {
    // Nothing lost: the next write tries again.
  }
}

/** The bundle compiled, whether the cache served, and how to save a cache of what has run so far. */
export interface CompiledBundle {
  readonly script: Script;
  readonly state: CodeCacheState;
  /** Saves the cache of the functions compiled so far, when this start had none that served; at most once. Never throws. */
  readonly save: () => void;
}

/** Compiles `code` (the bundle in its wrapper, wrapBundle) as `filename`, with the cache in `dir` when there is one. Never throws for the cache. */
export function compileBundle(code: string, filename: string, options: { readonly dir: string | null; readonly buildHash: string; readonly role: CodeCacheRole }): CompiledBundle {
  const file = options.dir ? codeCacheFile(options.dir, options.buildHash, options.role) : null;
  const read = file ? readCache(file) : ({ problem: 'off' } as const);
  const cachedData = 'data' in read ? read.data : undefined;
  let script: Script;
  try {
    script = new Script(code, { filename, ...(cachedData ? { cachedData } : {}) });
  } catch (e) {
    // A syntax error is the bundle's own: say it as Node would, not as a cache problem.
    if (!cachedData) throw e;
    script = new Script(code, { filename });
  }
  const state: CodeCacheState = 'data' in read ? (script.cachedDataRejected ? 'rejected' : 'used') : read.problem;
  let saved = state === 'used' || state === 'off' || state === 'refused';
  return {
    script,
    state,
    save: () => {
      if (saved || !file) return;
      saved = true;
      try {
        writeCache(file, script.createCachedData());
      } catch {
        // A cache is never worth a failure.
      }
    },
  };
}
