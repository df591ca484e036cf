/**
 * Installers in each profile's Downloads and Desktop, and leftovers (`windows.leftovers`) of a removed
 * app, in the current profile and in every other one. Reuses the platform-neutral scanners.
 */
import type { Host } from '../../../host/host';
import { trimTrailing } from '../../../text/trim-trailing';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { installersProbe } from '../installers';
import { lookedAt, scanLeftovers, scanResult } from '../leftovers';
import { notApplicable, type Hit, type Probe } from '../probe';
import { expandEnv, localAppData, profileUser, roamingAppData, type Profile } from './profiles';
import { matchedEntries } from './uninstall-probes';
import { windowsScan } from './windows-scan';

async function profilesOf(ctx: CheckContext, current: boolean): Promise<readonly Profile[]> {
  return (await windowsScan(ctx).profiles()).profiles.filter((p) => p.current === current);
}

/** The probe, its hits in another person's profile carrying that person's account name (`user`). */
function namingUsers(probe: Probe): Probe {
  return {
    id: probe.id,
    async run(ctx, app) {
      const r = await probe.run(ctx, app);
      if (r.status !== 'ran') return r;
      const others = await profilesOf(ctx, false);
      const within = (path: string, p: Profile): boolean => path.toLowerCase().startsWith(`${trimTrailing(p.path.toLowerCase(), '\\/')}\\`);
      const hits = r.hits.map((h): Hit => {
        const path = h.evidence.path;
        const user = path ? profileUser(others.find((p) => within(path, p))) : undefined;
        return user ? { ...h, evidence: { ...h.evidence, data: { ...h.evidence.data, user } } } : h;
      });
      return { ...r, hits };
    },
  };
}

/** The folders installers are looked for in: each profile's (Downloads, Desktop), and Public's with the current user. */
function installerFolders(host: Host, app: BannedApp, profiles: readonly Profile[], withPublic: boolean): string[] {
  const homes = profiles.map((p) => p.path);
  if (withPublic) homes.push(host.env.PUBLIC ?? host.path.join(host.path.dirname(host.homedir), 'Public'));
  return [...new Set(homes.flatMap((h) => app.installers.folders.map((f) => host.path.join(h, f))))];
}

/** Installers in the current user's (and Public) Downloads and Desktop. */
export const currentUserInstallersProbe: Probe = installersProbe('windows.installers.current-user', async (ctx, app) => installerFolders(ctx.host, app, await profilesOf(ctx, true), true));

/** Installers in the other profiles' Downloads and Desktop. */
export const otherUsersInstallersProbe: Probe = namingUsers(installersProbe('windows.installers.other-users', async (ctx, app) => installerFolders(ctx.host, app, await profilesOf(ctx, false), false)));

/** A leftover pattern expanded for one profile (%APPDATA%, %LOCALAPPDATA%, %USERPROFILE%, then machine variables). */
export function expandForProfile(host: Host, pattern: string, profile: Profile): string | undefined {
  const own: Record<string, string> = { appdata: roamingAppData(host, profile), localappdata: localAppData(host, profile), userprofile: profile.path };
  const expanded = expandEnv(host, pattern.replace(/%(appdata|localappdata|userprofile)%/gi, (_all, n: string) => own[n.toLowerCase()]!));
  return expanded.includes('%') ? undefined : expanded;
}

/** Whether the app is still installed for this profile (its key, or its program file): then its data is not a leftover. */
async function installedFor(ctx: CheckContext, app: BannedApp, profile: Profile): Promise<boolean> {
  const scan = windowsScan(ctx);
  if (matchedEntries(app, [await scan.machine(64), await scan.machine(32)]).length > 0) return true;
  const roots = profile.current ? [await scan.currentUser()] : (await scan.otherUsers()).filter((s) => !!profile.sid && s.root.sid?.toLowerCase() === profile.sid.toLowerCase());
  if (matchedEntries(app, roots).length > 0) return true;
  for (const rel of app.windows.profileExecutables) {
    try {
      if (await ctx.host.stat(ctx.host.path.join(roamingAppData(ctx.host, profile), rel))) return true;
    } catch {
      return true; // Could not look: do not call its data left over.
    }
  }
  return false;
}

function leftoverProbe(id: string, current: boolean): Probe {
  return {
    id,
    async run(ctx, app) {
      if (app.windows.leftovers.length === 0) return notApplicable('no leftovers in the policy');
      const paths: string[] = [];
      for (const profile of await profilesOf(ctx, current)) {
        if (await installedFor(ctx, app, profile)) continue;
        for (const pattern of app.windows.leftovers) {
          const path = expandForProfile(ctx.host, pattern, profile);
          if (path) paths.push(path);
        }
      }
      if (paths.length === 0) return notApplicable(current ? 'the app is installed: its data is not left over' : 'no other profile to look in');
      return scanResult(lookedAt(paths), await scanLeftovers(ctx.host, [...new Set(paths)]));
    },
  };
}

/** Leftovers in the current profile after the app was removed. */
export const currentUserLeftoversProbe = leftoverProbe('windows.leftovers.current-user', true);

/** Leftovers in other profiles. */
export const otherUsersLeftoversProbe = namingUsers(leftoverProbe('windows.leftovers.other-users', false));
