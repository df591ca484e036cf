/**
 * Reads a registry key through `reg.exe export KEY FILE /y` (run by the Host) and the .reg file it writes. `reg
 * query` prints in the console's code page, so a Vietnamese letter it cannot print arrives as `?`; `reg export`
 * writes the file in UTF-16LE with a byte-order mark on every Windows release and under wine, so every letter
 * arrives as stored. The format (REGEDIT5): a `Windows Registry Editor Version 5.00` line, then per key a
 * `[HKEY_…\Path]` line and its values as `"Name"="text"` (`\\` and `\"` escaped), `"Name"=dword:0000002a` or
 * `"Name"=hex(N):1f,00,…` (a long one continued on the next line after a `\`); `@` is the default value.
 */
import type { Host } from '../host/host';
import { commandFailure, garbled, readFailure } from '../checks/reasons';
import type { RegKey, RegParse, RegQueryResult, RegValue, RegView } from './reg-query';

/** The argv of an export of `key` (with its subkeys) into `file`, overwriting it. */
export function regExportArgv(key: string, file: string, view?: RegView): string[] {
  return ['reg', 'export', key, file, '/y', ...(view ? [`/reg:${view}`] : [])];
}

/** The longest .reg file read back: far more than a policy key holds. */
const MAX_EXPORT_BYTES = 4 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const HEADER = 'Windows Registry Editor Version 5.00';
/** `hex(N)` type numbers as reg writes them, and the type names `reg query` prints for them. */
const HEX_TYPES: Readonly<Record<string, string>> = { '0': 'REG_NONE', '2': 'REG_EXPAND_SZ', '4': 'REG_DWORD', '7': 'REG_MULTI_SZ', b: 'REG_QWORD' };

/** The text of a .reg file: UTF-16LE after its byte-order mark, as reg export writes it; null for anything else. */
export function decodeRegFile(bytes: Uint8Array): string | null {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xfe || bytes.length % 2 !== 0) return null;
  return new TextDecoder('utf-16le', { fatal: false }).decode(bytes.subarray(2));
}

/** A quoted .reg string from `at` (its opening quote): the text and where it ends, or null when it never closes. */
function quoted(line: string, at: number): { readonly text: string; readonly end: number } | null {
  let text = '';
  for (let i = at + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return { text, end: i + 1 };
    if (c === '\\' && i + 1 < line.length) text += line[++i];
    else text += c;
  }
  return null;
}

function hexBytes(list: string): Uint8Array | null {
  const parts = list === '' ? [] : list.split(',');
  if (!parts.every((p) => /^[0-9a-f]{2}$/i.test(p))) return null;
  return Uint8Array.from(parts, (p) => Number.parseInt(p, 16));
}

/** UTF-16LE text of a hex value, up to its first NUL. */
function utf16(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

function typedValue(name: string, data: string): RegValue | null {
  if (data.startsWith('"')) {
    const q = quoted(data, 0);
    return q && q.end === data.length ? { name, type: 'REG_SZ', data: q.text, raw: q.text } : null;
  }
  const dword = /^dword:([0-9a-f]{8})$/i.exec(data);
  if (dword) return { name, type: 'REG_DWORD', data: Number.parseInt(dword[1]!, 16), raw: `0x${dword[1]!.replace(/^0+(?=.)/, '')}` };
  const hex = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/i.exec(data);
  if (!hex) return null;
  const bytes = hexBytes(hex[2]!);
  if (!bytes) return null;
  const kind = hex[1]?.toLowerCase();
  const typeName = kind === undefined ? 'REG_BINARY' : (HEX_TYPES[kind] ?? `REG_TYPE_${kind}`);
  if (typeName === 'REG_EXPAND_SZ') return { name, type: 'REG_EXPAND_SZ', data: utf16(bytes), raw: utf16(bytes) };
  if (typeName === 'REG_MULTI_SZ') {
    const items = new TextDecoder('utf-16le').decode(bytes).split('\0');
    while (items.length > 0 && items[items.length - 1] === '') items.pop();
    return { name, type: 'REG_MULTI_SZ', data: items, raw: items.join('\\0') };
  }
  if (typeName === 'REG_QWORD' && bytes.length === 8) return { name, type: 'REG_QWORD', data: new DataView(bytes.buffer).getBigUint64(0, true), raw: hex[2]! };
  if (typeName === 'REG_BINARY' || typeName === 'REG_NONE') return { name, type: typeName, data: bytes, raw: hex[2]! };
  return { name, type: 'other', typeName, data: hex[2]!, raw: hex[2]! };
}

/** Parses the text of a .reg file as reg export writes it; a line that is none of its forms is garbled. */
export function parseRegFile(text: string): RegParse {
  // A long hex value goes on over several lines, each but the last ending with a backslash.
  const lines = text.replace(/\\\r?\n[ \t]*/g, '').split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) return { ok: false, badLine: lines[0] ?? '' };
  const keys: { path: string; values: RegValue[] }[] = [];
  let current: { path: string; values: RegValue[] } | undefined;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      current = { path: line.slice(1, -1), values: [] };
      keys.push(current);
      continue;
    }
    const named = line.startsWith('@=') ? { text: '', end: 1 } : line.startsWith('"') ? quoted(line, 0) : null;
    const value = current && named && line[named.end] === '=' ? typedValue(named.text, line.slice(named.end + 1)) : null;
    if (!value || !current) return { ok: false, badLine: line };
    current.values.push(value);
  }
  return { ok: true, keys };
}

/**
 * Exports `key` into `file` (a file of ours, overwritten) and reads it back without following a link; the key's
 * values with every letter as stored. A missing tool, a failure, a hang or a file that is not a .reg gives the reason;
 * so does anything but a plain file already at `file` (reg would write through a link), and reg is then not run.
 */
export async function exportKey(host: Host, key: string, file: string, options: { readonly view?: RegView; readonly timeoutMs?: number } = {}): Promise<RegQueryResult> {
  try {
    const before = await host.stat(file);
    if (before?.type === 'symlink') return { ok: false, reason: { key: 'common:reason.link', params: { path: file } } };
    if (before && before.type !== 'file') return { ok: false, reason: { key: before.type === 'dir' ? 'common:reason.isFolder' : 'common:reason.notAFile', params: { path: file } } };
  } catch (e) {
    return { ok: false, reason: readFailure(e instanceof Error ? e : new Error(String(e)), file) };
  }
  const r = await host.run(regExportArgv(key, file, options.view), { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const failure = commandFailure(r);
  if (failure) return { ok: false, reason: failure };
  let bytes: Uint8Array;
  try {
    bytes = await host.readBytes(file, { maxBytes: MAX_EXPORT_BYTES, links: 'refuse' });
  } catch (e) {
    return { ok: false, reason: readFailure(e instanceof Error ? e : new Error(String(e)), file) };
  }
  const text = decodeRegFile(bytes);
  if (text === null) return { ok: false, reason: garbled('reg', Buffer.from(bytes.subarray(0, 60)).toString('latin1')) };
  const parsed = parseRegFile(text);
  if (!parsed.ok) return { ok: false, reason: garbled('reg', parsed.badLine) };
  return { ok: true, exists: true, keys: parsed.keys as readonly RegKey[], lossy: false };
}
