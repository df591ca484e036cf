/**
 * The one way the product reads a file, whoever may have shaped it: a FIFO, a socket or a device
 * (or a link to one) is refused before it can block the process or feed it without end, and no
 * more than the caller's limit is ever read. RealHost's readBytes/readText and the app's state
 * stores (which read synchronously) both come here.
 *
 * 1. `lstat` (or `stat` when the caller follows links): refuse anything but a regular file before
 *    opening it, since opening some devices already acts (a tape rewinds, a watchdog arms);
 * 2. open with O_NONBLOCK (a FIFO swapped in meanwhile cannot block the open), O_NOCTTY, and
 *    O_NOFOLLOW when the caller refuses links;
 * 3. `fstat` the open descriptor: what was opened, not what the name was a moment before;
 * 4. read until end of file, but never more than `maxBytes + 1` bytes: a size of 0 (as /proc
 *    shows) or a file that grows while read cannot make us read more.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readSync, statSync, type Stats } from 'node:fs';
import { HostError, type SpecialFile } from './host';
import { hostErrorCode } from './host-errors';

/**
 * What a read does with a symbolic link at the file's own name (links in the folders above it are
 * followed either way). `refuse` for files a user can point elsewhere (their home, their data
 * folder); `follow` only for files that are links by design (/etc/os-release, flatpak's exports).
 */
export type LinkRule = 'follow' | 'refuse';

/** How a file is read: the caller says whether a link is expected, and may lower or raise the limit. */
export interface ReadOptions {
  readonly links: LinkRule;
  /** A larger file is refused (HostError `too-large`), never cut. Default DEFAULT_MAX_READ_BYTES. */
  readonly maxBytes?: number;
  /** Read only the file's first `maxBytes` bytes, whatever its size (a program's magic number): then it is cut, not refused. */
  readonly head?: boolean;
}

/** The limit of a read whose caller names none: the files we read are small text. */
export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;

/** Read in steps of at most this much, so that a limit far above the file's size costs nothing. */
const CHUNK_BYTES = 64 * 1024;

function openFlags(links: LinkRule): number {
  // Windows has none of these three (0 there): its names are checked by the lstat before the open.
  const c = constants as Partial<typeof constants>;
  return constants.O_RDONLY | (c.O_NONBLOCK ?? 0) | (c.O_NOCTTY ?? 0) | (links === 'refuse' ? (c.O_NOFOLLOW ?? 0) : 0);
}

/** What a stat that is not a regular file, folder or link is. */
export function specialOf(st: Stats): SpecialFile {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

const SPECIAL_WORDS: Readonly<Record<SpecialFile, string>> = {
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device',
  other: 'not a regular file',
};

/** Throws unless `st` is a regular file no larger than `max`. */
function refuseUnlessRegular(st: Stats, path: string, max: number): void {
  if (st.isSymbolicLink()) throw new HostError('is-a-link', path, `${path}: a symbolic link (not followed)`);
  if (st.isDirectory()) throw new HostError('is-a-directory', path, `${path} is a folder`);
  if (!st.isFile()) {
    const special = specialOf(st);
    throw new HostError('not-a-file', path, `${path}: ${SPECIAL_WORDS[special]}, not a regular file (not read)`, special);
  }
  if (st.size > max) throw new HostError('too-large', path, `${path}: ${st.size} bytes, more than the ${max} bytes read at most`);
}

function tooLarge(path: string, max: number): HostError {
  return new HostError('too-large', path, `${path}: more than the ${max} bytes read at most`);
}

function toHostError(e: unknown, path: string, links: LinkRule): HostError {
  if (e instanceof HostError) return e;
  const err = e as NodeJS.ErrnoException;
  // O_NOFOLLOW gives ELOOP (EMLINK on the BSDs) for a link at the name.
  if (links === 'refuse' && (err?.code === 'ELOOP' || err?.code === 'EMLINK')) return new HostError('is-a-link', path, `${path}: a symbolic link (not followed)`);
  return new HostError(hostErrorCode(err?.code), path, `${path}: ${err?.message ?? String(e)}`);
}

function limitOf(options: ReadOptions): number {
  const max = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`maxBytes must be a whole number of bytes, not ${max}`);
  return max;
}

