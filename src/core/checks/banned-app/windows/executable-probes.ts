/**
 * The app's program files on disk: `%APPDATA%\…` (`profileExecutables`) in every profile and
 * `Program Files\…` (`programFilesExecutables`) in both Program Files folders. A file found beside its own
 * Uninstall key is the same install (one finding); a file with no key is still an installed copy.
 */
import type { Message } from '../../../../shared/finding';
import type { EvidenceData } from '../../../../shared/evidence-data';
import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { trimTrailing } from '../../../text/trim-trailing';
import { errorText, type CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { lookedAt, scanResult } from '../leftovers';
import { notApplicable, type Hit, type Probe } from '../probe';
import { identifyWindowsExe } from './exe-identity';
import { expandEnv, profileUser, roamingAppData, type Profile } from './profiles';
import type { RootScan, UninstallEntry } from './uninstall-entries';
import { entryIdentity } from './uninstall-entries';
import { matchedEntries, REGISTRY_REMEDIATION } from './uninstall-probes';
import { matchUninstall } from './uninstall-match';
import { windowsScan } from './windows-scan';

/** One executable to look for, and the install folder it belongs to. */
interface Target {
  readonly exe: string;
  readonly installDir: string;
  readonly profile?: Profile;
  /** The matched Uninstall entries of the same scope (that user's hive, or the machine's). */
  readonly entries: readonly UninstallEntry[];
}

const lower = (s: string | undefined): string => trimTrailing((s ?? '').toLowerCase(), '\\/');

/** `user` for another person's profile (the current user's and the machine's have none). */
function userOf(profile: Profile | undefined): { user?: string } {
  const user = profile && !profile.current ? profileUser(profile) : undefined;
  return user ? { user } : {};
}

/**
 * The Uninstall entry an executable belongs to: the one whose DisplayIcon/uninstaller names the file or
 * whose InstallLocation is its folder; failing that, the only entry of that scope without a path of its own.
 */
export function entryOwning(app: BannedApp, exe: string, installDir: string, entries: readonly UninstallEntry[]): UninstallEntry | undefined {
  const dir = lower(installDir);
  const score = (e: UninstallEntry): number => {
    if ([e.displayIcon, e.uninstallString, e.quietUninstallString].some((s) => lower(s).includes(exe.toLowerCase()))) return 3;
    if (lower(e.installLocation) === dir) return 2;
    if ([e.displayIcon, e.uninstallString, e.quietUninstallString, e.installLocation].some((s) => lower(s).includes(`${dir}\\`))) return 1;
    return 0;
  };
  const ranked = entries.map((e) => [score(e), e] as const).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
  if (ranked.length > 0) {
    const best = ranked.filter(([s]) => s === ranked[0]![0]).map(([, e]) => e);
    return best.find((e) => matchUninstall(app, e) === 'keyName') ?? best[0];
  }
  const pathless = entries.filter((e) => !/[a-z]:\\|\\\\/i.test([e.displayIcon, e.installLocation, e.uninstallString].join(' ').replace(/msiexec(\.exe)?/gi, '')));
  return pathless.length === 1 ? pathless[0] : undefined;
}

async function scanTargets(host: Host, app: BannedApp, targets: readonly Target[]): Promise<{ hits: Hit[]; failures: Message[]; others: string[] }> {
  const hits: Hit[] = [];
  const failures: Message[] = [];
  const others: string[] = [];
  for (const t of targets) {
    try {
      const st = await host.stat(t.exe);
      if (!st || st.type === 'dir') continue;
      // Found by its path; its version resource says whose it is. Another company's program is not the app.
      const id = await identifyWindowsExe(host, app, t.exe);
      if (id.is === 'other') {
        others.push(`${t.exe} is ${id.info.productName ?? 'a program'} of ${id.info.companyName}`);
        continue;
      }
      const entry = entryOwning(app, t.exe, t.installDir, t.entries);
      const who: EvidenceData = id.is === 'app' ? { identity: 'version', ...(id.info.companyName ? { companyName: id.info.companyName } : {}), ...(id.info.productName ? { productName: id.info.productName } : {}) } : { identity: 'unconfirmed' };
      const data: EvidenceData = { scope: t.profile ? 'user' : 'machine', size: String(st.size), ...(t.profile ? { profile: t.profile.path } : {}), ...(t.profile?.sid ? { sid: t.profile.sid } : {}), ...userOf(t.profile), ...who };
      hits.push({
        kind: 'installed',
        install: entry ? entryIdentity(entry) : `file:${t.exe}`,
        source: t.exe,
        ...(entry ? { remediation: REGISTRY_REMEDIATION } : {}),
        evidence: { kind: 'file', path: t.exe, detail: `file ${t.exe}`, label: { key: 'bannedApp:evidence.file', params: { path: t.exe } }, data },
      });
    } catch (e) {
      failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), t.exe));
    }
  }
  return { hits, failures, others };
}

