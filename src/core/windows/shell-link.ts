/**
 * A bounded reader of Windows shortcuts (.lnk, the Shell Link Binary File Format, [MS-SHLLINK]): the
 * header, the target's ID list (volume and file items, long names from their 0xBEEF0004 blocks), LinkInfo
 * (local base path, ANSI and Unicode, with its common path suffix), the string data (name, relative path,
 * working folder, arguments, icon) and the environment-variables block (a target such as
 * %APPDATA%\APP\bin\APP.exe). Every offset and count is checked against the bytes; nothing is trusted.
 */

/** A .lnk file is a few kilobytes; larger is not a shortcut we read. */
export const MAX_SHELL_LINK_BYTES = 256 * 1024;

const CLSID = [0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];

const F = {
  HasLinkTargetIDList: 0x1,
  HasLinkInfo: 0x2,
  HasName: 0x4,
  HasRelativePath: 0x8,
  HasWorkingDir: 0x10,
  HasArguments: 0x20,
  HasIconLocation: 0x40,
  IsUnicode: 0x80,
} as const;

/** What a shortcut says. Absent fields were not in the file. */
export interface ShellLink {
  /** From the ID list: `C:\Program Files\APP\bin\APP.exe`, when its items are a volume and file items. */
  readonly idListPath?: string;
  /** From LinkInfo: the local base path (Unicode when present) joined with the common path suffix. */
  readonly localBasePath?: string;
  /** From the environment-variables block: the target with variables unexpanded (`%APPDATA%\…`). */
  readonly environmentTarget?: string;
  readonly name?: string;
  readonly relativePath?: string;
  readonly workingDir?: string;
  readonly arguments?: string;
  readonly iconLocation?: string;
}

/** Why a file is not a shortcut we can read. */
export class ShellLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLinkError';
  }
}

class Reader {
  constructor(private readonly b: Uint8Array) {}
  get length(): number {
    return this.b.length;
  }
  need(at: number, n: number, what: string): void {
    if (at < 0 || n < 0 || at + n > this.b.length) throw new ShellLinkError(`${what} runs past the end of the file (offset ${at}, ${n} bytes, file ${this.b.length})`);
  }
  u16(at: number, what: string): number {
    this.need(at, 2, what);
    return this.b[at]! | (this.b[at + 1]! << 8);
  }
  u32(at: number, what: string): number {
    this.need(at, 4, what);
    return (this.b[at]! | (this.b[at + 1]! << 8) | (this.b[at + 2]! << 16)) + this.b[at + 3]! * 0x1000000;
  }
  bytes(at: number, n: number, what: string): Uint8Array {
    this.need(at, n, what);
    return this.b.subarray(at, at + n);
  }
  /** NUL-terminated single-byte text from `at` to at most `end`. */
  ansiz(at: number, end: number, what: string): string {
    this.need(at, 1, what);
    let s = '';
    for (let i = at; i < Math.min(end, this.b.length); i++) {
      if (this.b[i] === 0) return s;
      // The system code page is not known here: ASCII as is, anything else as U+FFFD (so never a wrong letter).
      s += this.b[i]! < 0x80 ? String.fromCharCode(this.b[i]!) : '\uFFFD';
    }
    throw new ShellLinkError(`${what} has no terminating NUL`);
  }
  /** NUL-terminated UTF-16LE text from `at` to at most `end`. */
  utf16z(at: number, end: number, what: string): string {
    const stop = Math.min(end, this.b.length);
    for (let i = at; i + 1 < stop; i += 2) {
      if (this.b[i] === 0 && this.b[i + 1] === 0) return new TextDecoder('utf-16le').decode(this.b.subarray(at, i));
    }
    throw new ShellLinkError(`${what} has no terminating NUL`);
  }
}

/** Volume and file items of an ID list as a path; undefined when the list holds other items (a Control Panel item, a URL). */
function idListPath(r: Reader, start: number, end: number): string | undefined {
  const parts: string[] = [];
  let at = start;
  let items = 0;
  while (at + 2 <= end) {
    const size = r.u16(at, 'an ID list item');
    if (size === 0) break; // TerminalID
    if (size < 3 || at + size > end) throw new ShellLinkError(`an ID list item of ${size} bytes does not fit the list`);
    if (++items > 64) throw new ShellLinkError('the ID list has too many items');
    const type = r.bytes(at + 2, 1, 'an ID list item type')[0]!;
    const itemEnd = at + size;
    if ((type & 0x70) === 0x20) {
      // Volume item: "C:\" as ASCII right after the type.
      const v = r.ansiz(at + 3, itemEnd, 'a volume name');
      if (/^[A-Za-z]:\\?$/.test(v)) parts.push(v.replace(/\\?$/, ''));
    } else if ((type & 0x70) === 0x30) {
      parts.push(fileItemName(r, at, itemEnd));
    } else if (type !== 0x1f) {
      return undefined; // not a plain file-system path
    }
    at = itemEnd;
  }
  return parts.length >= 2 && /^[A-Za-z]:$/.test(parts[0]!) ? parts.join('\\') : undefined;
}

/** A file entry item's name: the long name of its 0xBEEF0004 extension block, else its primary (8.3) name. */
function fileItemName(r: Reader, at: number, end: number): string {
  const primary = r.ansiz(at + 14, end, 'a file item name');
  // The primary name is padded to an even offset; the extension block follows.
  let ext = at + 14 + primary.length + 1;
  if ((ext - at) % 2 === 1) ext++;
  if (ext + 8 <= end && r.u32(ext + 4, 'an extension block signature') === 0xbeef0004) {
    const version = r.u16(ext + 2, 'an extension block version');
    const offset = version >= 9 ? 46 : version >= 8 ? 42 : version >= 7 ? 38 : version >= 3 ? 20 : 0;
    const size = r.u16(ext, 'an extension block size');
    if (offset > 0 && ext + size <= end && offset < size) {
      const long = r.utf16z(ext + offset, ext + size, 'a long file name');
      if (long) return long;
    }
  }
  return primary;
}

