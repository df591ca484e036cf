/**
 * The version resource (VS_VERSIONINFO: CompanyName, ProductName, ...) of a Windows program, read from the
 * PE file without running it. Bounded and defensive: every offset is checked against what was read, the
 * resource tree is walked to a fixed depth with a cap on entries, and at most a few small ranges are read
 * (headers, directory entries, the version block), so a 70 MB program or a garbled one costs little.
 */

/** Reads `length` bytes from `offset` (fewer at the end of the file). */
export type RangeReader = (offset: number, length: number) => Promise<Uint8Array>;

/** The strings of a version resource that say what a program is, and its fixed version numbers. */
export interface PeVersionInfo {
  readonly companyName?: string;
  readonly productName?: string;
  readonly fileDescription?: string;
  readonly originalFilename?: string;
  readonly internalName?: string;
  readonly legalCopyright?: string;
  readonly fileVersion?: string;
  readonly productVersion?: string;
}

/** What reading a program's version resource gave. */
export type PeVersionResult =
  | { readonly ok: true; readonly info: PeVersionInfo }
  /** `not-pe`: no MZ/PE header; `no-version`: a PE without a version resource; `garbled`: offsets or sizes that do not hold. */
  | { readonly ok: false; readonly why: 'not-pe' | 'no-version' | 'garbled'; readonly detail: string };

const RT_VERSION = 16;
const MAX_SECTIONS = 96;
const MAX_ENTRIES = 512;
const MAX_VERSION_BYTES = 64 * 1024;
const STRING_KEYS: Readonly<Record<string, keyof PeVersionInfo>> = {
  CompanyName: 'companyName',
  ProductName: 'productName',
  FileDescription: 'fileDescription',
  OriginalFilename: 'originalFilename',
  InternalName: 'internalName',
  LegalCopyright: 'legalCopyright',
};

class Garbled extends Error {}

/** A little-endian view that throws Garbled instead of reading outside the bytes it has. */
class Bytes {
  constructor(readonly b: Uint8Array) {}
  u16(at: number): number {
    if (at < 0 || at + 2 > this.b.length) throw new Garbled(`read past the end at ${at}`);
    return this.b[at]! | (this.b[at + 1]! << 8);
  }
  u32(at: number): number {
    return (this.u16(at) | (this.u16(at + 2) << 16)) >>> 0;
  }
}

/** A section: where its virtual addresses lie in the file. */
interface Section {
  readonly va: number;
  readonly size: number;
  readonly raw: number;
  readonly rawSize: number;
}

function fileOffset(sections: readonly Section[], rva: number, length: number): number {
  for (const s of sections) {
    if (rva >= s.va && rva + length <= s.va + Math.max(s.size, s.rawSize) && rva - s.va + length <= s.rawSize) return s.raw + (rva - s.va);
  }
  throw new Garbled(`RVA ${rva}+${length} lies in no section's file data`);
}

async function readExactly(read: RangeReader, offset: number, length: number): Promise<Bytes> {
  const b = await read(offset, length);
  if (b.length < length) throw new Garbled(`file ends before ${offset}+${length}`);
  return new Bytes(b);
}

/** A NUL-terminated UTF-16LE string at `at`, not past `end`; and where it ends (after the NUL). */
function utf16z(v: Bytes, at: number, end: number): { text: string; next: number } {
  const units: number[] = [];
  let i = at;
  for (; i + 2 <= end; i += 2) {
    const u = v.u16(i);
    if (u === 0) return { text: String.fromCharCode(...units), next: i + 2 };
    units.push(u);
    if (units.length > 4096) break;
  }
  throw new Garbled(`unterminated string at ${at}`);
}

const align4 = (n: number): number => (n + 3) & ~3;

/** One block of the version tree (VS_VERSIONINFO, StringFileInfo, StringTable, String, Var). */
interface Block {
  readonly key: string;
  readonly type: number;
  readonly valueAt: number;
  readonly valueBytes: number;
  readonly childrenAt: number;
  readonly end: number;
}

function block(v: Bytes, at: number, limit: number): Block {
  const length = v.u16(at);
  const valueLength = v.u16(at + 2);
  const type = v.u16(at + 4);
  const end = at + length;
  if (length < 6 || end > limit) throw new Garbled(`block at ${at} of length ${length} does not fit`);
  const key = utf16z(v, at + 6, end);
  const valueAt = align4(key.next);
  // A text value's length counts UTF-16 units; a binary one counts bytes.
  const valueBytes = Math.min(type === 1 ? valueLength * 2 : valueLength, Math.max(0, end - valueAt));
  return { key: key.text, type, valueAt, valueBytes, childrenAt: align4(valueAt + valueBytes), end };
}

function children(v: Bytes, parent: Block): Block[] {
  const out: Block[] = [];
  let at = parent.childrenAt;
  while (at + 6 <= parent.end && out.length < MAX_ENTRIES) {
    if (v.u16(at) === 0) break; // padding at the end of a block
    const b = block(v, at, parent.end);
    out.push(b);
    at = align4(b.end);
  }
  return out;
}

function textValue(v: Bytes, b: Block): string {
  const units: number[] = [];
  for (let i = 0; i + 2 <= b.valueBytes; i += 2) {
    const u = v.u16(b.valueAt + i);
    if (u === 0) break;
    units.push(u);
  }
  return String.fromCharCode(...units).trim();
}