/** A buffer that grows by doubling, up to `max + 1` bytes (one more tells "larger than max"). */
class Bounded {
  buf: Buffer;
  length = 0;
  constructor(
    readonly max: number,
    sizeHint: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(max + 1, Math.max(sizeHint + 1, 4096)));
  }
  /** Room to read into next, or null when `max + 1` bytes are in. */
  room(): { offset: number; length: number } | null {
    if (this.length > this.max) return null;
    if (this.length === this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.max + 1, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    return { offset: this.length, length: Math.min(CHUNK_BYTES, this.buf.length - this.length) };
  }
  /** The first `max` bytes read (a head read). */
  head(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, Math.min(this.length, this.max)).slice();
  }
  result(path: string): Uint8Array {
    if (this.length > this.max) throw tooLarge(path, this.max);
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.length).slice();
  }
}

/**
 * Reads at most `length` bytes of a regular file from `offset` (fewer at its end), with the same refusals
 * as readFileBounded (FIFO, device, socket unopened; a link where refused), whatever the file's size.
 */
export async function readRangeBounded(path: string, offset: number, length: number, links: LinkRule): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) throw new RangeError(`bad range ${offset}+${length}`);
  let handle: fs.FileHandle | undefined;
  try {
    refuseUnlessRegular(links === 'refuse' ? await fs.lstat(path) : await fs.stat(path), path, Number.MAX_SAFE_INTEGER);
    handle = await fs.open(path, openFlags(links));
    const st = await handle.stat();
    refuseUnlessRegular(st, path, Number.MAX_SAFE_INTEGER);
    const buf = new Uint8Array(Math.max(0, Math.min(length, st.size - offset)));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } catch (e) {
    throw toHostError(e, path, links);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads a regular file of at most `maxBytes` bytes. Throws HostError (`not-a-file`, `is-a-link`, `too-large`, ...). */
export async function readFileBounded(path: string, options: ReadOptions): Promise<Uint8Array> {
  const max = limitOf(options);
  // A head read takes any size and stops at `max`.
  const sizeLimit = options.head ? Number.MAX_SAFE_INTEGER : max;
  let handle: fs.FileHandle | undefined;
  try {
    refuseUnlessRegular(options.links === 'refuse' ? await fs.lstat(path) : await fs.stat(path), path, sizeLimit);
    handle = await fs.open(path, openFlags(options.links));
    const st = await handle.stat();
    refuseUnlessRegular(st, path, sizeLimit);
    const into = new Bounded(max, Math.min(st.size, max));
    for (let room = into.room(); room; room = into.room()) {
      const { bytesRead } = await handle.read(into.buf, room.offset, room.length, null);
      if (bytesRead === 0) break;
      into.length += bytesRead;
      if (options.head && into.length >= max) return into.head();
    }
    return into.result(path);
  } catch (e) {
    throw toHostError(e, path, options.links);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The same read, synchronously, for the app's state stores. Throws HostError. */
export function readFileBoundedSync(path: string, options: ReadOptions): Uint8Array {
  const max = limitOf(options);
  let fd: number | undefined;
  try {
    refuseUnlessRegular(options.links === 'refuse' ? lstatSync(path) : statSync(path), path, max);
    fd = openSync(path, openFlags(options.links));
    const st = fstatSync(fd);
    refuseUnlessRegular(st, path, max);
    const into = new Bounded(max, st.size);
    for (let room = into.room(); room; room = into.room()) {
      const bytesRead = readSync(fd, into.buf, room.offset, room.length, null);
      if (bytesRead === 0) break;
      into.length += bytesRead;
    }
    return into.result(path);
  } catch (e) {
    throw toHostError(e, path, options.links);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** readFileBounded, decoded as UTF-8. */
export async function readTextBounded(path: string, options: ReadOptions): Promise<string> {
  return Buffer.from(await readFileBounded(path, options)).toString('utf8');
}

/** readFileBoundedSync, decoded as UTF-8. */
export function readTextBoundedSync(path: string, options: ReadOptions): string {
  return Buffer.from(readFileBoundedSync(path, options)).toString('utf8');
}
