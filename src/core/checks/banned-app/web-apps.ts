/**
 * The app installed as a browser web app (`webApps` of its policy entry): recognised by its Chromium web-app id,
 * by the host of the start URL a shortcut records, or by the name a browser's web-app shortcut gives it (never by
 * a name alone in any other file). All records of one web app id are one install (`webapp:ID`), whichever browser
 * and form they come from. It is removed by hand from the browser (chrome://apps, edge://apps): the hit carries its
 * own action and no remediation.
 */
import type { BannedApp } from '../../policy/policy-schema';
import type { CheckContext } from '../check';
import { lookedAt, scanResult } from './leftovers';
import { notApplicable, type Hit, type Probe } from './probe';
import { scanWebApps, type SeenWebApp, type WebAppScan } from './web-apps-seen';

/** One scan per run, shared by every app of the policy (the engine gives every run its own context object). */
const scans = new WeakMap<CheckContext, Promise<WebAppScan>>();

function scanOnce(ctx: CheckContext): Promise<WebAppScan> {
  let scan = scans.get(ctx);
  if (!scan) scans.set(ctx, (scan = scanWebApps(ctx.host)));
  return scan;
}

/** How a web app was recognised. */
export type WebAppMatch = 'id' | 'host' | 'name';

/** The host of a URL, lower case and punycode; undefined when it is not an http(s) URL. */
function hostOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** Whether one record is the app's web app; null when it is not. */
export function matchWebApp(app: BannedApp, seen: SeenWebApp): WebAppMatch | null {
  const w = app.webApps;
  if (seen.id && w.chromiumIds.some((r) => r.id === seen.id)) return 'id';
  const host = seen.url ? hostOf(seen.url) : undefined;
  if (host && w.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return 'host';
  // A folder records only the id; a name is trusted only on a browser's own web-app shortcut.
  const name = seen.name?.normalize('NFC').trim().toLowerCase();
  if (seen.form !== 'web-app-folder' && name && w.names.some((n) => n.normalize('NFC').toLowerCase() === name)) return 'name';
  return null;
}

/** The hit of one record of the app's web app. */
export function webAppHit(app: BannedApp, seen: SeenWebApp, how: WebAppMatch): Hit {
  const name = seen.name ?? app.webApps.chromiumIds.find((r) => r.id === seen.id)?.name ?? app.name;
  const browser = seen.browser ?? '?';
  const install = seen.id ? `webapp:${seen.id}` : `webapp:${seen.path}`;
  return {
    kind: 'installed',
    install,
    source: `${name} — ${browser}${seen.profile ? `, ${seen.profile}` : ''}`,
    evidence: {
      kind: seen.form === 'web-app-folder' ? 'folder' : 'launcher',
      path: seen.path,
      detail: `web app ${seen.form} ${seen.path}: ${name}${seen.id ? ` [${seen.id}]` : ''}${seen.url ? ` ${seen.url}` : ''}`,
      label: seen.profile ? { key: 'bannedApp:webApp.evidence', params: { name, browser, profile: seen.profile } } : { key: 'bannedApp:webApp.evidenceNoProfile', params: { name, browser } },
      data: {
        path: seen.path,
        form: seen.form,
        name,
        matchedBy: how,
        ...(seen.id ? { id: seen.id } : {}),
        ...(seen.url ? { url: seen.url } : {}),
        ...(seen.browser ? { browser: seen.browser } : {}),
        ...(seen.profile ? { profile: seen.profile } : {}),
      },
    },
    action: { key: 'bannedApp:webApp.action', params: { app: app.name, name, browser } },
  };
}

/** The app's browser web apps of the current user, on every platform. */
export const webAppsProbe: Probe = {
  id: 'browser.web-apps',
  async run(ctx, app) {
    const w = app.webApps;
    if (w.chromiumIds.length === 0 && w.hosts.length === 0 && w.names.length === 0) return notApplicable('no web apps in the policy');
    const s = await scanOnce(ctx);
    const hits = s.seen.flatMap((seen) => {
      const how = matchWebApp(app, seen);
      return how ? [webAppHit(app, seen, how)] : [];
    });
    return scanResult(lookedAt(s.looked), { hits, failures: s.failures });
  },
};
