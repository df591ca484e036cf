/** Probes for the app's tarball unpacked in this user's home and in the other users' homes (see tarball.ts). */
import type { Message } from '../../../../shared/finding';
import { otherHomesProbe } from '../other-homes';
import { notApplicable, ran, type Probe } from '../probe';
import { scanHomeForTarballs, TARBALL_MAX_DEPTH, TARBALL_MAX_FOLDERS } from './tarball';

/** Reason when a walk stopped at its bound with nothing found: the rest of the home was not seen. */
export function cutReason(home: string): Message {
  return { key: 'bannedApp:linux.reason.homeTooLarge', params: { path: home, folders: TARBALL_MAX_FOLDERS, depth: TARBALL_MAX_DEPTH } };
}

/** An unpacked tarball in the current user's home. */
export const tarballProbe: Probe = {
  id: 'linux.tarball',
  async run(ctx, app) {
    if (app.linux.tarballFiles.length === 0) return notApplicable('no tarball files in the policy');
    const home = ctx.host.homedir;
    const s = await scanHomeForTarballs(ctx.host, app, home);
    const looked = `${home} (folders to depth ${TARBALL_MAX_DEPTH})`;
    if (s.hits.length > 0) return ran(looked, s.hits);
    if (s.failures.length > 0) return { status: 'unknown', looked, reason: s.failures[0]! };
    if (s.cut) return { status: 'unknown', looked, reason: cutReason(home) };
    return ran(looked, []);
  },
};

/** An unpacked tarball in the other users' homes. */
export const otherUsersTarballProbe: Probe = otherHomesProbe(
  'linux.tarball.other-users',
  (app) => app.linux.tarballFiles.length > 0,
  async (ctx, app, home) => {
    const s = await scanHomeForTarballs(ctx.host, app, home.home);
    return { hits: s.hits, failures: s.cut && s.hits.length === 0 ? [...s.failures, cutReason(home.home)] : s.failures, looked: [home.home] };
  },
);
