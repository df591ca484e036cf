/**
 * A copy of the app outside the Applications folders: a copy of the bundle left in Downloads or on the Desktop
 * (the policy's `macos.appFolders`), which still runs when opened. Recognised by its bundle id only
 * (CFBundleIdentifier, one of `macos.bundleIds`): any other bundle of that name is not it.
 */
import type { Message } from '../../../../shared/finding';
import { isHostError } from '../../../host/host';
import { readFailure } from '../../reasons';
import { expandHomePaths, lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { bundlesIn } from './app-bundles';

/** Bundles of the app in this user's `appFolders`. */
export const appBundlesElsewhereProbe: Probe = {
  id: 'macos.app-bundles.elsewhere',
  async run(ctx, app) {
    if (app.macos.bundleIds.length === 0 || app.macos.appFolders.length === 0) return notApplicable('no bundle ids or app folders in the policy');
    const folders = expandHomePaths(ctx.host, app.macos.appFolders, [ctx.host.homedir]);
    const hits: Hit[] = [];
    const failures: Message[] = [];
    for (const dir of folders) {
      try {
        for (const h of await bundlesIn(ctx.host, dir, 'user', app, true)) hits.push({ ...h, title: { key: 'bannedApp:form.app-bundle-elsewhere', params: { app: app.name } } });
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        failures.push(readFailure(e as Error, dir));
      }
    }
    if (hits.length > 0 || failures.length === 0) return ran(lookedAt(folders), hits);
    return { status: 'unknown', looked: lookedAt(folders), reason: failures[0]! };
  },
};
