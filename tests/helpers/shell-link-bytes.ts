// Builds .lnk bytes to [MS-SHLLINK] (header, LinkTargetIDList, LinkInfo, StringData, EnvironmentVariableDataBlock),
// for tests of the reader beside the real shortcuts wine's shell32 wrote (tests/fixtures/windows/lnk/).
const u16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ansiz = (s: string): number[] => [...Buffer.from(s, 'latin1'), 0];
const utf16z = (s: string): number[] => [...Buffer.from(s, 'utf16le'), 0, 0];
const hex = (h: string): number[] => [...Buffer.from(h, 'hex')];

/** My Computer as the first item of an ID list (as wine and Windows write it). */
export const MY_COMPUTER_ITEM = hex('14001f50e04fd020ea3a6910a2d808002b30309d');
/** A volume item for a drive letter. */
export const volumeItem = (drive: string): number[] => {
  const body = [0x2f, ...ansiz(`${drive}\\`), ...new Array(19 - drive.length - 2).fill(0)];
  return [...u16(body.length + 2), ...body];
};
/** Shell items a Windows 7 Explorer wrote (class 0x31 folders, 0x32 a file, each with a 0xBEEF0004 v3 block): from RustyLnk's README. */
export const WIN7_ITEMS = [
  [0x31, ...hex('00000000006C4062AB1000414C4C4F59527E310000340003000400EFBE69403A8D70406BA01400000041006C006C006F00790020005200650073006500610072006300680000001800')],
  [0x31, ...hex('0000000000704072A0100044455441494C7E3100003C0003000400EFBE68405AB1704072A014000000440065007400610069006C0065006400200044006F00630075006D0065006E007400730000001800')],
  [0x32, ...hex('00FA0A010068406EB12000434F50594F467E312E584C530000640003000400EFBE68406EB1704070A01400000043006F007000790020006F00660020004D006500740061006C00200041006C006C006F00790020004C006900730074002000520065007300650061007200630068002E0078006C007300780000001C00')],
].map((item) => [...u16(item.length + 2), ...item]);

/** What to put in a built shortcut. */
export interface LinkSpec {
  readonly items?: readonly number[][];
  /** LinkInfo local base path (ANSI, and Unicode when `unicodeInfo`), and its common path suffix. */
  readonly localBasePath?: string;
  readonly suffix?: string;
  readonly unicodeInfo?: boolean;
  readonly name?: string;
  readonly arguments?: string;
  readonly environmentTarget?: string;
}

/** The bytes of a shortcut built to the spec. */
export function buildShellLink(spec: LinkSpec): Uint8Array {
  let flags = 0x80; // IsUnicode
  const parts: number[] = [];
  if (spec.items) {
    flags |= 0x1;
    const list = [...spec.items.flat(), 0, 0];
    parts.push(...u16(list.length), ...list);
  }
  if (spec.localBasePath !== undefined) {
    flags |= 0x2;
    const headerSize = spec.unicodeInfo ? 0x24 : 0x1c;
    const volume = [...u32(0x11), ...u32(3), ...u32(0x1234abcd), ...u32(0x10), 0]; // VolumeID: fixed drive, empty label
    const base = ansiz(spec.localBasePath);
    const suffix = ansiz(spec.suffix ?? '');
    const ubase = spec.unicodeInfo ? utf16z(spec.localBasePath) : [];
    const usuffix = spec.unicodeInfo ? utf16z(spec.suffix ?? '') : [];
    const vOff = headerSize;
    const bOff = vOff + volume.length;
    const sOff = bOff + base.length;
    const ubOff = sOff + suffix.length;
    const usOff = ubOff + ubase.length;
    const size = usOff + usuffix.length;
    parts.push(...u32(size), ...u32(headerSize), ...u32(1), ...u32(vOff), ...u32(bOff), ...u32(0), ...u32(sOff));
    if (spec.unicodeInfo) parts.push(...u32(ubOff), ...u32(usOff));
    parts.push(...volume, ...base, ...suffix, ...ubase, ...usuffix);
  }
  for (const [bit, text] of [[0x4, spec.name], [0x20, spec.arguments]] as const) {
    if (text === undefined) continue;
    flags |= bit;
    parts.push(...u16(text.length), ...Buffer.from(text, 'utf16le'));
  }
  if (spec.environmentTarget !== undefined) {
    flags |= 0x200;
    const a = ansiz(spec.environmentTarget).concat(new Array(260).fill(0)).slice(0, 260);
    const w = utf16z(spec.environmentTarget).concat(new Array(520).fill(0)).slice(0, 520);
    parts.push(...u32(0x314), ...u32(0xa0000001), ...a, ...w);
  }
  parts.push(...u32(0)); // TerminalBlock
  const header = [...u32(0x4c), ...hex('0114020000000000c000000000000046'), ...u32(flags), ...u32(0x20), ...new Array(24).fill(0), ...u32(0), ...u32(0), ...u32(1), ...u16(0), ...u16(0), ...u32(0), ...u32(0)];
  return new Uint8Array([...header, ...parts]);
}
