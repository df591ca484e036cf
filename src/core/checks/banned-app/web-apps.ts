/**
 * The app installed as a browser web app (`webApps` of its policy entry): recognised by its Chromium web-app id,
 * by the host of the start URL a shortcut records, or by the name a browser's web-app shortcut gives it (never by
 * a name alone in any other file). All records of one web app id in one home are one install (`webapp:ID`, another
 * person's `webapp:USER:ID`), whichever browser and form they come from. It is removed by hand from the browser (chrome://apps, edge://apps): the hit carries its
 * own action and no remediation.
 */
import type { Message } from '../../../shared/finding';
import type { BannedApp } from '../../policy/policy-schema';
import { isHostError } from '../../host/host';
import { errorText, type CheckContext } from '../check';
import { readFailure } from '../reasons';
import { lookedAt, scanResult } from './leftovers';
import { foundInHome, otherHomesProbe } from './other-homes';
import { profileUser } from './windows/profiles';
import { windowsScan } from './windows/windows-scan';
import { notApplicable, type Hit, type Probe } from './probe';
import { scanWebApps, type SeenWebApp, type WebAppScan } from './web-apps-seen';

/** One scan of each home per run, shared by every app of the policy (the engine gives every run its own context object). */
const scans = new WeakMap<CheckContext, Map<string, Promise<WebAppScan>>>();

function scanOnce(ctx: CheckContext, home: string = ctx.host.homedir): Promise<WebAppScan> {
  let byHome = scans.get(ctx);
  if (!byHome) scans.set(ctx, (byHome = new Map()));
  let scan = byHome.get(home);
  if (!scan) byHome.set(home, (scan = scanWebApps(ctx.host, home)));
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

/** The hit of one record of the app's web app; `user` names the other person whose home it is in. */
export function webAppHit(app: BannedApp, seen: SeenWebApp, how: WebAppMatch, user?: string): Hit {
  const name = seen.name ?? app.webApps.chromiumIds.find((r) => r.id === seen.id)?.name ?? app.name;
  const browser = seen.browser ?? '?';
  // One identity per person: two people's copies are two installs, each removed by its owner.
  const install = `webapp:${user ? `${user}:` : ''}${seen.id ?? seen.path}`;
  const of = user ? 'OfUser' : '';
  const who: Record<string, string> = user ? { user } : {};
  return {
    kind: 'installed',
    install,
    source: `${name} — ${browser}${seen.profile ? `, ${seen.profile}` : ''}`,
    evidence: {
      kind: seen.form === 'web-app-folder' ? 'folder' : 'launcher',
      path: seen.path,
      detail: `web app ${seen.form} ${seen.path}: ${name}${seen.id ? ` [${seen.id}]` : ''}${seen.url ? ` ${seen.url}` : ''}`,
      label: seen.profile ? { key: `bannedApp:webApp.evidence${of}`, params: { name, browser, profile: seen.profile, ...who } } : { key: `bannedApp:webApp.evidenceNoProfile${of}`, params: { name, browser, ...who } },
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
    action: { key: `bannedApp:webApp.action${of}`, params: { app: app.name, name, browser, ...who } },
  };
}

function hasWebApps(app: BannedApp): boolean {
  const w = app.webApps;
  return w.chromiumIds.length > 0 || w.hosts.length > 0 || w.names.length > 0;
}

/** The hits of the app among the web apps one scan saw. */
function hitsIn(app: BannedApp, s: WebAppScan, user?: string): Hit[] {
  return s.seen.flatMap((seen) => {
    const how = matchWebApp(app, seen);
    return how ? [webAppHit(app, seen, how, user)] : [];
  });
}

/** The app's browser web apps of the current user, on every platform. */
export const webAppsProbe: Probe = {
  id: 'browser.web-apps',
  async run(ctx, app) {
    if (!hasWebApps(app)) return notApplicable('no web apps in the policy');
    const s = await scanOnce(ctx);
    return scanResult(lookedAt(s.looked), { hits: hitsIn(app, s), failures: s.failures });
  },
};

/**
 * Mac and Linux: the web apps in the other people's homes (other-homes.ts: read as root, a home root cannot
 * read is `unknown` with the reason; as a person, another's closed home is their privacy).
 */
export const otherHomesWebAppsProbe: Probe = otherHomesProbe('browser.web-apps.other-users', hasWebApps, async (ctx, app, home) => {
  const s = await scanOnce(ctx, home.home);
  return { hits: hitsIn(app, s, home.user), failures: s.failures, looked: s.looked };
});

/** Windows: the web apps in the other profiles (their folders are readable with administrator rights only). */
export const otherProfilesWebAppsProbe: Probe = {
  id: 'browser.web-apps.other-users',
  async run(ctx, app) {
    if (!hasWebApps(app)) return notApplicable('no web apps in the policy');
    const set = await windowsScan(ctx).profiles();
    const others = set.profiles.filter((p) => !p.current);
    // Without ProfileList and without a listing of the profiles folder, other users were not looked at.
    const failures: Message[] = set.complete ? [] : [...set.problems];
    if (others.length === 0 && failures.length === 0) return notApplicable('no other user profiles');
    const hits: Hit[] = [];
    const looked: string[] = [];
    for (const profile of others) {
      const user = profileUser(profile) ?? profile.path;
      try {
        await ctx.host.list(profile.path);
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        // The whole profile is closed (not run as administrator): one reason naming its user, not one per browser.
        looked.push(profile.path);
        const why = readFailure(e instanceof Error ? e : new Error(errorText(e)), profile.path);
        failures.push(why.key === 'common:reason.permission' ? { key: 'bannedApp:otherUsers.reason.profileUnreadable', params: { user, path: profile.path } } : why);
        continue;
      }
      const s = await scanOnce(ctx, profile.path);
      looked.push(...s.looked);
      hits.push(...hitsIn(app, s, user).map((h) => foundInHome(h, { user, home: profile.path })));
      failures.push(...s.failures);
    }
    return scanResult(lookedAt(looked), { hits, failures });
  },
};
