/**
 * Per-user installs of the app by the OTHER people on this Mac: its bundle in ~/Applications (by name or bundle id),
 * a copy in their Downloads/Desktop (by bundle id), its launch agents in ~/Library/LaunchAgents, installers in their
 * Downloads/Desktop and their leftovers, in every
 * home under /Users. See other-homes.ts for whose homes and what an unreadable one means.
 */
import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';
import { installerFolders, originRule, scanInstallers } from '../installers';
import { expandHomePaths, scanLeftovers } from '../leftovers';
import { otherHomesProbe, type HomeScan } from '../other-homes';
import type { Hit, Probe } from '../probe';
import { bundlesIn } from './app-bundles';
import { jobsIn } from './launchd';

/** Scans one folder of a home; a folder that does not exist is simply not there. */
async function inFolder(host: Host, dir: string, scan: () => Promise<Hit[]>): Promise<HomeScan> {
  try {
    return { hits: await scan(), failures: [], looked: [dir] };
  } catch (e) {
    const failures: Message[] = isHostError(e) && e.code === 'not-found' ? [] : [readFailure(e instanceof Error ? e : new Error(errorText(e)), dir)];
    return { hits: [], failures, looked: [dir] };
  }
}

/** The app's bundle (or a renamed copy with its bundle id) in each other user's ~/Applications. */
export const otherUsersAppBundlesProbe: Probe = otherHomesProbe(
  'macos.app-bundles.other-users',
  (app) => app.macos.appNames.length > 0 || app.macos.bundleIds.length > 0,
  (ctx, app, home) => {
    const dir = ctx.host.path.join(home.home, 'Applications');
    return inFolder(ctx.host, dir, () => bundlesIn(ctx.host, dir, 'user', app));
  },
);

/** A copy of the app in each other user's `appFolders` (Downloads, Desktop), by bundle id only, as for ours. */
export const otherUsersAppBundlesElsewhereProbe: Probe = otherHomesProbe(
  'macos.app-bundles.elsewhere.other-users',
  (app) => app.macos.bundleIds.length > 0 && app.macos.appFolders.length > 0,
  async (ctx, app, home) => {
    const scans = await Promise.all(
      expandHomePaths(ctx.host, app.macos.appFolders, [home.home]).map((dir) =>
        inFolder(ctx.host, dir, async () => (await bundlesIn(ctx.host, dir, 'user', app, true)).map((h) => ({ ...h, title: { key: 'bannedApp:form.app-bundle-elsewhere', params: { app: app.name } } }))),
      ),
    );
    return { hits: scans.flatMap((s) => s.hits), failures: scans.flatMap((s) => s.failures), looked: scans.flatMap((s) => s.looked) };
  },
);

/** The app's launch agents in each other user's ~/Library/LaunchAgents (one identity per user and label). */
export const otherUsersLaunchdProbe: Probe = otherHomesProbe(
  'macos.launchd.other-users',
  (app) => app.macos.launchdLabelPrefixes.length > 0,
  (ctx, app, home) => {
    const dir = ctx.host.path.join(home.home, 'Library', 'LaunchAgents');
    const prefixes = app.macos.launchdLabelPrefixes.map((p) => p.toLowerCase());
    return inFolder(ctx.host, dir, async () =>
      (await jobsIn(ctx.host, dir, 'user', prefixes)).map((h) => ({ ...h, install: `launchd:user:${home.user}:${h.evidence.data?.label ?? h.source}` })),
    );
  },
);

/** Installers in each other user's Downloads and Desktop. */
export const otherUsersInstallersProbe: Probe = otherHomesProbe(
  'macos.installers.other-users',
  (app) => app.installers.filePatterns.length > 0 && app.installers.folders.length > 0,
  async (ctx, app, home) => {
    const folders = installerFolders(ctx.host, [home.home], app.installers.folders);
    return { ...(await scanInstallers(ctx.host, folders, app.installers.filePatterns, originRule(app))), looked: folders };
  },
);

/** The policy's per-user leftovers (`~/…`) in each other user's home. */
export const otherUsersLeftoversProbe: Probe = otherHomesProbe(
  'macos.leftovers.other-users',
  (app) => app.macos.leftovers.some((p) => p.startsWith('~')),
  async (ctx, app, home) => {
    const paths = expandHomePaths(ctx.host, app.macos.leftovers.filter((p) => p.startsWith('~')), [home.home]);
    return { ...(await scanLeftovers(ctx.host, paths)), looked: paths };
  },
);
