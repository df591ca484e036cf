/**
 * The app's browser extensions in every profile of the current user's browsers (Chrome, Edge, Chromium,
 * Brave, Cốc Cốc; Firefox). Matched on the official ids in the policy; a name that merely holds the app's
 * (another vendor's tool) is never enough. The secondary signal needs both a listed publisher as the
 * author and a name pattern. An installed extension of the app is the app in use: an `installed` hit (violation),
 * removed by hand from the browser's extensions page, so the hit carries its own action and no remediation.
 */
import type { CheckContext } from '../check';
import type { BannedApp } from '../../policy/policy-schema';
import { lookedAt, scanResult } from './leftovers';
import { notApplicable, type Hit, type Probe } from './probe';
import { chromiumLocations, firefoxLocations, type BrowserFamily } from './browser-extensions-locations';
import { scanChromium } from './browser-extensions-chromium';
import { scanFirefox } from './browser-extensions-firefox';
import type { FamilyScan, SeenExtension } from './browser-extensions-model';

/** How an extension was recognised: by an official id, or by publisher and name together. */
export type ExtensionMatch = 'id' | 'publisher';

/** Whether an installed extension is one of the app's; null when it is not. */
export function matchExtension(app: BannedApp, family: BrowserFamily, ext: SeenExtension): ExtensionMatch | null {
  const rules = app.browserExtensions;
  const ids = family === 'chromium' ? rules.chromiumIds : rules.firefoxIds;
  // Chromium ids are lower-case by construction; Firefox GUIDs may differ in case between stores and files.
  if (ids.some((r) => r.id.toLowerCase() === ext.id.toLowerCase())) return 'id';
  const author = ext.author?.trim().toLowerCase();
  if (!author || !ext.name) return null;
  const byPublisher = rules.publishers.some((p) => p.toLowerCase() === author);
  const byName = rules.namePatterns.some((p) => new RegExp(p, 'i').test(ext.name!));
  return byPublisher && byName ? 'publisher' : null;
}

/** The hit for one extension of the app: identity `extension:BROWSER:PROFILE:ID`. */
export function extensionHit(app: BannedApp, family: BrowserFamily, ext: SeenExtension, how: ExtensionMatch): Hit {
  const listed = [...app.browserExtensions.chromiumIds, ...app.browserExtensions.firefoxIds].find((r) => r.id.toLowerCase() === ext.id.toLowerCase());
  const name = ext.name ?? listed?.name ?? ext.id;
  const version = ext.version ?? '';
  const b = ext.browser;
  return {
    kind: 'installed',
    install: `extension:${b.key}:${ext.profile}:${ext.id}`,
    source: `${name} — ${b.name}, ${ext.profile}`,
    evidence: {
      kind: 'browser-extension',
      path: ext.manifestPath,
      ...(ext.version ? { version: ext.version } : {}),
      detail: `${b.name} ${ext.profile}: ${name}${version ? ` ${version}` : ''} [${ext.id}]${ext.active === false ? ' (disabled)' : ''}`,
      label: { key: 'bannedApp:extension.evidence', params: { name, version: version || '?', browser: b.name, profile: ext.profile } },
      data: {
        browser: b.key,
        profile: ext.profile,
        id: ext.id,
        version,
        manifestPath: ext.manifestPath,
        name,
        family,
        matchedBy: how,
        ...(ext.active === undefined ? {} : { active: String(ext.active) }),
      },
    },
    action: { key: 'bannedApp:extension.action', params: { app: app.name, name, browser: b.name, profile: ext.profile, page: b.page } },
  };
}

function browserProbe(id: string, family: BrowserFamily, scan: (ctx: CheckContext) => Promise<FamilyScan>): Probe {
  return {
    id,
    async run(ctx, app) {
      const s = await scan(ctx);
      if (s.found.length === 0) return notApplicable(`no ${family === 'chromium' ? 'Chromium-family browser' : 'Firefox'} profiles for this user`);
      const hits = s.seen.flatMap((e) => {
        const how = matchExtension(app, family, e);
        return how ? [extensionHit(app, family, e, how)] : [];
      });
      return scanResult(lookedAt(s.profiles.length > 0 ? s.profiles : s.found), { hits, failures: s.failures });
    },
  };
}

/** The app's extensions in Chrome, Edge, Chromium, Brave and Cốc Cốc profiles of the current user. */
export const chromiumExtensionsProbe: Probe = browserProbe('browser.chromium-extensions', 'chromium', (ctx) => scanChromium(ctx.host, chromiumLocations(ctx.host)));

/** The app's add-ons in the current user's Firefox profiles. */
export const firefoxExtensionsProbe: Probe = browserProbe('browser.firefox-extensions', 'firefox', (ctx) => scanFirefox(ctx.host, firefoxLocations(ctx.host)));

/** Both browser probes, for each platform's probe list. */
export const browserExtensionProbes: readonly Probe[] = [chromiumExtensionsProbe, firefoxExtensionsProbe];
