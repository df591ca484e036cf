/**
 * Writes and reads the wine registry the way Windows tools do: a .reg file (UTF-16LE with BOM, the
 * format regedit exports) imported with `regedit /S`, one wine process for many keys; `reg query`
 * to look at what is there.
 */
import type { WinePrefix } from './prefix';

/** A registry value: a string (REG_SZ), a DWORD, or an expandable string (REG_EXPAND_SZ). */
export type RegValue = string | { readonly dword: number } | { readonly expand: string };

/** One key with its values. `path` may start with HKLM, HKCU, HKU or the long hive names. */
export interface RegKey {
  readonly path: string;
  readonly values: Readonly<Record<string, RegValue>>;
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKCR: 'HKEY_CLASSES_ROOT',
};

/** HKLM\X -> HKEY_LOCAL_MACHINE\X (regedit files need the long names). */
export function longHive(path: string): string {
  const i = path.indexOf('\\');
  const hive = i < 0 ? path : path.slice(0, i);
  const long = HIVES[hive.toUpperCase()];
  return long ? long + (i < 0 ? '' : path.slice(i)) : path;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function hexUtf16z(s: string): string {
  const bytes = Buffer.from(`${s}\0`, 'utf16le');
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(',');
}

function valueLine(name: string, v: RegValue): string {
  const lhs = name === '' ? '@' : quote(name);
  if (typeof v === 'string') return `${lhs}=${quote(v)}`;
  if ('dword' in v) return `${lhs}=dword:${(v.dword >>> 0).toString(16).padStart(8, '0')}`;
  return `${lhs}=hex(2):${hexUtf16z(v.expand)}`;
}

/** The text of a .reg file that writes `keys` and deletes `deleteKeys` (with their subkeys). */
export function regFileText(keys: readonly RegKey[], deleteKeys: readonly string[] = []): string {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const k of deleteKeys) lines.push(`[-${longHive(k)}]`, '');
  for (const k of keys) {
    lines.push(`[${longHive(k.path)}]`);
    for (const [name, v] of Object.entries(k.values)) lines.push(valueLine(name, v));
    lines.push('');
  }
  return lines.join('\r\n');
}

let seq = 0;

/** Imports keys (and deletions) into the prefix's registry with `regedit /S`. Throws when regedit fails. */
export async function importReg(prefix: WinePrefix, keys: readonly RegKey[], deleteKeys: readonly string[] = []): Promise<void> {
  const file = `C:\\rig\\import-${process.pid}-${++seq}.reg`;
  prefix.writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(regFileText(keys, deleteKeys), 'utf16le')]));
  const r = await prefix.run(['regedit', '/S', file], { timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`regedit /S ${file} failed: exit ${r.exitCode} ${r.stderr}`);
}

/** Deletes keys (with their subkeys); keys that do not exist are fine. */
export function deleteReg(prefix: WinePrefix, paths: readonly string[]): Promise<void> {
  return importReg(prefix, [], paths);
}

/** Values of one key as `reg query` shows them, or null when the key does not exist. `view` picks /reg:32 or /reg:64. */
export async function queryReg(prefix: WinePrefix, path: string, view?: 32 | 64): Promise<Record<string, string> | null> {
  const r = await prefix.run(['reg', 'query', path, ...(view ? [`/reg:${view}`] : [])], { timeoutMs: 60_000 });
  if (r.exitCode !== 0) return null;
  const values: Record<string, string> = {};
  for (const line of r.stdout.split(/\r?\n/)) {
    const m = /^ {4}(.*?) {4}(REG_[A-Z_]+) {4}(.*)$/.exec(line);
    if (m) values[m[1]!] = m[3]!;
  }
  return values;
}

/** Writes the Windows version facts the patch check reads from HKLM\...\Windows NT\CurrentVersion. */
export function windowsVersionKey(v: { readonly build: number; readonly ubr: number; readonly displayVersion: string; readonly editionId: string; readonly productName: string; readonly releaseId?: string }): RegKey {
  return {
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
    values: {
      CurrentBuild: String(v.build),
      CurrentBuildNumber: String(v.build),
      UBR: { dword: v.ubr },
      DisplayVersion: v.displayVersion,
      // Frozen at 2009 since 20H2; the release is in DisplayVersion.
      ReleaseId: v.releaseId ?? '2009',
      EditionID: v.editionId,
      ProductName: v.productName,
      CurrentMajorVersionNumber: { dword: 10 },
      CurrentMinorVersionNumber: { dword: 0 },
      CurrentVersion: '6.3',
    },
  };
}
