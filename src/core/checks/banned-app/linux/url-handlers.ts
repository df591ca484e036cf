/**
 * The app left as the handler of its meeting links (its `urlSchemes`) in mimeapps.list: the user's
 * ~/.config/mimeapps.list and the older ~/.local/share/applications/mimeapps.list, of this user and of the
 * other people on the PC. A link then still opens the app, or a prompt to reinstall it. A leftover (warning).
 */
import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';
import { lookedAt } from '../leftovers';
import { otherHomesProbe, type HomeScan } from '../other-homes';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { schemeTypes, xdgHome } from './desktop-entries';
import { handlerLines } from './mimeapps';

/** A mimeapps.list is a few kilobytes; a larger one is read up to this. */
export const MAX_MIMEAPPS_BYTES = 1024 * 1024;

/** The mimeapps.list files of a home that may name handlers. */
export function mimeappsFiles(host: Host, home: string): string[] {
  return [host.path.join(xdgHome(host, 'config', home), 'mimeapps.list'), host.path.join(xdgHome(host, 'data', home), 'applications', 'mimeapps.list')];
}

/** Looks for the app's scheme handlers in each file (plain files only: a link is not followed). */
export async function scanMimeapps(host: Host, app: BannedApp, files: readonly string[]): Promise<HomeScan> {
  const hits: Hit[] = [];
  const failures: Message[] = [];
  for (const path of files) {
    try {
      const st = await host.stat(path);
      if (!st || st.type !== 'file') continue;
      const lines = handlerLines(await host.readText(path, { links: 'refuse', maxBytes: MAX_MIMEAPPS_BYTES }), schemeTypes(app));
      if (lines.length === 0) continue;
      const schemes = [...new Set(lines.map((l) => l.type.toLowerCase().replace('x-scheme-handler/', '')))];
      const handlers = [...new Set(lines.flatMap((l) => l.handlers))];
      hits.push({
        kind: 'leftover',
        install: `url-handler:${path}`,
        source: path,
        remediation: 'remove.handler',
        title: { key: 'bannedApp:form.url-handler', params: { app: app.name } },
        evidence: {
          kind: 'url-handler',
          path,
          detail: `${path}: ${lines.map((l) => `${l.type}=${l.handlers.join(';')}`).join(', ')}`,
          label: { key: 'bannedApp:evidence.urlHandler', params: { path, schemes: schemes.join(', '), handlers: handlers.join(', ') || '—' } },
          data: { path, form: 'mimeapps', schemes: schemes.join(',') },
        },
      });
    } catch (e) {
      if (isHostError(e) && e.code === 'not-found') continue;
      failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), path));
    }
  }
  return { hits, failures, looked: [...files] };
}

/** The current user's mimeapps.list files. */
export const urlHandlersProbe: Probe = {
  id: 'linux.url-handlers',
  async run(ctx, app) {
    if (app.urlSchemes.length === 0) return notApplicable('no URL schemes in the policy');
    const s = await scanMimeapps(ctx.host, app, mimeappsFiles(ctx.host, ctx.host.homedir));
    if (s.hits.length > 0 || s.failures.length === 0) return ran(lookedAt(s.looked), s.hits);
    return { status: 'unknown', looked: lookedAt(s.looked), reason: s.failures[0]! };
  },
};

/** The other users' mimeapps.list files. */
export const otherUsersUrlHandlersProbe: Probe = otherHomesProbe(
  'linux.url-handlers.other-users',
  (app) => app.urlSchemes.length > 0,
  async (ctx, app, home) => scanMimeapps(ctx.host, app, mimeappsFiles(ctx.host, home.home)),
);
