/**
 * Reads the organisation's settings from Group Policy's key, HKLM\SOFTWARE\Policies\attt-selfcheck, through the
 * Host (`reg query`). `reg query` prints in the console's code page, where a Vietnamese letter is `?`: a text value
 * it could not print is read again from `reg export` into a file of ours in the data folder (UTF-16LE, every letter
 * as stored: src/core/windows/reg-export.ts), and refused only when that cannot be done. The data folder is made
 * first (on the very first run it is not there yet). Why there and not a temporary file: the data folder is in the
 * account's own profile, which only that account, SYSTEM and administrators can write; a temporary folder may be
 * shared (SYSTEM's has long been C:\Windows\Temp, where every user may create files and folders, and a folder made
 * in it inherits that by default), so another account could put a link where reg.exe, which follows links, then writes.
 * Only administrators (and Group Policy) write under HKLM\SOFTWARE\Policies, so these values
 * need no signature; banned apps, which need structure, come only from the signed file. The value names are
 * those of deploy/windows/admx/attt-selfcheck.admx (a test compares both lists).
 */
import type { PolicyRefusal } from '../../shared/org-policy';
import type { Host } from '../host/host';
import type { MutableHost } from '../host/mutable-host';
import { userDataDir } from '../paths';
import { readFailure } from '../checks/reasons';
import { exportKey } from '../windows/reg-export';
import { queryKey, regValue, type RegKey } from '../windows/reg-query';
import { orgSettingsSchema, zodIssues, type OrgSettings } from './org-policy-schema';
import { POLICY_REGISTRY_KEY } from './policy-locations';

/** One registry value the app reads: its name, its type, and where it goes in the settings. */
interface RegistrySetting {
  readonly name: string;
  readonly type: 'REG_SZ' | 'REG_DWORD';
  readonly path: readonly string[];
}

/** Every value the app reads under the key, with its registry type and its place in the settings. */
export const POLICY_REGISTRY_VALUES: readonly RegistrySetting[] = [
  { name: 'AgencyName', type: 'REG_SZ', path: ['agency', 'name'] },
  { name: 'ItContactName', type: 'REG_SZ', path: ['agency', 'itContact', 'name'] },
  { name: 'ItContactPhone', type: 'REG_SZ', path: ['agency', 'itContact', 'phone'] },
  { name: 'ItContactEmail', type: 'REG_SZ', path: ['agency', 'itContact', 'email'] },
  { name: 'ItContactRoom', type: 'REG_SZ', path: ['agency', 'itContact', 'room'] },
  { name: 'FullCheckHours', type: 'REG_DWORD', path: ['schedule', 'fullCheckHours'] },
  { name: 'BannedAppMinutes', type: 'REG_DWORD', path: ['schedule', 'bannedAppMinutes'] },
  { name: 'PatchMaxBehindDays', type: 'REG_DWORD', path: ['patch', 'maxBehindDays'] },
  { name: 'CatalogMaxAgeDays', type: 'REG_DWORD', path: ['patch', 'catalogMaxAgeDays'] },
  { name: 'AdvisoryNoteVi', type: 'REG_SZ', path: ['advisoryNote', 'vi'] },
  { name: 'AdvisoryNoteEn', type: 'REG_SZ', path: ['advisoryNote', 'en'] },
  { name: 'DefaultLanguage', type: 'REG_SZ', path: ['defaultLanguage'] },
  { name: 'UsersMayTurnOffNotifications', type: 'REG_DWORD', path: ['notifications', 'usersMayTurnOff'] },
];

/** The file in the data folder `reg export` writes the key into (overwritten each time; only when `reg query` could not print a text). */
export const REGISTRY_EXPORT_FILE = 'group-policy.reg';

/** What the key gave: no key or no value we read (nothing set), settings, or a refusal. */
export type RegistrySettingsResult = { readonly ok: true; readonly settings: OrgSettings | null } | { readonly ok: false; readonly refusal: PolicyRefusal };

/** Where a text reg query could not print is exported to: `dataWriter` makes the data folder (none for a recorded machine). */
export interface RegistryExportOptions {
  readonly dataWriter?: MutableHost;
}

