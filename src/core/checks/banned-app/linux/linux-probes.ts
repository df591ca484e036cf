import { browserExtensionProbes } from '../browser-extensions';
import { otherHomesWebAppsProbe, webAppsProbe } from '../web-apps';
import { installerFolders, installersProbe, type FolderList } from '../installers';
import { expandHomePaths, leftoversProbe } from '../leftovers';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import type { Probe } from '../probe';
import { autostartProbe, desktopEntriesProbe, otherUsersEntriesProbe } from './desktop-entries';
import { dpkgProbe } from './dpkg';
import { flatpakProbe } from './flatpak';
import { installPathsProbe } from './install-paths';
import { otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe } from './other-users-probes';
import { linuxProcessesProbe } from './processes';
import { rpmProbe } from './rpm';
import { snapProbe } from './snap';
import { otherUsersTarballProbe, tarballProbe } from './tarball-probes';
import { otherUsersUrlHandlersProbe, urlHandlersProbe } from './url-handlers';
import { xdgInstallerFolders } from './user-dirs';

/** Leftovers of the current user (`~` = home) and system-wide ones. */
export const linuxLeftoversProbe: Probe = leftoversProbe('linux.leftovers', (ctx, app) =>
  expandHomePaths(ctx.host, app.linux.leftovers, [ctx.host.homedir]),
);

/**
 * The current user's installer folders: the policy's (Downloads, Desktop) and their localized XDG
 * names ("Tải về"), with why user-dirs.dirs could not be read when it could not.
 */
export async function linuxInstallerFolders(ctx: CheckContext, app: BannedApp): Promise<FolderList> {
  const xdg = await xdgInstallerFolders(ctx.host);
  return { folders: [...new Set([...installerFolders(ctx.host, [ctx.host.homedir], app.installers.folders), ...xdg.folders])], failures: xdg.failure ? [xdg.failure] : [] };
}

/** Installers in the current user's installer folders. */
export const linuxInstallersProbe: Probe = installersProbe('linux.installers', linuxInstallerFolders);

/** Every probe for banned apps on this platform. */
export const linuxProbes: readonly Probe[] = [
  dpkgProbe,
  rpmProbe,
  snapProbe,
  flatpakProbe,
  installPathsProbe,
  tarballProbe,
  linuxProcessesProbe,
  desktopEntriesProbe,
  autostartProbe,
  urlHandlersProbe,
  linuxInstallersProbe,
  linuxLeftoversProbe,
  otherUsersFlatpakProbe,
  otherUsersTarballProbe,
  otherUsersEntriesProbe,
  otherUsersUrlHandlersProbe,
  otherUsersInstallersProbe,
  otherUsersLeftoversProbe,
  ...browserExtensionProbes,
  webAppsProbe,
  otherHomesWebAppsProbe,
];
