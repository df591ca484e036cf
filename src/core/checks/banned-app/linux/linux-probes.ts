import { browserExtensionProbes } from '../browser-extensions';
import { installerFolders, installersProbe } from '../installers';
import { expandHomePaths, leftoversProbe } from '../leftovers';
import type { Probe } from '../probe';
import { dpkgProbe } from './dpkg';
import { flatpakProbe } from './flatpak';
import { installPathsProbe } from './install-paths';
import { otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe } from './other-users-probes';
import { linuxProcessesProbe } from './processes';
import { rpmProbe } from './rpm';
import { snapProbe } from './snap';
import { xdgInstallerFolders } from './user-dirs';

/** Leftovers of the current user (`~` = home) and system-wide ones. */
export const linuxLeftoversProbe: Probe = leftoversProbe('linux.leftovers', (ctx, app) =>
  expandHomePaths(ctx.host, app.linux.leftovers, [ctx.host.homedir]),
);

/** Installers in the policy's folders (Downloads, Desktop) and their localized XDG names. */
export const linuxInstallersProbe: Probe = installersProbe('linux.installers', async (ctx, app) => [
  ...new Set([...installerFolders(ctx.host, [ctx.host.homedir], app.installers.folders), ...(await xdgInstallerFolders(ctx.host))]),
]);

/** Every probe for banned apps on this platform. */
export const linuxProbes: readonly Probe[] = [
  dpkgProbe,
  rpmProbe,
  snapProbe,
  flatpakProbe,
  installPathsProbe,
  linuxProcessesProbe,
  linuxInstallersProbe,
  linuxLeftoversProbe,
  otherUsersFlatpakProbe,
  otherUsersInstallersProbe,
  otherUsersLeftoversProbe,
  ...browserExtensionProbes,
];
