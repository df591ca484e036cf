/**
 * Reads the Windows registry through `reg.exe query` (run by the Host, never directly) and parses its
 * output. The output format is the same on every Windows release and under wine (checked against
 * wine's reg tests, which also pass on Windows): a blank line, then per key a header line with the full
 * hive name, its values as `    Name    REG_TYPE    Data` lines, and (with /s) a blank line after each key.
 * Type names are never localized; error texts and the `(Default)` value name are.
 */
import type { Message } from '../../shared/finding';
import type { Host, RunResult } from '../host/host';
import { commandFailure, garbled } from '../checks/reasons';
import { trimTrailing } from '../text/trim-trailing';
import { isOverlong } from '../text/lines';

/** A typed registry value as `reg query` prints it. `raw` is the printed data. */
export type RegValue =
  | { readonly name: string; readonly type: 'REG_SZ' | 'REG_EXPAND_SZ'; readonly data: string; readonly raw: string }
  | { readonly name: string; readonly type: 'REG_MULTI_SZ'; readonly data: readonly string[]; readonly raw: string }
  | { readonly name: string; readonly type: 'REG_DWORD'; readonly data: number; readonly raw: string }
  | { readonly name: string; readonly type: 'REG_QWORD'; readonly data: bigint; readonly raw: string }
  | { readonly name: string; readonly type: 'REG_BINARY' | 'REG_NONE'; readonly data: Uint8Array; readonly raw: string }
  | { readonly name: string; readonly type: 'other'; readonly typeName: string; readonly data: string; readonly raw: string };

/** One key: its full path as printed (`HKEY_LOCAL_MACHINE\...`) and its values. */
export interface RegKey {
  readonly path: string;
  readonly values: readonly RegValue[];
}

/** The registry view to read: 64-bit (native on 64-bit Windows) or 32-bit (WOW6432Node). */
export type RegView = 64 | 32;

/** Options of a query. */
export interface RegQueryOptions {
  /** Passed as /reg:64 or /reg:32; absent: the caller's own view. */
  readonly view?: RegView;
  /** /s: every subkey with its values. Without it: the key's values and its direct subkeys (no values). */
  readonly recursive?: boolean;
  readonly timeoutMs?: number;
}

/** What a query gave: the keys (none when the key does not exist), or why it could not be read. */
export type RegQueryResult =
  | {
      readonly ok: true;
      /** False when the key does not exist: not an error, the place is simply empty. */
      readonly exists: boolean;
      readonly keys: readonly RegKey[];
      /** Some text could not be decoded (reg prints in the console code page): paths may be wrong. */
      readonly lossy: boolean;
    }
  | { readonly ok: false; readonly reason: Message };

/** A parse of reg output: keys, or the line that made no sense. */
export type RegParse = { readonly ok: true; readonly keys: readonly RegKey[] } | { readonly ok: false; readonly badLine: string };

const HIVES = ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'HKEY_USERS', 'HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG'];
const SHORT: Readonly<Record<string, string>> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER', HKU: 'HKEY_USERS', HKCR: 'HKEY_CLASSES_ROOT', HKCC: 'HKEY_CURRENT_CONFIG' };
const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Texts reg prints for a missing key: Windows (English) and wine. Other languages are confirmed by listing the parent. */
const NOT_FOUND = /unable to find the specified registry key/i;
const ACCESS_DENIED = /access is denied/i;

/** Expands HKLM/HKCU/HKU/... to the full hive name reg prints in its output. */
export function fullKeyPath(key: string): string {
  const [hive = '', ...rest] = key.split('\\');
  const full = SHORT[hive.toUpperCase()] ?? hive.toUpperCase();
  return [full, ...rest].filter((p, i) => i === 0 || p !== '').join('\\');
}

/** Shortens the hive name of a full key path (`HKEY_USERS\S-1-...` -> `HKU\S-1-...`). */
export function shortKeyPath(key: string): string {
  const full = fullKeyPath(key);
  for (const [short, long] of Object.entries(SHORT)) if (full.toUpperCase().startsWith(`${long}\\`) || full.toUpperCase() === long) return short + full.slice(long.length);
  return full;
}

/** The argv of a query, exactly as reg.exe accepts it (one argument per word, no quoting needed). */
export function regQueryArgv(key: string, options: RegQueryOptions = {}): string[] {
  return ['reg', 'query', key, ...(options.recursive ? ['/s'] : []), ...(options.view ? [`/reg:${options.view}`] : [])];
}

/** Parses `reg query` output (CRLF or LF). Text that is neither a key header nor a value line is garbled. */
export function parseRegOutput(text: string): RegParse {
  const keys: { path: string; values: RegValue[] }[] = [];
  let current: { path: string; values: RegValue[] } | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (HIVES.some((h) => line === h || line.startsWith(`${h}\\`))) {
      current = { path: trimTrailing(line, '\\'), values: [] };
      keys.push(current);
      continue;
    }
    const m = isOverlong(line) ? null : VALUE_LINE.exec(line);
    if (m && current) {
      current.values.push(typedValue(m[1] ?? '', m[2]!, m[3] ?? ''));
      continue;
    }
    return { ok: false, badLine: line };
  }
  return { ok: true, keys };
}

function typedValue(name: string, type: string, raw: string): RegValue {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { name, type, data: raw, raw };
    case 'REG_MULTI_SZ':
      return { name, type, data: multiString(raw), raw };
    case 'REG_DWORD': {
      const n = Number.parseInt(raw, 16);
      return Number.isFinite(n) ? { name, type, data: n, raw } : { name, type: 'other', typeName: type, data: raw, raw };
    }
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(raw) ? { name, type, data: BigInt(raw), raw } : { name, type: 'other', typeName: type, data: raw, raw };
    case 'REG_BINARY':
    case 'REG_NONE':
      return /^([0-9a-f]{2})*$/i.test(raw) ? { name, type, data: hexBytes(raw), raw } : { name, type: 'other', typeName: type, data: raw, raw };
    default:
      return { name, type: 'other', typeName: type, data: raw, raw };
  }
}

