/**
 * The home folders of the OTHER people on this Mac or Linux PC, so per-user installs of every user are
 * found, as the Windows probes do for every profile. macOS: the folders under /Users (Shared, Guest and
 * dot-folders left out). Linux: people's accounts in /etc/passwd (uid 1000..65533 with a login shell,
 * home present), plus root's home when we run as root. Read once per check run.
 */
import type { Message } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import type { BannedApp } from '../../policy/policy-schema';
import { trimTrailing } from '../../text/trim-trailing';
import { errorText, type CheckContext } from '../check';
import { garbled, readFailure } from '../reasons';
import { lookedAt } from './leftovers';
import { isPerson, parsePasswd } from './linux/passwd-parse';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from './probe';

/** Another user's home folder. */
export interface OtherHome {
  /** The user name (the account name on Linux, the folder name on macOS). */
  readonly user: string;
  readonly home: string;
}

/** The other homes, and whether we may expect to read them. */
export interface HomeList {
  readonly homes: readonly OtherHome[];
  /** Why the list may miss someone (user database unreadable or garbled); null when complete. */
  readonly problem: Message | null;
  /** We run as root: an unreadable home is then a failure, not another person's privacy. */
  readonly privileged: boolean;
}

/** The user database of Linux; ATTT_SELFCHECK_PASSWD_FILE replaces it (tests, an offline image). */
export function passwdFile(host: Host): string {
  return host.env.ATTT_SELFCHECK_PASSWD_FILE || '/etc/passwd';
}

/** The folder of macOS homes; ATTT_SELFCHECK_USERS_DIR replaces it (tests, an offline image). */
export function usersDir(host: Host): string {
  return host.env.ATTT_SELFCHECK_USERS_DIR || '/Users';
}

/** macOS folders under /Users that are nobody's home. */
const NOT_MAC_HOMES = new Set(['shared', 'guest', 'deleted users']);

/** True when the process runs as root (`id -u` says 0); false when it says otherwise or cannot tell. */
export async function runsAsRoot(host: Host): Promise<boolean> {
  const r = await host.run(['id', '-u'], { timeoutMs: 5_000 });
  return r.exitCode === 0 && r.stdout.trim() === '0';
}

function sameFolder(host: Host, a: string, b: string): boolean {
  const n = (p: string): string => trimTrailing(host.path.normalize(p), '/').normalize('NFC');
  return n(a) === n(b);
}

async function linuxHomes(host: Host, privileged: boolean): Promise<{ homes: OtherHome[]; problem: Message | null }> {
  const file = passwdFile(host);
  let text: string;
  try {
    // The system's user database (or the one IT names): root's file, so a link is followed.
    text = await host.readText(file, { maxBytes: 8 * 1024 * 1024, links: 'follow' });
  } catch (e) {
    // No user database at all (a bare container): nobody else to look for.
    if (isHostError(e) && e.code === 'not-found') return { homes: [], problem: null };
    return { homes: [], problem: readFailure(e instanceof Error ? e : new Error(errorText(e)), file) };
  }
  const parsed = parsePasswd(text);
  const problem = parsed.bad.length > 0 || parsed.entries.length === 0 ? garbled(file, parsed.bad[0] ?? text) : null;
  const homes: OtherHome[] = [];
  for (const e of parsed.entries) {
    if (!isPerson(e) && !(privileged && e.uid === 0)) continue;
    try {
      if ((await host.stat(e.home)) === null) continue; // an account without a home folder
    } catch {
      // Cannot even stat it: keep it, so that the probe says so.
    }
    homes.push({ user: e.name, home: e.home });
  }
  return { homes, problem };
}

async function macHomes(host: Host): Promise<{ homes: OtherHome[]; problem: Message | null }> {
  const dir = usersDir(host);
  try {
    const entries = await host.list(dir);
    const homes = entries
      .filter((e) => (e.type === 'dir' || e.type === 'symlink') && !e.name.startsWith('.') && !NOT_MAC_HOMES.has(e.name.toLowerCase()))
      .map((e) => ({ user: e.name.normalize('NFC'), home: host.path.join(dir, e.name) }));
    return { homes, problem: null };
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { homes: [], problem: null };
    return { homes: [], problem: readFailure(e instanceof Error ? e : new Error(errorText(e)), dir) };
  }
}

