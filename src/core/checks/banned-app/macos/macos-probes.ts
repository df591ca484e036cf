import { browserExtensionProbes } from '../browser-extensions';
import { otherHomesWebAppsProbe, webAppsProbe } from '../web-apps';
import { installerFolders, installersProbe } from '../installers';
import { expandHomePaths, leftoversProbe } from '../leftovers';
import type { Probe } from '../probe';
import { appBundlesProbe } from './app-bundles';
import { appBundlesElsewhereProbe } from './app-bundles-elsewhere';
import { launchdProbe } from './launchd';
import { localServerProbe } from './local-server';
import { otherUsersAppBundlesElsewhereProbe, otherUsersAppBundlesProbe, otherUsersInstallersProbe, otherUsersLaunchdProbe, otherUsersLeftoversProbe } from './other-users-probes';
import { macosProcessesProbe } from './processes';
import { receiptsProbe } from './receipts';

/** Leftovers of the current user (`~` = home) and system-wide ones (/Library/...). */
export const macosLeftoversProbe: Probe = leftoversProbe('macos.leftovers', (ctx, app) =>
  expandHomePaths(ctx.host, app.macos.leftovers, [ctx.host.homedir]),
);

/** Installers in the policy's folders under home (~/Downloads, ~/Desktop). */
export const macosInstallersProbe: Probe = installersProbe('macos.installers', async (ctx, app) =>
  installerFolders(ctx.host, [ctx.host.homedir], app.installers.folders),
);

/** Every probe for banned apps on this platform. */
export const macosProbes: readonly Probe[] = [
  appBundlesProbe,
  appBundlesElsewhereProbe,
  receiptsProbe,
  launchdProbe,
  localServerProbe,
  macosProcessesProbe,
  macosInstallersProbe,
  macosLeftoversProbe,
  otherUsersAppBundlesProbe,
  otherUsersAppBundlesElsewhereProbe,
  otherUsersLaunchdProbe,
  otherUsersInstallersProbe,
  otherUsersLeftoversProbe,
  ...browserExtensionProbes,
  webAppsProbe,
  otherHomesWebAppsProbe,
];