function linkInfo(r: Reader, at: number): { path?: string; size: number } {
  const size = r.u32(at, 'LinkInfoSize');
  const headerSize = r.u32(at + 4, 'LinkInfoHeaderSize');
  if (size < 0x1c || headerSize < 0x1c || headerSize > size) throw new ShellLinkError(`LinkInfo sizes ${size}/${headerSize} are not valid`);
  r.need(at, size, 'LinkInfo');
  const end = at + size;
  const flags = r.u32(at + 8, 'LinkInfoFlags');
  if ((flags & 0x1) === 0) return { size }; // a network path only: no local base path
  const localOffset = r.u32(at + 16, 'LocalBasePathOffset');
  const suffixOffset = r.u32(at + 24, 'CommonPathSuffixOffset');
  let base = localOffset ? r.ansiz(at + localOffset, end, 'LocalBasePath') : '';
  let suffix = suffixOffset ? r.ansiz(at + suffixOffset, end, 'CommonPathSuffix') : '';
  if (headerSize >= 0x24) {
    const u = r.u32(at + 28, 'LocalBasePathOffsetUnicode');
    const us = r.u32(at + 32, 'CommonPathSuffixOffsetUnicode');
    if (u) base = r.utf16z(at + u, end, 'LocalBasePathUnicode');
    if (us) suffix = r.utf16z(at + us, end, 'CommonPathSuffixUnicode');
  }
  const path = suffix ? `${base.replace(/\\$/, '')}\\${suffix}` : base;
  return path ? { path, size } : { size };
}

/** Reads one StringData field: a count of characters, then the characters. */
function stringData(r: Reader, at: number, unicode: boolean, what: string): { value: string; next: number } {
  const count = r.u16(at, what);
  const n = unicode ? count * 2 : count;
  const raw = r.bytes(at + 2, n, what);
  const text = unicode ? new TextDecoder('utf-16le').decode(raw) : Array.from(raw, (c) => (c < 0x80 ? String.fromCharCode(c) : '\uFFFD')).join('');
  // The count has no NUL in it, but some writers (wine's shell32) count one: drop it.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return { value: text.slice(0, end), next: at + 2 + n };
}

/** The environment-variables block (signature 0xA0000001) among the extra data, when present. */
function environmentTarget(r: Reader, at: number): string | undefined {
  for (let blocks = 0; blocks < 64 && at + 4 <= r.length; blocks++) {
    const size = r.u32(at, 'an extra data block size');
    if (size < 4) return undefined; // TerminalBlock
    r.need(at, size, 'an extra data block');
    if (size >= 8 && r.u32(at + 4, 'an extra data signature') === 0xa0000001 && size >= 0x314) {
      const unicode = r.utf16z(at + 268, at + 268 + 520, 'TargetUnicode');
      return unicode || r.ansiz(at + 8, at + 268, 'TargetAnsi') || undefined;
    }
    at += size;
  }
  return undefined;
}

/** Parses a .lnk file. Throws ShellLinkError for anything that is not a well-formed shortcut. */
export function parseShellLink(bytes: Uint8Array): ShellLink {
  if (bytes.length > MAX_SHELL_LINK_BYTES) throw new ShellLinkError(`the file is larger than ${MAX_SHELL_LINK_BYTES} bytes`);
  const r = new Reader(bytes);
  if (r.u32(0, 'HeaderSize') !== 0x4c) throw new ShellLinkError('not a shortcut (HeaderSize is not 0x4C)');
  const clsid = r.bytes(4, 16, 'LinkCLSID');
  if (!CLSID.every((x, i) => clsid[i] === x)) throw new ShellLinkError('not a shortcut (wrong LinkCLSID)');
  const flags = r.u32(20, 'LinkFlags');
  let at = 0x4c;
  const out: { -readonly [K in keyof ShellLink]: ShellLink[K] } = {};
  if (flags & F.HasLinkTargetIDList) {
    const size = r.u16(at, 'IDListSize');
    r.need(at + 2, size, 'LinkTargetIDList');
    const p = idListPath(r, at + 2, at + 2 + size);
    if (p) out.idListPath = p;
    at += 2 + size;
  }
  if (flags & F.HasLinkInfo) {
    const info = linkInfo(r, at);
    if (info.path) out.localBasePath = info.path;
    at += info.size;
  }
  const unicode = (flags & F.IsUnicode) !== 0;
  const fields: ReadonlyArray<[number, 'name' | 'relativePath' | 'workingDir' | 'arguments' | 'iconLocation']> = [
    [F.HasName, 'name'],
    [F.HasRelativePath, 'relativePath'],
    [F.HasWorkingDir, 'workingDir'],
    [F.HasArguments, 'arguments'],
    [F.HasIconLocation, 'iconLocation'],
  ];
  for (const [bit, key] of fields) {
    if (!(flags & bit)) continue;
    const s = stringData(r, at, unicode, key);
    out[key] = s.value;
    at = s.next;
  }
  const env = environmentTarget(r, at);
  if (env) out.environmentTarget = env;
  return out;
}

/** The program a shortcut starts: LinkInfo's local path, else the ID list's, else the environment target (unexpanded). */
export function shellLinkTarget(link: ShellLink): string | undefined {
  return link.localBasePath ?? link.idListPath ?? link.environmentTarget;
}