/** Lists the other users' homes (never the current user's own, never twice). */
export async function listOtherHomes(host: Host): Promise<HomeList> {
  if (host.platform === 'win32') return { homes: [], problem: null, privileged: false };
  const privileged = await runsAsRoot(host);
  const found = host.platform === 'darwin' ? await macHomes(host) : await linuxHomes(host, privileged);
  const homes: OtherHome[] = [];
  for (const h of found.homes) {
    if (sameFolder(host, h.home, host.homedir) || homes.some((x) => sameFolder(host, x.home, h.home))) continue;
    homes.push(h);
  }
  return { homes, problem: found.problem, privileged };
}

/** One list per run: the engine gives every run its own context object. */
const cache = new WeakMap<CheckContext, Promise<HomeList>>();

/** The other homes of this run (listed on first use). */
export function otherHomes(ctx: CheckContext): Promise<HomeList> {
  let list = cache.get(ctx);
  if (!list) cache.set(ctx, (list = listOtherHomes(ctx.host)));
  return list;
}

/** What a scan of one home saw: hits, failures (as reasons) and the paths it looked at. */
export interface HomeScan {
  readonly hits: readonly Hit[];
  readonly failures: readonly Message[];
  readonly looked: readonly string[];
}

/** A hit found in another user's home: its evidence names that user and the home (removal leaves it to them). */
export function foundInHome(hit: Hit, home: OtherHome): Hit {
  return { ...hit, evidence: { ...hit.evidence, data: { ...hit.evidence.data, user: home.user, home: home.home } } };
}

const isPermission = (m: Message): boolean => m.key === 'common:reason.permission';

/** Reason for a home that root could not read (on macOS: privacy protection without Full Disk Access). */
function unreadableAsRoot(home: OtherHome, path: string): Message {
  return { key: 'bannedApp:otherUsers.reason.unreadableAsAdmin', params: { user: home.user, path } };
}

/**
 * A probe that runs `scanHome` in every other user's home. A home (or a folder in it) we may not read is,
 * for a normal user, another person's private folder: counted in `looked` as "not readable as this user",
 * never an unknown. Run as root, it should have been readable: then it is a failure with the reason.
 */
export function otherHomesProbe(
  id: string,
  applies: (app: BannedApp) => boolean,
  scanHome: (ctx: CheckContext, app: BannedApp, home: OtherHome) => Promise<HomeScan>,
): Probe {
  return {
    id,
    async run(ctx, app): Promise<ProbeResult> {
      if (!applies(app)) return notApplicable('nothing per-user in the policy for this platform');
      const list = await otherHomes(ctx);
      if (list.homes.length === 0 && !list.problem) return notApplicable('no other user homes');
      const hits: Hit[] = [];
      const failures: Message[] = list.problem ? [list.problem] : [];
      const looked: string[] = [];
      const closed = new Set<string>();
      for (const home of list.homes) {
        try {
          await ctx.host.list(home.home);
        } catch (e) {
          if (isHostError(e) && e.code === 'not-found') continue;
          const reason = readFailure(e instanceof Error ? e : new Error(errorText(e)), home.home);
          looked.push(home.home);
          if (!isPermission(reason)) failures.push(reason);
          else if (list.privileged) failures.push(unreadableAsRoot(home, home.home));
          else closed.add(home.user);
          continue;
        }
        const s = await scanHome(ctx, app, home);
        looked.push(...s.looked);
        hits.push(...s.hits.map((h) => foundInHome(h, home)));
        for (const f of s.failures) {
          if (!isPermission(f)) failures.push(f);
          else if (list.privileged) failures.push(unreadableAsRoot(home, String(f.params?.path ?? home.home)));
          else closed.add(home.user);
        }
      }
      const text = `${lookedAt(looked) || "other users' homes"}${closed.size ? `; not readable as this user: ${[...closed].join(', ')}` : ''}`;
      // Hits win: a failure elsewhere does not hide what was found.
      if (hits.length > 0 || failures.length === 0) return ran(text, hits);
      return { status: 'unknown', looked: text, reason: failures[0]! };
    },
  };
}