/** Reads Group Policy's values for the app on Windows; `{ok, settings: null}` elsewhere or when none is set. */
export async function readRegistrySettings(host: Host, options: RegistryExportOptions = {}): Promise<RegistrySettingsResult> {
  if (host.platform !== 'win32') return { ok: true, settings: null };
  const r = await queryKey(host, POLICY_REGISTRY_KEY, { view: 64 });
  const source = POLICY_REGISTRY_KEY;
  if (!r.ok) return { ok: false, refusal: { source, kind: 'unreadable', reason: { key: 'policy:refused.registryUnreadable', params: { source, detail: `${r.reason.key} ${JSON.stringify(r.reason.params ?? {})}` } } } };
  const ours = (keys: readonly RegKey[]): RegKey | undefined => keys.find((k) => k.path.toUpperCase() === 'HKEY_LOCAL_MACHINE\\SOFTWARE\\POLICIES\\ATTT-SELFCHECK');
  const key = ours(r.keys);
  if (!r.exists || !key) return { ok: true, settings: null };
  let raw = settingsFromKey(key, true);
  if (!raw.found) return { ok: true, settings: null };
  if (raw.lossy.length > 0) {
    // Text reg query could not print: the same values from reg export's UTF-16 file, or refused with why.
    const exported = await exportIntoDataFolder(host, options.dataWriter);
    const again = exported.ok ? ours(exported.keys) : undefined;
    if (!again) {
      const why = exported.ok ? '' : ` (reg export: ${exported.reason.key} ${JSON.stringify(exported.reason.params ?? {})})`;
      return { ok: false, refusal: { source, kind: 'unreadable', reason: { key: 'policy:refused.registryLossy', params: { source, detail: `${raw.lossy.join(', ')}${why}` } } } };
    }
    raw = settingsFromKey(again, false);
  }
  if (raw.wrongType.length > 0) return { ok: false, refusal: { source, kind: 'malformed', reason: { key: 'policy:refused.registryMalformed', params: { source, detail: raw.wrongType.join('; ') } } } };
  const parsed = orgSettingsSchema().safeParse(raw.doc);
  if (!parsed.success) return { ok: false, refusal: { source, kind: 'malformed', reason: { key: 'policy:refused.registryMalformed', params: { source, detail: zodIssues(parsed.error) } } } };
  return { ok: true, settings: parsed.data };
}

/** reg export of the key into the data folder, made first when a writer is given. */
async function exportIntoDataFolder(host: Host, writer: MutableHost | undefined): ReturnType<typeof exportKey> {
  const dir = userDataDir(host);
  if (writer) {
    try {
      await writer.makeDir(dir);
    } catch (e) {
      return { ok: false, reason: readFailure(e instanceof Error ? e : new Error(String(e)), dir) };
    }
  }
  return exportKey(host, POLICY_REGISTRY_KEY, host.path.join(dir, REGISTRY_EXPORT_FILE), { view: 64 });
}

/** The settings document of the key's values (names case-insensitive, as the registry is; empty text is unset); `printed`: as reg query printed them. */
function settingsFromKey(key: RegKey, printed: boolean): { found: boolean; doc: Record<string, unknown>; wrongType: string[]; lossy: string[] } {
  const doc: Record<string, unknown> = {};
  const wrongType: string[] = [];
  const lossy: string[] = [];
  let found = false;
  for (const s of POLICY_REGISTRY_VALUES) {
    const v = regValue(key, s.name);
    if (!v) continue;
    let value: unknown;
    if (s.type === 'REG_SZ' && (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ')) {
      if (v.data.trim() === '') continue;
      // reg prints in the console's code page: a letter it could not print is `?` or U+FFFD, never shown as the agency's words.
      if (printed && /[?\uFFFD]/.test(v.data)) {
        lossy.push(s.name);
        continue;
      }
      value = v.data;
    } else if (s.type === 'REG_DWORD' && v.type === 'REG_DWORD') {
      value = s.path[s.path.length - 1] === 'usersMayTurnOff' ? v.data !== 0 : v.data;
    } else {
      wrongType.push(`${s.name}: ${v.type === 'other' ? v.typeName : v.type}, ${s.type} expected`);
      continue;
    }
    found = true;
    setAt(doc, s.path, value);
  }
  // The advisory page shows the note in the window's language: one language given serves both.
  const note = doc.advisoryNote as { vi?: string; en?: string } | undefined;
  if (note) doc.advisoryNote = { vi: note.vi ?? note.en, en: note.en ?? note.vi };
  return { found: found || wrongType.length > 0 || lossy.length > 0, doc, wrongType, lossy };
}

function setAt(doc: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = doc;
  for (const p of path.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
}
