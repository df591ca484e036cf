/**
 * Every user profile on the PC, so that per-user installs of other users are found too: from the
 * registry's ProfileList (which also gives each profile's SID) and from listing the profiles folder
 * (which gives the true Unicode names when reg's output lost non-ASCII letters, e.g. C:\Users\Nguyễn).
 */
import type { Message } from '../../../../shared/finding';
import type { Host } from '../../../host/host';
import { readFailure } from '../../reasons';
import { findKey, queryKey, regText } from '../../../windows/reg-query';

/** One user profile folder. */
export interface Profile {
  readonly path: string;
  readonly sid?: string;
  /** The profile of the user running the check. */
  readonly current: boolean;
}

/** The account name of a profile as a person knows it: its folder's name (`C:\\Users\\tran` → `tran`). */
export function profileUser(profile: Profile | undefined): string | undefined {
  const name = profile?.path.split(/[\\/]/).filter((s) => s !== '').pop();
  return name && !/^[a-z]:$/i.test(name) ? name : undefined;
}

/** The profiles found, and what could not be read on the way (never fatal: the current profile is always known). */
export interface ProfileSet {
  readonly profiles: readonly Profile[];
  readonly problems: readonly Message[];
  /** False when neither ProfileList nor a profiles folder could be read: other users were not found. */
  readonly complete: boolean;
}

/** The registry key that lists profiles by SID. */
export const PROFILE_LIST_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';

/** Service accounts and the default hive: they have no user installs. */
export function isServiceSid(sid: string): boolean {
  return /^(S-1-5-(18|19|20)|\.DEFAULT)$/i.test(sid) || /_Classes$/i.test(sid);
}

const NOT_PROFILES = new Set(['public', 'default', 'default user', 'all users', 'defaultapppool']);

/** Expands %VAR% from the host's environment (case-insensitive, as Windows does); unknown ones stay. */
export function expandEnv(host: Host, text: string): string {
  const env = new Map(Object.entries(host.env).map(([k, v]) => [k.toLowerCase(), v]));
  const fallback: Record<string, string> = { systemdrive: 'C:', systemroot: 'C:\\Windows' };
  return text.replace(/%([^%]+)%/g, (all, name: string) => env.get(name.toLowerCase()) ?? fallback[name.toLowerCase()] ?? all);
}

/** True when a path read from reg lost letters it could not print (`?` or U+FFFD stand in for them). */
export function isLossy(path: string): boolean {
  return path.includes('\uFFFD') || path.includes('?');
}

/** Whether a real folder name fits a lossy one: each unprintable letter became one `?` or U+FFFD (or a best-fit ASCII letter). */
function fitsLossy(real: string, lossy: string): boolean {
  // Walked position by position (each `?` one or two letters), not as a pattern of `.{1,2}`s: that backtracks
  // exponentially in the number of `?` when the name does not fit.
  let at = new Set([0]);
  for (const c of lossy) {
    const next = new Set<number>();
    for (const i of at) {
      if (c === '?' || c === '\uFFFD') {
        for (const n of [1, 2]) if (i + n <= real.length && !/[\n\r\u2028\u2029]/.test(real.slice(i, i + n))) next.add(i + n);
      } else if (i + c.length <= real.length && real.slice(i, i + c.length).toLowerCase() === c.toLowerCase()) next.add(i + c.length);
    }
    at = next;
  }
  return at.has(real.length) || fold(real) === fold(lossy);
}

/** ASCII fold: Windows "best fit" may print Nguyễn as Nguyen. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
}

/** Finds every profile: ProfileList entries plus the folders beside the current home and in ProfilesDirectory. */
export async function findProfiles(host: Host): Promise<ProfileSet> {
  const p = host.path;
  const problems: Message[] = [];
  const fromRegistry: { sid: string; path: string }[] = [];
  const parents = new Set<string>([p.dirname(host.homedir)]);
  const list = await queryKey(host, PROFILE_LIST_KEY, { recursive: true, view: 64 });
  if (list.ok) {
    const dir = regText(findKey(list.keys, PROFILE_LIST_KEY), 'ProfilesDirectory');
    if (dir && !isLossy(dir)) parents.add(expandEnv(host, dir));
    for (const k of list.keys) {
      const sid = k.path.slice(PROFILE_LIST_KEY.length + 1);
      const image = regText(k, 'ProfileImagePath');
      if (!k.path.toLowerCase().startsWith(`${PROFILE_LIST_KEY.toLowerCase()}\\`) || sid.includes('\\') || !image) continue;
      if (isServiceSid(sid) || /\.bak$/i.test(sid)) continue;
      fromRegistry.push({ sid, path: expandEnv(host, image) });
    }
  } else {
    problems.push(list.reason);
  }
  const folders: string[] = [];
  let listed = false;
  for (const parent of parents) {
    try {
      for (const e of await host.list(parent)) {
        if (e.type === 'dir' && !NOT_PROFILES.has(e.name.toLowerCase())) folders.push(p.join(parent, e.name));
      }
      listed = true;
    } catch (e) {
      problems.push(readFailure(e as Error, parent));
    }
  }
  const byPath = new Map<string, Profile>();
  const add = (path: string, sid?: string): void => {
    const key = p.normalize(path).toLowerCase();
    const prior = byPath.get(key);
    const current = key === p.normalize(host.homedir).toLowerCase();
    byPath.set(key, { path: prior?.path ?? p.normalize(path), current, ...((sid ?? prior?.sid) ? { sid: sid ?? prior?.sid } : {}) });
  };
  add(host.homedir);
  for (const f of folders) add(f);
  for (const r of fromRegistry) {
    if (!isLossy(r.path)) {
      add(r.path, r.sid);
      continue;
    }
    const fits = [...byPath.values()].filter((x) => p.dirname(x.path).toLowerCase() === p.dirname(r.path).toLowerCase() && fitsLossy(p.basename(x.path), p.basename(r.path)));
    if (fits.length === 1) add(fits[0]!.path, r.sid);
  }
  return { profiles: [...byPath.values()], problems, complete: list.ok || listed };
}

/** A profile's roaming AppData: the current user's %APPDATA% (it may be redirected), else the default place. */
export function roamingAppData(host: Host, profile: Profile): string {
  if (profile.current && host.env.APPDATA) return host.env.APPDATA;
  return host.path.join(profile.path, 'AppData', 'Roaming');
}

/** A profile's local AppData. */
export function localAppData(host: Host, profile: Profile): string {
  if (profile.current && host.env.LOCALAPPDATA) return host.env.LOCALAPPDATA;
  return host.path.join(profile.path, 'AppData', 'Local');
}