/** Parses a VS_VERSIONINFO block (the bytes of the RT_VERSION resource). */
export function parseVersionBlock(bytes: Uint8Array): PeVersionResult {
  try {
    const v = new Bytes(bytes);
    const root = block(v, 0, bytes.length);
    if (root.key !== 'VS_VERSION_INFO') throw new Garbled(`the version resource starts with «${root.key.slice(0, 40)}»`);
    const info: { -readonly [K in keyof PeVersionInfo]: string } = {};
    // VS_FIXEDFILEINFO: signature 0xFEEF04BD, then file and product versions as 4 × 16 bits.
    if (root.valueBytes >= 52 && v.u32(root.valueAt) === 0xfeef04bd) {
      const ver = (hi: number, lo: number): string => `${v.u32(hi) >>> 16}.${v.u32(hi) & 0xffff}.${v.u32(lo) >>> 16}.${v.u32(lo) & 0xffff}`;
      info.fileVersion = ver(root.valueAt + 8, root.valueAt + 12);
      info.productVersion = ver(root.valueAt + 16, root.valueAt + 20);
    }
    const tables = children(v, root)
      .filter((c) => c.key === 'StringFileInfo')
      .flatMap((c) => children(v, c));
    // US English (0409) first when there are several languages, then the others in file order.
    tables.sort((a, b) => Number(!a.key.toLowerCase().startsWith('0409')) - Number(!b.key.toLowerCase().startsWith('0409')));
    for (const t of tables) {
      for (const s of children(v, t)) {
        const field = STRING_KEYS[s.key];
        if (field && info[field] === undefined) {
          const text = textValue(v, s);
          if (text) info[field] = text;
        }
      }
    }
    return { ok: true, info };
  } catch (e) {
    if (e instanceof Garbled) return { ok: false, why: 'garbled', detail: e.message };
    throw e;
  }
}

/** Reads a program's version resource through `read`. Never throws for bad bytes; a read failure is the caller's (HostError). */
export async function readPeVersion(read: RangeReader): Promise<PeVersionResult> {
  try {
    const dos = await read(0, 64);
    if (dos.length < 64 || dos[0] !== 0x4d || dos[1] !== 0x5a) return { ok: false, why: 'not-pe', detail: 'no MZ header' };
    const peAt = new Bytes(dos).u32(0x3c);
    if (peAt < 64 || peAt > 64 * 1024) return { ok: false, why: 'not-pe', detail: `PE header offset ${peAt}` };
    const head = await read(peAt, 24 + 240);
    const h = new Bytes(head);
    if (head.length < 24 || h.u32(0) !== 0x00004550) return { ok: false, why: 'not-pe', detail: 'no PE signature' };
    const sectionCount = h.u16(6);
    const optionalSize = h.u16(20);
    if (sectionCount === 0 || sectionCount > MAX_SECTIONS) throw new Garbled(`${sectionCount} sections`);
    const opt = await readExactly(read, peAt + 24, optionalSize);
    const magic = opt.u16(0);
    const dirsAt = magic === 0x20b ? 112 : magic === 0x10b ? 96 : -1;
    if (dirsAt < 0) throw new Garbled(`optional header magic ${magic.toString(16)}`);
    if (opt.u32(dirsAt - 4) <= 2 || dirsAt + 24 > optionalSize) return { ok: false, why: 'no-version', detail: 'no resource directory' };
    const rsrcRva = opt.u32(dirsAt + 16);
    const rsrcSize = opt.u32(dirsAt + 20);
    if (rsrcRva === 0 || rsrcSize === 0) return { ok: false, why: 'no-version', detail: 'no resources' };
    const table = await readExactly(read, peAt + 24 + optionalSize, sectionCount * 40);
    const sections: Section[] = [];
    for (let i = 0; i < sectionCount; i++) sections.push({ size: table.u32(i * 40 + 8), va: table.u32(i * 40 + 12), rawSize: table.u32(i * 40 + 16), raw: table.u32(i * 40 + 20) });
    const rsrcAt = fileOffset(sections, rsrcRva, Math.min(rsrcSize, 16));

    // Walk type 16 (RT_VERSION), then its first name, then that name's first language: three levels, no more.
    const dirEntry = async (dirOffset: number, wantId: number | null): Promise<number | null> => {
      if (dirOffset + 16 > rsrcSize) throw new Garbled(`resource directory at ${dirOffset} outside the resources`);
      const d = await readExactly(read, rsrcAt + dirOffset, 16);
      const count = d.u16(12) + d.u16(14);
      if (count > MAX_ENTRIES) throw new Garbled(`${count} resource entries`);
      if (count === 0) return null;
      const entries = await readExactly(read, rsrcAt + dirOffset + 16, count * 8);
      for (let i = 0; i < count; i++) {
        const name = entries.u32(i * 8);
        if (wantId !== null && name !== wantId) continue;
        return entries.u32(i * 8 + 4);
      }
      return null;
    };
    let at: number | null = 0;
    for (const want of [RT_VERSION, null]) {
      const next: number | null = await dirEntry(at, want);
      if (next === null) return { ok: false, why: 'no-version', detail: 'no version resource' };
      if ((next & 0x80000000) === 0) throw new Garbled('resource tree too shallow');
      at = next & 0x7fffffff;
    }
    const leaf = await dirEntry(at, null);
    if (leaf === null) return { ok: false, why: 'no-version', detail: 'no version resource' };
    if (leaf & 0x80000000 || leaf + 16 > rsrcSize) throw new Garbled('resource tree too deep or outside the resources');
    const data = await readExactly(read, rsrcAt + leaf, 16);
    const size = data.u32(4);
    if (size < 6 || size > MAX_VERSION_BYTES) throw new Garbled(`version resource of ${size} bytes`);
    const bytes = await read(fileOffset(sections, data.u32(0), size), size);
    if (bytes.length < size) throw new Garbled('file ends inside the version resource');
    return parseVersionBlock(bytes);
  } catch (e) {
    if (e instanceof Garbled) return { ok: false, why: 'garbled', detail: e.message };
    throw e;
  }
}
