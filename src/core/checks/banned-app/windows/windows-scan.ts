/**
 * What every Windows probe shares within one check run: the profiles, the loaded user hives and each
 * Uninstall root, each read once (one `reg query /s` per root) however many probes and apps ask.
 */
import type { Message } from '../../../../shared/finding';
import type { CheckContext } from '../../check';
import { queryKey, type RegView } from '../../../windows/reg-query';
import { findProfiles, isServiceSid, profileUser, type ProfileSet } from './profiles';
import { rootFingerprint, scanRoot, UNINSTALL_SUBPATH, type RootScan, type UninstallRoot } from './uninstall-entries';

/** Loaded user hives under HKEY_USERS (service SIDs and `_Classes` left out), or why they could not be listed. */
export type UserHives = { readonly ok: true; readonly sids: readonly string[] } | { readonly ok: false; readonly reason: Message };

/** Lazily read, shared facts of one run. */
export interface WindowsScan {
  profiles(): Promise<ProfileSet>;
  userHives(): Promise<UserHives>;
  /** The current user's SID, when ProfileList or the hive contents tell it. */
  currentSid(): Promise<string | undefined>;
  machine(view: RegView): Promise<RootScan>;
  currentUser(): Promise<RootScan>;
  /** Uninstall roots of the other loaded users (never the current user's own hive twice). */
  otherUsers(): Promise<readonly RootScan[]>;
}

const MACHINE_KEYS: Readonly<Record<RegView, string>> = {
  64: `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall`,
  // Queried by its path in the 64-bit view rather than with /reg:32: the same place, and one spelling in evidence.
  32: `HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall`,
};

/** One scan per run: the engine gives every run its own context object (see runChecks). */
const cache = new WeakMap<CheckContext, WindowsScan>();

/** The shared scan of this run (created on first use). */
export function windowsScan(ctx: CheckContext): WindowsScan {
  let scan = cache.get(ctx);
  if (!scan) cache.set(ctx, (scan = createScan(ctx)));
  return scan;
}

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function createScan(ctx: CheckContext): WindowsScan {
  const host = ctx.host;
  const profiles = once(() => findProfiles(host));
  const userHives = once(async (): Promise<UserHives> => {
    const r = await queryKey(host, 'HKU');
    if (!r.ok) return r;
    const sids = r.keys.map((k) => k.path.split('\\')[1] ?? '').filter((s) => s !== '' && !isServiceSid(s));
    return { ok: true, sids: [...new Set(sids)] };
  });
  const machine = { 64: once(() => scanRoot(host, { key: MACHINE_KEYS[64], hive: 'HKLM', view: 64, scope: 'machine' })), 32: once(() => scanRoot(host, { key: MACHINE_KEYS[32], hive: 'HKLM', view: 32, scope: 'machine' })) };
  const sidFromProfiles = once(async () => (await profiles()).profiles.find((p) => p.current)?.sid);
  const rawCurrentUser = once(() => scanRoot(host, { key: `HKEY_CURRENT_USER\\${UNINSTALL_SUBPATH}`, hive: 'HKCU', view: 64, scope: 'user' }));
  const userRoots = once(async (): Promise<readonly RootScan[]> => {
    const hives = await userHives();
    if (!hives.ok) {
      const root: UninstallRoot = { key: `HKEY_USERS\\*\\${UNINSTALL_SUBPATH}`, hive: 'HKU', view: 64, scope: 'user' };
      return [{ root, ok: false, reason: hives.reason }];
    }
    const known = (await profiles()).profiles;
    return Promise.all(
      hives.sids.map((sid) => {
        // Named as the person knows it (the profile folder), never by the SID.
        const user = profileUser(known.find((p) => !p.current && p.sid?.toLowerCase() === sid.toLowerCase()));
        return scanRoot(host, { key: `HKEY_USERS\\${sid}\\${UNINSTALL_SUBPATH}`, hive: `HKU\\${sid}`, view: 64, scope: 'user', sid, ...(user ? { user } : {}) });
      }),
    );
  });
  const currentSid = once(async (): Promise<string | undefined> => {
    const known = await sidFromProfiles();
    if (known) return known;
    // ProfileList did not name the current profile: the loaded hive with the same content as HKCU is ours.
    const mine = rootFingerprint(await rawCurrentUser());
    if (mine === undefined) return undefined;
    const same = (await userRoots()).filter((s) => s.root.sid && rootFingerprint(s) === mine);
    return same.length === 1 ? same[0]!.root.sid : undefined;
  });
  const currentUser = once(async (): Promise<RootScan> => {
    const [scan, sid] = await Promise.all([rawCurrentUser(), currentSid()]);
    if (!sid) return scan;
    const root = { ...scan.root, sid };
    return scan.ok ? { ...scan, root, entries: scan.entries.map((e) => ({ ...e, root })) } : { ...scan, root };
  });
  const otherUsers = once(async (): Promise<readonly RootScan[]> => {
    const [all, sid] = await Promise.all([userRoots(), currentSid()]);
    const mine = rootFingerprint(await rawCurrentUser());
    return all.filter((s) => {
      if (!s.root.sid) return true;
      if (sid) return s.root.sid.toLowerCase() !== sid.toLowerCase();
      // Unknown SID: a hive identical to HKCU is HKCU itself (same install, counted once).
      return mine === undefined || rootFingerprint(s) !== mine;
    });
  });
  return { profiles, userHives, currentSid, machine: (view) => machine[view](), currentUser, otherUsers };
}
