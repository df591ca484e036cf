/**
 * Per-user installs of the app by the OTHER people on this Linux PC: flatpak user installations
 * (~/.local/share/flatpak, which `flatpak list` shows for the caller only), installers in their
 * Downloads/Desktop (and their localized XDG folders) and their leftovers. See other-homes.ts.
 */
import { isHostError } from '../../../host/host';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';
import { originRule, scanInstallers } from '../installers';
import { expandHomePaths, scanLeftovers } from '../leftovers';
import { otherHomesProbe } from '../other-homes';
import type { Probe } from '../probe';
import { flatpakHit } from './flatpak';
import { readDeploy } from './flatpak-deploy';
import { xdgInstallerFolders } from './user-dirs';

/** Flatpak apps of the policy in each other user's default user installation. */
export const otherUsersFlatpakProbe: Probe = otherHomesProbe(
  'linux.flatpak.other-users',
  (app) => app.linux.flatpak.length > 0,
  async (ctx, app, home) => {
    const host = ctx.host;
    const dir = host.path.join(home.home, '.local', 'share', 'flatpak');
    try {
      if ((await host.stat(dir)) === null) return { hits: [], failures: [], looked: [dir] };
      const hits = [];
      for (const id of app.linux.flatpak) {
        const d = await readDeploy(host, dir, id);
        // One identity per user: two people's copies are two installs, each removed by its owner.
        if (d) hits.push({ ...flatpakHit(id, 'user', d.version ?? '', 'user', d.path), install: `flatpak:user:${home.user}:${id}`, source: `flatpak ${id} (user ${home.user})` });
      }
      return { hits, failures: [], looked: [dir] };
    } catch (e) {
      if (isHostError(e) && e.code === 'not-found') return { hits: [], failures: [], looked: [dir] };
      return { hits: [], failures: [readFailure(e instanceof Error ? e : new Error(errorText(e)), dir)], looked: [dir] };
    }
  },
);

/** Installers in each other user's Downloads and Desktop, and the folders their user-dirs.dirs names. */
export const otherUsersInstallersProbe: Probe = otherHomesProbe(
  'linux.installers.other-users',
  (app) => app.installers.filePatterns.length > 0 && app.installers.folders.length > 0,
  async (ctx, app, home) => {
    const host = ctx.host;
    const xdg = await xdgInstallerFolders(host, home.home);
    const folders = [...new Set([...app.installers.folders.map((f) => host.path.join(home.home, f)), ...xdg.folders])];
    const scan = await scanInstallers(host, folders, app.installers.filePatterns, originRule(app));
    return { hits: scan.hits, failures: [...(xdg.failure ? [xdg.failure] : []), ...scan.failures], looked: folders };
  },
);

/** The policy's per-user leftovers (`~/…`) in each other user's home. */
export const otherUsersLeftoversProbe: Probe = otherHomesProbe(
  'linux.leftovers.other-users',
  (app) => app.linux.leftovers.some((p) => p.startsWith('~')),
  async (ctx, app, home) => {
    const paths = expandHomePaths(ctx.host, app.linux.leftovers.filter((p) => p.startsWith('~')), [home.home]);
    return { ...(await scanLeftovers(ctx.host, paths)), looked: paths };
  },
);
