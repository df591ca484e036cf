/** Uninstall keys ("Apps & features" entries) read from one root, in a form probes can match and report. */
import type { Message } from '../../../../shared/finding';
import type { EvidenceData, EvidenceDataKey } from '../../../../shared/evidence-data';
import type { Host } from '../../../host/host';
import { childKeyNames, findKey, isLossyText, queryKey, regText, regValue, shortKeyPath, type RegView } from '../../../windows/reg-query';

/** The tail every Uninstall root shares. */
export const UNINSTALL_SUBPATH = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

/** One place Uninstall keys live: a hive, a view, a scope. */
export interface UninstallRoot {
  /** Full key path as reg prints it, e.g. `HKEY_USERS\S-1-5-21-...\Software\...\Uninstall`. */
  readonly key: string;
  /** `HKLM`, `HKCU` or `HKU\SID`, as the evidence contract names it. */
  readonly hive: string;
  readonly view: RegView;
  readonly scope: 'machine' | 'user';
  /** The user's SID, when known (always for HKU, for HKCU when it could be told). */
  readonly sid?: string;
  /** The account name of another user's hive (their profile folder's name), when ProfileList tells it. */
  readonly user?: string;
}

/** One Uninstall subkey with the values removal plans need. */
export interface UninstallEntry {
  readonly root: UninstallRoot;
  readonly keyName: string;
  /** Printed key path (`HKEY_LOCAL_MACHINE\...\Uninstall\KEY`). */
  readonly keyPath: string;
  readonly displayName?: string;
  readonly displayVersion?: string;
  readonly publisher?: string;
  readonly uninstallString?: string;
  readonly quietUninstallString?: string;
  readonly installLocation?: string;
  readonly displayIcon?: string;
  readonly windowsInstaller: boolean;
  /** MSI product code `{GUID}`: the subkey name when it is one, else read from `MsiExec.exe /X{...}`. */
  readonly productCode?: string;
  /** Some text was printed with `?` or U+FFFD for letters reg could not print: paths in it are not exact. */
  readonly lossy: boolean;
}

/** What reading one root gave: its entries (none when the root does not exist), or why it could not be read. */
export type RootScan =
  | { readonly root: UninstallRoot; readonly ok: true; readonly entries: readonly UninstallEntry[]; readonly lossy: boolean }
  | { readonly root: UninstallRoot; readonly ok: false; readonly reason: Message };

const GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/i;
const MSIEXEC = /msiexec(?:\.exe)?"?\s+\/[xi]\s*"?(\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\})/i;

/** The MSI product code of an entry: its key name when a GUID, else from an `MsiExec.exe /X{...}` command. */
export function productCodeOf(keyName: string, ...commands: readonly (string | undefined)[]): string | undefined {
  if (GUID.test(keyName)) return keyName.toUpperCase();
  for (const c of commands) {
    const m = c ? MSIEXEC.exec(c) : null;
    if (m) return m[1]!.toUpperCase();
  }
  return undefined;
}

/**
 * Reads every subkey of one root with one `reg query <root> /s /reg:64`. The 32-bit view is read by its
 * WOW6432Node path in the 64-bit view (the same keys, whatever the bitness of reg.exe that runs).
 */
export async function scanRoot(host: Host, root: UninstallRoot): Promise<RootScan> {
  const r = await queryKey(host, root.key, { recursive: true, view: 64 });
  if (!r.ok) return { root, ok: false, reason: r.reason };
  const entries: UninstallEntry[] = [];
  for (const name of childKeyNames(r.keys, root.key)) {
    const key = findKey(r.keys, `${root.key}\\${name}`)!;
    const text = (n: string): string | undefined => {
      const t = regText(key, n)?.trim();
      return t ? t : undefined;
    };
    const wi = regValue(key, 'WindowsInstaller');
    const uninstallString = text('UninstallString');
    const quietUninstallString = text('QuietUninstallString');
    entries.push({
      root,
      keyName: name,
      keyPath: key.path,
      displayName: text('DisplayName'),
      displayVersion: text('DisplayVersion'),
      publisher: text('Publisher'),
      uninstallString,
      quietUninstallString,
      installLocation: text('InstallLocation'),
      displayIcon: text('DisplayIcon'),
      windowsInstaller: wi?.type === 'REG_DWORD' ? wi.data === 1 : false,
      productCode: productCodeOf(name, uninstallString, quietUninstallString),
      lossy: key.values.some((v) => isLossyText(v.raw)),
    });
  }
  return { root, ok: true, entries, lossy: r.lossy };
}

/** The identity of an entry: per-user keys are named through HKEY_USERS\SID so HKCU and HKU\SID coincide. */
export function entryIdentity(e: UninstallEntry): string {
  if (e.root.sid && e.keyPath.toUpperCase().startsWith('HKEY_CURRENT_USER\\')) {
    return `registry:HKEY_USERS\\${e.root.sid}${e.keyPath.slice('HKEY_CURRENT_USER'.length)}`;
  }
  return `registry:${e.keyPath}`;
}

/** A fingerprint of a root's content, to tell HKCU and its own HKU\SID apart from another user's hive. */
export function rootFingerprint(scan: RootScan): string | undefined {
  if (!scan.ok) return undefined;
  return scan.entries
    .map((e) => [e.keyName, e.displayName, e.displayVersion, e.publisher, e.uninstallString, e.installLocation].join('\u0001'))
    .sort()
    .join('\u0002');
}

/** Evidence data for an entry, with the keys docs/evidence.md names (absent values left out). */
export function entryData(e: UninstallEntry): EvidenceData {
  const data: { -readonly [K in EvidenceDataKey]?: string } = {
    hive: e.root.hive,
    view: String(e.root.view),
    keyName: e.keyName,
    key: shortKeyPath(e.keyPath),
    scope: e.root.scope,
  };
  const optional: { readonly [K in EvidenceDataKey]?: string | undefined } = {
    displayName: e.displayName,
    displayVersion: e.displayVersion,
    publisher: e.publisher,
    uninstallString: e.uninstallString,
    quietUninstallString: e.quietUninstallString,
    installLocation: e.installLocation,
    displayIcon: e.displayIcon,
    windowsInstaller: e.windowsInstaller ? '1' : undefined,
    lossy: e.lossy ? '1' : undefined,
    productCode: e.productCode,
    sid: e.root.sid,
    user: e.root.user,
  };
  for (const [k, v] of Object.entries(optional) as [EvidenceDataKey, string | undefined][]) if (v !== undefined) data[k] = v;
  return data;
}
