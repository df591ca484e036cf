// Builds a small but well-formed 64-bit PE file with one .rsrc section holding a VS_VERSIONINFO resource,
// laid out as linkers write it (DOS header, PE header, optional header with 16 data directories, section
// table, resource directory type 16 → name 1 → language 0409 → data entry). For tests of the PE reader on
// programs whose version strings we choose (Zoom's, ZoomIt's, ZoomText's).

const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const utf16z = (s: string): number[] => [...s].flatMap((c) => u16(c.charCodeAt(0))).concat([0, 0]);
const pad4 = (b: number[]): number[] => (b.length % 4 ? [...b, ...new Array(4 - (b.length % 4)).fill(0)] : b);

/** One block of the version tree: header, key, value, children (each 4-aligned). */
function block(key: string, value: number[], type: 0 | 1, valueLength: number, children: number[][] = []): number[] {
  const body = pad4([...u16(0), ...u16(valueLength), ...u16(type), ...utf16z(key)]);
  const withValue = value.length ? pad4([...body, ...value]) : body;
  const all = [...withValue, ...children.flatMap((c) => pad4(c))];
  all[0] = all.length & 0xff;
  all[1] = (all.length >>> 8) & 0xff;
  return all;
}

/** A VS_VERSIONINFO block with these strings (one US-English table) and file version a.b.c.d. */
export function versionBlock(strings: Readonly<Record<string, string>>, version: readonly [number, number, number, number] = [1, 0, 0, 0]): Uint8Array {
  const [a, b, c, d] = version;
  const fixed = [...u32(0xfeef04bd), ...u32(0x10000), ...u32((a << 16) | b), ...u32((c << 16) | d), ...u32((a << 16) | b), ...u32((c << 16) | d), ...new Array(28).fill(0)];
  const strs = Object.entries(strings).map(([k, v]) => block(k, utf16z(v), 1, v.length + 1));
  const table = block('040904b0', [], 1, 0, strs);
  const sfi = block('StringFileInfo', [], 1, 0, [table]);
  const vfi = block('VarFileInfo', [], 1, 0, [block('Translation', [...u16(0x409), ...u16(0x4b0)], 0, 4)]);
  return Uint8Array.from(block('VS_VERSION_INFO', fixed, 0, 52, [sfi, vfi]));
}

/** A PE file whose only resource is this version block (or none). */
export function peWithVersion(version: Uint8Array | null): Uint8Array {
  const RSRC_RVA = 0x1000;
  const RAW = 0x200;
  const rsrc: number[] = [];
  if (version) {
    const dir = (entries: number[]): number[] => [...u32(0), ...u32(0), ...u16(0), ...u16(0), ...u16(0), ...u16(1), ...entries];
    rsrc.push(...dir([...u32(16), ...u32(0x80000000 | 24)])); // 0: types → RT_VERSION
    rsrc.push(...dir([...u32(1), ...u32(0x80000000 | 48)])); // 24: names → 1
    rsrc.push(...dir([...u32(0x409), ...u32(72)])); // 48: languages → data entry
    rsrc.push(...u32(RSRC_RVA + 88), ...u32(version.length), ...u32(0), ...u32(0)); // 72: data entry
    rsrc.push(...version); // 88
  }
  const rawSize = Math.max(0x200, Math.ceil(rsrc.length / 0x200) * 0x200);
  const out = new Uint8Array(RAW + rawSize);
  const put = (at: number, bytes: number[]): void => out.set(bytes, at);
  put(0, [0x4d, 0x5a]);
  put(0x3c, u32(0x40));
  put(0x40, [0x50, 0x45, 0, 0]);
  put(0x44, [...u16(0x8664), ...u16(1), ...u32(0), ...u32(0), ...u32(0), ...u16(240), ...u16(0x22)]);
  const opt = 0x58;
  put(opt, u16(0x20b));
  put(opt + 108, u32(16));
  if (version) put(opt + 112 + 16, [...u32(RSRC_RVA), ...u32(rsrc.length)]);
  const sec = opt + 240;
  put(sec, [0x2e, 0x72, 0x73, 0x72, 0x63, 0, 0, 0]); // .rsrc
  put(sec + 8, [...u32(rsrc.length), ...u32(RSRC_RVA), ...u32(rawSize), ...u32(RAW)]);
  out.set(rsrc, RAW);
  return out;
}
