/**
 * The browser part of `export osquery-pack`: for each browser whose vendor's patched majors the catalog knows, one
 * query per platform and table that returns the installs on a major no longer patched (a violation of the
 * browser-patch check). Behind-by-days is not exported: it needs the day the query runs, which a static pack has not.
 * The majors are those patched on the day the pack is made (an announced end already past counts as ended): make
 * the pack again after a catalog refresh. macOS Firefox is left out: Firefox ESR has the same bundle id and version
 * shape, and the apps table cannot read its channel file.
 */
import type { Catalog } from '../catalog/catalog-schema';
import { isAfterDay } from '../catalog/dates';
import type { PolicyBrowser } from '../policy/policy-schema';
import type { OsqueryPackQuery, OsqueryPlatform } from './osquery-pack';
import { lowerPattern, sqlList, sqlString } from './sql-literal';

/** The words of a browser query, in the chosen language; `majors` are the lines still patched, `table` the one it reads. */
export type DescribeBrowserQuery = (browser: PolicyBrowser, platform: OsqueryPlatform, table: string, majors: string) => { readonly description: string; readonly value: string };

/** The major of a version column as osquery's SQLite reads it (`split` is osquery's: the part before the first dot). */
const major = (column: string): string => `CAST(split(${column}, '.', 0) AS INTEGER)`;

/** The majors still patched on `now`, or null when the catalog knows none for this browser. */
export function patchedOn(catalog: Catalog, id: string, now: Date): readonly number[] | null {
  const entry = catalog.browsers.find((b) => b.id === id);
  const still = entry?.patchedMajors?.filter((m) => !(m.until && isAfterDay(m.until, now))).map((m) => m.major);
  return still && still.length > 0 ? still : null;
}

/**
 * The majors a rule on Windows or macOS must let pass: those of the browser's own line and of every channel a
 * machine policy may put it on (Chrome Extended Stable), since an exported query cannot read that policy. Linux
 * has no such channel.
 */
export function patchedOnAnyChannel(catalog: Catalog, b: PolicyBrowser, now: Date, majors: readonly number[]): readonly number[] {
  const more = b.channelPolicies.flatMap((c) => patchedOn(catalog, c.browser, now) ?? []);
  return [...new Set([...majors, ...more])];
}

/** A condition: the version column's major is below the newest patched one and not itself patched. */
function unpatched(column: string, majors: readonly number[]): string {
  return `${major(column)} < ${Math.max(...majors)} AND ${major(column)} NOT IN ${sqlList(majors.map(String))!.replace(/'/g, '')}`;
}

function queriesOf(b: PolicyBrowser, majors: readonly number[], desktopMajors: readonly number[]): Partial<Record<OsqueryPlatform, Record<string, string>>> {
  const out: Partial<Record<OsqueryPlatform, Record<string, string>>> = {};
  const linux: Record<string, string> = {};
  if (b.linux.dpkg.length) linux.deb_packages = `SELECT name, version, arch, status FROM deb_packages WHERE name IN ${sqlList(b.linux.dpkg)} AND ${unpatched('version', majors)}`;
  if (b.linux.rpm.length) linux.rpm_packages = `SELECT name, version, release, arch FROM rpm_packages WHERE name IN ${sqlList(b.linux.rpm)} AND ${unpatched('version', majors)}`;
  if (Object.keys(linux).length) out.linux = linux;
  if (b.windows.displayNamePatterns.length) {
    const names = b.windows.displayNamePatterns.map((p) => `regex_match(lower(trim(name)), ${sqlString(lowerPattern(p))}, 0) IS NOT NULL`).join(' OR ');
    out.windows = { programs: `SELECT name, version, publisher, install_location FROM programs WHERE (${names}) AND ${unpatched('version', desktopMajors)}` };
  }
  const ambiguous = b.variants.some((v) => v.inChannelFile);
  if (b.macos.bundleIds.length && !ambiguous) out.darwin = { apps: `SELECT name, path, bundle_identifier, bundle_short_version FROM apps WHERE bundle_identifier IN ${sqlList(b.macos.bundleIds)} AND ${unpatched('bundle_short_version', desktopMajors)}` };
  return out;
}

/** The browser queries, named `browser_<platform>_<id>_<table>`. */
export function browserQueries(browsers: readonly PolicyBrowser[], catalog: Catalog, now: Date, interval: number, describe: DescribeBrowserQuery): Record<string, OsqueryPackQuery> {
  const queries: Record<string, OsqueryPackQuery> = {};
  for (const b of browsers) {
    const majors = patchedOn(catalog, b.id, now);
    if (!majors) continue;
    const desktop = patchedOnAnyChannel(catalog, b, now, majors);
    for (const [platform, byTable] of Object.entries(queriesOf(b, majors, desktop)) as [OsqueryPlatform, Record<string, string>][]) {
      for (const [table, query] of Object.entries(byTable)) {
        queries[`browser_${platform}_${b.id.replace(/-/g, '_')}_${table}`] = { query: `${query};`, interval, platform, ...describe(b, platform, table, (platform === 'linux' ? majors : desktop).join(', ')) };
      }
    }
  }
  return queries;
}
