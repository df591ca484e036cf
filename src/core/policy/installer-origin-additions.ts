/**
 * The organisation's additions to the installer-origin lists (org settings `installerOrigin`, docs/fleet.md §5):
 * installer extensions, URL shorteners and file-sharing hosts are added to the built-in ones, and official domains
 * to a built-in online app's (a mirror the organisation runs). Nothing is removed: each list of the built-in policy
 * is what point 2 of the advisory judges by, and the organisation may tighten it, never loosen it. An official domain
 * that is, or lies under or over, a shortener or a file-sharing host would make any file there genuine: refused.
 */
import type { PolicyRefusal } from '../../shared/org-policy';
import type { OrgSettings } from './org-policy-schema';
import type { Policy } from './policy-schema';

/** What the organisation's layers added to the lists in force: only entries not already there. */
export interface InstallerOriginAdded {
  readonly extensions: readonly string[];
  readonly shorteners: readonly string[];
  readonly fileSharing: readonly string[];
  /** By online app id. */
  readonly officialDomains: Readonly<Record<string, readonly string[]>>;
}

/** True when `a` is `b` or lies under it on a label boundary (or the other way round). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** Why `settings` (from `source`) cannot add what it adds to `base`: an app id no online app has, or a risky official domain. */
export function installerOriginRefusal(settings: OrgSettings, base: Policy, source: string): PolicyRefusal | undefined {
  const official = settings.installerOrigin?.officialDomains ?? {};
  const ids = base.onlineApps.map((a) => a.id);
  const unknown = Object.keys(official).find((id) => !ids.includes(id));
  if (unknown !== undefined) return { source, kind: 'conflict', reason: { key: 'policy:refused.unknownOfficialApp', params: { source, app: unknown, ids: ids.join(', ') } } };
  const risky = [...(base.installerOrigin?.shorteners ?? []), ...(base.installerOrigin?.fileSharing ?? []), ...(settings.installerOrigin?.shorteners ?? []), ...(settings.installerOrigin?.fileSharing ?? [])];
  for (const [app, domains] of Object.entries(official)) {
    const domain = domains.find((d) => risky.some((r) => overlaps(d, r)));
    if (domain !== undefined) return { source, kind: 'conflict', reason: { key: 'policy:refused.riskyOfficialDomain', params: { source, app, domain } } };
  }
  return undefined;
}

const union = (base: readonly string[], more: readonly string[]): string[] => [...new Set([...base, ...more])];

/** `base` with every layer's additions: the lists in force, and what was new in them. */
export function withInstallerOriginAdditions(base: Policy, layers: readonly OrgSettings[]): { readonly policy: Policy; readonly added: InstallerOriginAdded } {
  const adds = layers.map((l) => l.installerOrigin).filter((a) => a !== undefined);
  const from = base.installerOrigin ?? { folders: [], extensions: [], shorteners: [], fileSharing: [] };
  const lists = {
    folders: from.folders,
    extensions: union(from.extensions, adds.flatMap((a) => a.extensions ?? [])),
    shorteners: union(from.shorteners, adds.flatMap((a) => a.shorteners ?? [])),
    fileSharing: union(from.fileSharing, adds.flatMap((a) => a.fileSharing ?? [])),
  };
  const officialAdded: Record<string, string[]> = {};
  const onlineApps = base.onlineApps.map((app) => {
    const more = adds.flatMap((a) => a.officialDomains?.[app.id] ?? []).filter((d) => !app.installers.officialDomains.includes(d));
    if (more.length === 0) return app;
    officialAdded[app.id] = [...new Set(more)];
    return { ...app, installers: { ...app.installers, officialDomains: union(app.installers.officialDomains, more) } };
  });
  const added: InstallerOriginAdded = {
    extensions: lists.extensions.slice(from.extensions.length),
    shorteners: lists.shorteners.slice(from.shorteners.length),
    fileSharing: lists.fileSharing.slice(from.fileSharing.length),
    officialDomains: officialAdded,
  };
  const installerOrigin = added.extensions.length + added.shorteners.length + added.fileSharing.length > 0 ? lists : base.installerOrigin;
  return { policy: { ...base, onlineApps, ...(installerOrigin ? { installerOrigin } : {}) }, added };
}