/** The `looked` text, with the programs that were found and are another company's. */
function lookedText(targets: readonly Target[], others: readonly string[]): string {
  return `${lookedAt(targets.map((t) => t.exe))}${others.length ? `; not the app: ${others.join('; ')}` : ''}`;
}

function profileTargets(host: Host, app: BannedApp, profiles: readonly Profile[], scans: readonly RootScan[]): Target[] {
  return profiles.flatMap((profile) => {
    const mine = scans.filter((s) => (profile.current ? s.root.hive === 'HKCU' : !!profile.sid && s.root.sid?.toLowerCase() === profile.sid.toLowerCase()));
    const entries = matchedEntries(app, mine);
    const base = roamingAppData(host, profile);
    return app.windows.profileExecutables.map((rel) => ({ exe: host.path.join(base, rel), installDir: host.path.join(base, rel.split(/[\\/]/)[0]!), profile, entries }));
  });
}

function profileProbe(id: string, current: boolean): Probe {
  return {
    id,
    async run(ctx: CheckContext, app: BannedApp) {
      if (app.windows.profileExecutables.length === 0) return notApplicable('no per-user executables in the policy');
      const scan = windowsScan(ctx);
      const set = await scan.profiles();
      const profiles = set.profiles.filter((p) => p.current === current);
      const scans = current ? [await scan.currentUser()] : await scan.otherUsers();
      const targets = profileTargets(ctx.host, app, profiles, scans);
      const result = await scanTargets(ctx.host, app, targets);
      // Without ProfileList and without a listing of the profiles folder, other users were not looked at.
      const failures = current || set.complete ? result.failures : [...result.failures, ...set.problems];
      if (!current && targets.length === 0 && failures.length === 0) return notApplicable('no other user profiles');
      return scanResult(lookedText(targets, result.others), { hits: result.hits, failures });
    },
  };
}

/** The app's program in the current user's %APPDATA%. */
export const currentProfileExecutableProbe = profileProbe('windows.files.current-user', true);

/** The app's program in every other profile's AppData\Roaming (needs administrator rights to read). */
export const otherProfilesExecutableProbe = profileProbe('windows.files.other-users', false);

/** Both Program Files folders (64- and 32-bit), from the environment, else the usual places. */
export function programFilesFolders(host: Host): string[] {
  const env = new Map(Object.entries(host.env).map(([k, v]) => [k.toLowerCase(), v]));
  const found = ['programfiles', 'programfiles(x86)', 'programw6432'].map((k) => env.get(k)).filter((v): v is string => !!v);
  const drive = expandEnv(host, '%SystemDrive%');
  const all = found.length ? found : [`${drive}\\Program Files`, `${drive}\\Program Files (x86)`];
  const seen = new Set<string>();
  return all.filter((p) => !seen.has(p.toLowerCase()) && !!seen.add(p.toLowerCase()));
}

/** The app's program under Program Files (a per-machine install), grouped with its HKLM key. */
export const programFilesExecutableProbe: Probe = {
  id: 'windows.files.program-files',
  async run(ctx, app) {
    if (app.windows.programFilesExecutables.length === 0) return notApplicable('no Program Files executables in the policy');
    const scan = windowsScan(ctx);
    const entries = matchedEntries(app, [await scan.machine(64), await scan.machine(32)]);
    const host = ctx.host;
    const targets = programFilesFolders(host).flatMap((base) =>
      app.windows.programFilesExecutables.map((rel) => ({ exe: host.path.join(base, rel), installDir: host.path.join(base, rel.split(/[\\/]/)[0]!), entries })),
    );
    const result = await scanTargets(host, app, targets);
    return scanResult(lookedText(targets, result.others), result);
  },
};
