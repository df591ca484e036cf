/**
 * Whose home `$HOME` is. Run as root through `sudo -E` (or a sudo that keeps HOME, as older Ubuntu and macOS do),
 * `$HOME` is the person's: taken for our own, root would plan `flatpak uninstall --user` on their installation
 * and treat every file there as its own. The home is ours only when the effective user owns it; otherwise our
 * home is the one the user database gives our account (root's `/root`), and the person's home is another
 * user's, found (and left to them) as every other home is.
 */

/** What decides the current user's home. */
export interface HomeFacts {
  /** `$HOME` (or what Node's os.homedir() answers). */
  readonly envHome: string;
  /** The process's effective uid; undefined where there is none (Windows). */
  readonly euid: number | undefined;
  /** The uid owning `envHome`; null when it does not exist or cannot be read. */
  readonly homeOwner: number | null;
  /** The home the user database gives the effective user (os.userInfo()); undefined when it has no entry. */
  readonly accountHome: string | undefined;
}

/** The current user's home, and whether `$HOME` was someone else's (then `home` is the account's own). */
export interface OwnHome {
  readonly home: string;
  readonly borrowed: boolean;
}

/** Root's home when the user database has no entry for uid 0. */
const ROOT_HOME = '/root';

/** Decides the current user's home from who owns `$HOME`, never from `$HOME` alone. */
export function ownHome(f: HomeFacts): OwnHome {
  // No uids (Windows), or nothing at $HOME to act on: $HOME as it is.
  if (f.euid === undefined || f.homeOwner === null || f.homeOwner === f.euid) return { home: f.envHome, borrowed: false };
  const account = f.accountHome && f.accountHome !== f.envHome ? f.accountHome : f.euid === 0 ? ROOT_HOME : undefined;
  // A user without an entry of their own keeps $HOME: without rights over another's files it cannot act on them.
  return account ? { home: account, borrowed: true } : { home: f.envHome, borrowed: false };
}

/** Variables that name folders of the home they were set for (the person's, when `$HOME` was borrowed). */
export const HOME_FOLDER_VARIABLES = ['XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'] as const;

/** The environment for our own home: HOME set to it, the person's XDG base folders dropped (programs we run see our home). */
export function envForOwnHome(env: Readonly<Record<string, string | undefined>>, own: OwnHome): Record<string, string | undefined> {
  if (!own.borrowed) return { ...env };
  const out: Record<string, string | undefined> = { ...env, HOME: own.home };
  for (const v of HOME_FOLDER_VARIABLES) delete out[v];
  return out;
}