/** reg prints REG_MULTI_SZ items separated by a literal `\\0`. */
function multiString(raw: string): string[] {
  const items = raw === '' ? [] : raw.split('\\0');
  if (items.length > 0 && items[items.length - 1] === '') items.pop();
  return items;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * True when reg could not print some letters: U+FFFD (bytes of another code page), or a `?` inside a
 * path (no Windows path holds one, except the `\\?\` prefix), as wine and best-fit consoles print them.
 */
export function isLossyText(text: string): boolean {
  return text.includes('\uFFFD') || (/[a-z]:\\|\\/i.test(text) && text.replace(/\\\\\?\\/g, '').replace(/https?:\S*/gi, '').includes('?'));
}

/** The value of a key by name (case-insensitive, as the registry is). */
export function regValue(key: RegKey | undefined, name: string): RegValue | undefined {
  const lower = name.toLowerCase();
  return key?.values.find((v) => v.name.toLowerCase() === lower);
}

/** A value as text: strings as they are, numbers in decimal, lists joined by `; `; undefined when absent. */
export function regText(key: RegKey | undefined, name: string): string | undefined {
  const v = regValue(key, name);
  if (!v) return undefined;
  if (v.type === 'REG_MULTI_SZ') return v.data.join('; ');
  if (v.type === 'REG_DWORD' || v.type === 'REG_QWORD') return String(v.data);
  return v.raw;
}

/** The key with this path in a result (case-insensitive; HKLM/HKCU short forms accepted). */
export function findKey(keys: readonly RegKey[], path: string): RegKey | undefined {
  const want = fullKeyPath(path).toLowerCase();
  return keys.find((k) => k.path.toLowerCase() === want);
}

/** Direct subkeys of `parent` among the keys (their last path component). */
export function childKeyNames(keys: readonly RegKey[], parent: string): string[] {
  const prefix = `${fullKeyPath(parent).toLowerCase()}\\`;
  return keys.filter((k) => k.path.toLowerCase().startsWith(prefix) && !k.path.slice(prefix.length).includes('\\')).map((k) => k.path.slice(prefix.length));
}

/**
 * Queries a key. A missing key is `{ok, exists: false}`, not an error (an Uninstall root that was never
 * created is simply empty). A missing tool, a hang, an error or output that makes no sense gives the reason.
 */
export async function queryKey(host: Host, key: string, options: RegQueryOptions = {}): Promise<RegQueryResult> {
  const r = await host.run(regQueryArgv(key, options), { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  if (!r.error && r.exitCode === 1) {
    const said = `${r.stderr}\n${r.stdout}`;
    if (NOT_FOUND.test(said)) return { ok: true, exists: false, keys: [], lossy: false };
    if (ACCESS_DENIED.test(said)) return { ok: false, reason: { key: 'common:reason.permission', params: { path: key } } };
    // Another language: the key is missing when its parent can be listed and does not name it.
    if (await parentLacks(host, key, options)) return { ok: true, exists: false, keys: [], lossy: false };
  }
  const failure = commandFailure(r);
  if (failure) return { ok: false, reason: errorWithOutput(failure, r) };
  return parseResult(r, options);
}

function parseResult(r: RunResult, options: RegQueryOptions): RegQueryResult {
  const text = r.stdout;
  const tool = r.argv[0] ?? 'reg';
  // A key with no values and no subkeys: reg prints one line break and exits 0 (the header only comes with values).
  if (/^\r?\n$/.test(text)) return { ok: true, exists: true, keys: [], lossy: false };
  if (text.trim() === '') return { ok: false, reason: garbled(tool, text) };
  // Complete output ends with a line break (with /s: a blank line after the last key); anything else was cut.
  const tail = text.split(/\r?\n/).filter((l) => l.trim() !== '').pop() ?? '';
  if (r.truncated || !/\n$/.test(text) || (options.recursive && !/\n[ \t]*\r?\n$/.test(text))) return { ok: false, reason: garbled(tool, `… ${tail}`) };
  const parsed = parseRegOutput(text);
  if (!parsed.ok) return { ok: false, reason: garbled(tool, parsed.badLine) };
  if (parsed.keys.length === 0) return { ok: false, reason: garbled(tool, text) };
  return { ok: true, exists: true, keys: parsed.keys, lossy: parsed.keys.some((k) => k.values.some((v) => isLossyText(v.raw))) };
}

/** reg prints its errors on stderr (Windows) or stdout (wine): show whichever has text. */
function errorWithOutput(reason: Message, r: RunResult): Message {
  if (reason.key !== 'common:reason.exitCode' || r.stderr.trim() !== '') return reason;
  return { key: reason.key, params: { ...reason.params, stderr: r.stdout.replace(/\s+/g, ' ').trim().slice(0, 120) } };
}

async function parentLacks(host: Host, key: string, options: RegQueryOptions): Promise<boolean> {
  const full = fullKeyPath(key);
  const cut = full.lastIndexOf('\\');
  if (cut < 0) return false;
  const parent = full.slice(0, cut);
  const r = await host.run(regQueryArgv(parent, { view: options.view }), { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  if (r.error || r.exitCode !== 0) return false;
  const parsed = parseRegOutput(r.stdout);
  if (!parsed.ok || parsed.keys.length === 0) return false;
  const name = full.slice(cut + 1).toLowerCase();
  return !childKeyNames(parsed.keys, parent).some((c) => c.toLowerCase() === name);
}
