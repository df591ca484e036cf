/**
 * `export osquery-pack`: the policy's banned apps as an osquery query pack, one query per platform and form
 * (`programs`, `deb_packages`, …), each matching what the app's own probes match, from the same policy data; the
 * online apps of points 3 and 4 as informational queries of their own (`notice_ID_PLATFORM_FORM`).
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { BannedApp, Policy } from '../policy/policy-schema';
import { browserQueries, type DescribeBrowserQuery } from './osquery-browsers';
import { trimTrailing } from '../text/trim-trailing';
import { lowerPattern, sqlList, sqlStartsWith, sqlString } from './sql-literal';

/** The platforms of osquery's pack format. */
export type OsqueryPlatform = 'linux' | 'darwin' | 'windows';

/** One scheduled query of a pack. */
export interface OsqueryPackQuery {
  readonly query: string;
  /** Seconds between runs. */
  readonly interval: number;
  readonly platform: OsqueryPlatform;
  readonly description: string;
  /** Why a result matters, as osquery's pack format has it. */
  readonly value: string;
}

/** An osquery query pack (`--pack` / `packs` in osquery.conf; Fleet imports it too). */
export interface OsqueryPack {
  readonly queries: Readonly<Record<string, OsqueryPackQuery>>;
}

/** The forms a banned app takes that osquery has a table for. */
export const OSQUERY_FORMS = ['programs', 'deb_packages', 'rpm_packages', 'apps', 'processes', 'chrome_extensions', 'firefox_addons', 'package_receipts', 'launchd', 'registry', 'file', 'tarball', 'installers', 'url_handlers', 'web_apps'] as const;
/** One of OSQUERY_FORMS. */
export type OsqueryForm = (typeof OSQUERY_FORMS)[number];

/** Whether a query looks for a banned app (a result is a violation) or an online app (a result is a notice). */
export type QueryKind = 'banned' | 'notice';

/** The words of a query's description, in the chosen language (the CLI passes its translator's); `table` is the one it reads. */
export type DescribeQuery = (app: BannedApp, platform: OsqueryPlatform, form: OsqueryForm, table: string, kind: QueryKind) => { readonly description: string; readonly value: string };

/** Home folders, as file-table patterns: `%` is one user's folder name. */
const HOMES: Readonly<Record<OsqueryPlatform, readonly string[]>> = { linux: ['/home/%', '/root'], darwin: ['/Users/%', '/var/root'], windows: ['C:\\Users\\%'] };
/**
 * How deep below a home the osquery pack looks for an unpacked tarball (~/Downloads/APP is 2). The app walks
 * TARBALL_MAX_DEPTH (4) folders deep; osquery expands a LIKE pattern by listing every folder at each level, so a
 * deeper pattern lists whole project trees (node_modules) every interval: the pack stops one level short.
 */
export const OSQUERY_TARBALL_DEPTH = 3;
const UNINSTALL_KEYS = ['SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', 'SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall'];

/** `clauses` joined by OR, or null when there is none. */
function any(clauses: readonly (string | null)[]): string | null {
  const present = clauses.filter((c): c is string => c !== null);
  return present.length === 0 ? null : present.map((c) => (present.length > 1 ? `(${c})` : c)).join(' OR ');
}

function inList(column: string, values: readonly string[]): string | null {
  const list = sqlList(values);
  return list ? `${column} IN ${list}` : null;
}

/**
 * A policy path for the file table, whose path constraint osquery turns into a search only without an
 * ESCAPE clause: our `%` stands for a folder name, so one of the policy's own is refused (it would match more).
 */
function policyPath(value: string): string {
  if (value.includes('%')) throw new Error(`a policy path holds %, which osquery's file table would read as a wildcard: ${value}`);
  return value;
}

/** Paths (~ = each home) on one platform, as exact paths and LIKE patterns. */
function placesOn(platform: OsqueryPlatform, paths: readonly string[]): { exact: string[]; like: string[] } {
  const sep = platform === 'windows' ? '\\' : '/';
  const exact: string[] = [];
  const like: string[] = [];
  for (const raw of paths) {
    const p = policyPath(raw.replace(/^%APPDATA%\\/i, '~\\AppData\\Roaming\\').replace(/^%LOCALAPPDATA%\\/i, '~\\AppData\\Local\\'));
    if (p.startsWith('~')) for (const home of HOMES[platform]) like.push(`${home}${sep}${p.slice(2)}`);
    else exact.push(p);
  }
  return { exact, like };
}

/** One SELECT per constraint, joined by UNION: osquery's file table needs a path constraint in each. */
function fileQuery(platform: OsqueryPlatform, paths: readonly string[]): string | null {
  const { exact, like } = placesOn(platform, paths);
  const cols = 'SELECT path, type, size, mtime FROM file WHERE';
  const parts = [...(exact.length ? [`${cols} path IN ${sqlList(exact)}`] : []), ...[...new Set(like)].map((l) => `${cols} path LIKE ${sqlString(l)}`)];
  return parts.length === 0 ? null : parts.join(' UNION ');
}

/** Where the app's Linux programs live: its install paths, its snaps' and flatpaks' folders (as the app's `appPlaces`). */
function linuxPlaces(app: BannedApp): string[] {
  return [
    ...app.linux.installPaths,
    ...app.linux.snap.map((s) => `/snap/${s}`),
    ...app.linux.flatpak.flatMap((id) => [`/var/lib/flatpak/app/${id}`, `~/.local/share/flatpak/app/${id}`]),
  ].map((p) => trimTrailing(p, '/'));
}

/**
 * The app's tarball unpacked in a home (linux.tarballFiles, e.g. the launcher and the client), found by its files as the
 * app finds it: a folder holding every one of them as a regular file, the first an ELF program (libmagic's `magic`
 * table), at any depth to OSQUERY_TARBALL_DEPTH below each home; the folder's name says nothing.
 */
function tarballQuery(app: BannedApp): string | null {
  const [marker, ...others] = app.linux.tarballFiles;
  if (!marker) return null;
  for (const f of [marker, ...others]) if (f.includes('/') || f.includes('%')) throw new Error(`a tarball file name holds / or %: ${f}`);
  const joins = others.map((f, i) => `JOIN file o${i} ON o${i}.path = f.directory || ${sqlString(`/${f}`)}`).join(' ');
  const sameFolder = others.map((_, i) => ` AND o${i}.type = 'regular'`).join('');
  const patterns = HOMES.linux.flatMap((home) => Array.from({ length: OSQUERY_TARBALL_DEPTH + 1 }, (_, d) => `${home}/${'%/'.repeat(d)}${marker}`));
  return patterns
    .map((p) => `SELECT f.directory AS path, f.path AS program, f.size, f.mtime FROM file f ${joins}${joins ? ' ' : ''}JOIN magic m ON m.path = f.path WHERE f.path LIKE ${sqlString(p)} AND f.type = 'regular'${sameFolder} AND m.data LIKE 'ELF%'`)
    .join(' UNION ');
}

/** Installers left in each home's Downloads (and the policy's other folders), by the policy's file-name patterns, case-insensitive as the app matches them. */
function installersQuery(app: BannedApp, platform: OsqueryPlatform): string | null {
  const { folders, filePatterns } = app.installers;
  if (folders.length === 0 || filePatterns.length === 0) return null;
  const sep = platform === 'windows' ? '\\' : '/';
  const names = any(filePatterns.map((p) => `regex_match(lower(filename), ${sqlString(lowerPattern(p))}, 0) IS NOT NULL`))!;
  const places = HOMES[platform].flatMap((home) => folders.map((f) => `${home}${sep}${policyPath(f)}${sep}%`));
  return places.map((l) => `SELECT path, filename, size, mtime FROM file WHERE path LIKE ${sqlString(l)} AND type = 'regular' AND (${names})`).join(' UNION ');
}

/** Windows: the app's URL schemes (`urlSchemes`) registered as protocol handlers, per machine and in every loaded user hive. */
function windowsUrlHandlers(app: BannedApp): string | null {
  const schemes = sqlList(app.urlSchemes.map((s) => s.toLowerCase()));
  if (!schemes) return null;
  return [
    `SELECT key, path, name FROM registry WHERE key = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes' AND lower(name) IN ${schemes}`,
    `SELECT key, path, name FROM registry WHERE key LIKE 'HKEY_USERS\\%\\Software\\Classes' AND lower(name) IN ${schemes}`,
  ].join(' UNION ');
}

function linuxQueries(app: BannedApp): Partial<Record<OsqueryForm, string | null>> {
  const l = app.linux;
  const places = linuxPlaces(app).filter((p) => !p.startsWith('~'));
  // A name says nothing (a Debian game player has a program of the same name in /usr/games): a process is the app by where its executable lies.
  const byPlace = any([inList('path', l.launchers), ...places.map((p) => sqlStartsWith('path', `${p}/`))]);
  const byName = inList('name', l.processNames.map((n) => n.slice(0, 15))); // comm: 15 characters at most
  return {
    deb_packages: l.dpkg.length ? `SELECT name, version, arch, status FROM deb_packages WHERE ${inList('name', l.dpkg)}` : null,
    rpm_packages: l.rpm.length ? `SELECT name, version, release, arch FROM rpm_packages WHERE ${inList('name', l.rpm)}` : null,
    processes: byName && byPlace ? `SELECT pid, name, path, cmdline, uid FROM processes WHERE ${byName} AND (${byPlace})` : null,
    file: fileQuery('linux', [...linuxPlaces(app), ...l.launchers, ...l.leftovers]),
    tarball: tarballQuery(app),
    installers: installersQuery(app, 'linux'),
    // No url_handlers on Linux: osquery has no table that reads a mimeapps.list line (augeas maps no lens to it).
  };
}

function macosQueries(app: BannedApp): Partial<Record<OsqueryForm, string | null>> {
  const m = app.macos;
  const apps = any([inList('bundle_identifier', m.bundleIds), inList('name', m.appNames)]);
  const receipts = any(m.receiptPrefixes.map((p) => sqlStartsWith('package_id', p)));
  const jobs = any(m.launchdLabelPrefixes.map((p) => sqlStartsWith('label', p)));
  const bundles = m.appNames.flatMap((n) => [`/Applications/${n}`, `~/Applications/${n}`, ...m.appFolders.map((f) => `${f}/${n}`)]);
  return {
    apps: apps ? `SELECT name, path, bundle_identifier, bundle_short_version FROM apps WHERE ${apps}` : null,
    processes: m.processNames.length ? `SELECT pid, name, path, cmdline, uid FROM processes WHERE ${inList('name', m.processNames)}` : null,
    package_receipts: receipts ? `SELECT package_id, version, location, install_time FROM package_receipts WHERE ${receipts}` : null,
    launchd: jobs ? `SELECT path, label, program, program_arguments, run_at_load FROM launchd WHERE ${jobs}` : null,
    file: fileQuery('darwin', [...bundles, ...m.leftovers]),
    installers: installersQuery(app, 'darwin'),
    // Launch Services' handler of each scheme, as the system would open a meeting link.
    url_handlers: app.urlSchemes.length ? `SELECT scheme, handler, enabled FROM app_schemes WHERE ${inList('scheme', app.urlSchemes)}` : null,
  };
}

function windowsQueries(app: BannedApp): Partial<Record<OsqueryForm, string | null>> {
  const w = app.windows;
  // As the app matches an Uninstall entry: DisplayName by pattern, Publisher exactly, both case-insensitive.
  const programs = any([
    ...w.displayNamePatterns.map((p) => `regex_match(lower(trim(name)), ${sqlString(lowerPattern(p))}, 0) IS NOT NULL`),
    inList('lower(trim(publisher))', w.publishers.map((p) => p.trim().toLowerCase())),
  ]);
  const keyNames = sqlList(w.uninstallKeyNames.map((n) => n.toLowerCase()));
  const keys = keyNames
    ? [
        `SELECT key, path, name, type FROM registry WHERE key IN ${sqlList(UNINSTALL_KEYS.map((k) => `HKEY_LOCAL_MACHINE\\${k}`))} AND lower(name) IN ${keyNames}`,
        `SELECT key, path, name, type FROM registry WHERE key LIKE ${sqlString(`HKEY_USERS\\%\\${UNINSTALL_KEYS[0]}`)} AND lower(name) IN ${keyNames}`,
      ]
    : [];
  const executables = [...w.programFilesExecutables.flatMap((e) => [`C:\\Program Files\\${e}`, `C:\\Program Files (x86)\\${e}`]), ...w.profileExecutables.map((e) => `%APPDATA%\\${e}`)];
  return {
    programs: programs ? `SELECT name, version, publisher, install_location, identifying_number FROM programs WHERE ${programs}` : null,
    processes: w.processNames.length ? `SELECT pid, name, path, cmdline FROM processes WHERE ${inList('lower(name)', w.processNames.map((n) => n.toLowerCase()))}` : null,
    registry: keys.length ? keys.join(' UNION ') : null,
    file: fileQuery('windows', [...executables, ...w.leftovers]),
    installers: installersQuery(app, 'windows'),
    url_handlers: windowsUrlHandlers(app),
  };
}

function extensionQueries(app: BannedApp): Partial<Record<OsqueryForm, string | null>> {
  const b = app.browserExtensions;
  const chromium = inList('e.identifier', b.chromiumIds.map((x) => x.id));
  const firefox = inList('e.identifier', b.firefoxIds.map((x) => x.id));
  // Every user's browsers: the tables read one user's profiles unless joined with users.
  return {
    chrome_extensions: chromium ? `SELECT u.username, e.browser_type, e.name, e.identifier, e.version, e.path FROM users u CROSS JOIN chrome_extensions e USING (uid) WHERE ${chromium}` : null,
    firefox_addons: firefox ? `SELECT u.username, e.name, e.identifier, e.version, e.path FROM users u CROSS JOIN firefox_addons e USING (uid) WHERE ${firefox}` : null,
  };
}

/**
 * Where Chromium-family browsers keep an installed web app, by its id (`webApps.chromiumIds`), as file-table
 * patterns: the profile's `Web Applications/Manifest Resources/ID` folder (Chrome and Edge, every profile), and on
 * Linux the menu entry `BROWSER-ID-PROFILE.desktop`. The app also matches hosts and names, which need the files'
 * contents: not in the pack.
 */
const WEB_APP_PLACES: Readonly<Record<OsqueryPlatform, readonly string[]>> = {
  linux: ['/home/%/.config/%/%/Web Applications/Manifest Resources/ID', '/home/%/.local/share/applications/%-ID-%.desktop'],
  darwin: ['/Users/%/Library/Application Support/Google/Chrome/%/Web Applications/Manifest Resources/ID', '/Users/%/Library/Application Support/Microsoft Edge/%/Web Applications/Manifest Resources/ID'],
  windows: ['C:\\Users\\%\\AppData\\Local\\Google\\Chrome\\User Data\\%\\Web Applications\\Manifest Resources\\ID', 'C:\\Users\\%\\AppData\\Local\\Microsoft\\Edge\\User Data\\%\\Web Applications\\Manifest Resources\\ID'],
};

function webAppQuery(app: BannedApp, platform: OsqueryPlatform): string | null {
  // Ids are 32 letters a-p (the schema's check): nothing in one can widen a pattern.
  const ids = app.webApps.chromiumIds.map((r) => r.id);
  const patterns = ids.flatMap((id) => WEB_APP_PLACES[platform].map((p) => p.replace('ID', id)));
  return patterns.length === 0 ? null : patterns.map((p) => `SELECT path, type, mtime FROM file WHERE path LIKE ${sqlString(p)}`).join(' UNION ');
}

const BY_PLATFORM: Readonly<Record<OsqueryPlatform, (app: BannedApp) => Partial<Record<OsqueryForm, string | null>>>> = {
  linux: (a) => ({ ...linuxQueries(a), ...extensionQueries(a), web_apps: webAppQuery(a, 'linux') }),
  darwin: (a) => ({ ...macosQueries(a), ...extensionQueries(a), web_apps: webAppQuery(a, 'darwin') }),
  windows: (a) => ({ ...windowsQueries(a), ...extensionQueries(a), web_apps: webAppQuery(a, 'windows') }),
};

/** The browser part of the pack: the catalog judged with, the day, and its words (`osquery-browsers.ts`). */
export interface OsqueryBrowserPart {
  readonly catalog: Catalog;
  readonly now: Date;
  readonly describe: DescribeBrowserQuery;
}

/**
 * The pack for every banned app of the policy, then every online app (its queries named `notice_…`: a row there is
 * an online app on the PC, to know about, not a fault), then, given the catalog, the browsers on a major no longer
 * patched (`browser_…`); the interval is the policy's banned-app schedule.
 */
export function osqueryPack(policy: Policy, describe: DescribeQuery, browsers?: OsqueryBrowserPart): OsqueryPack {
  const interval = policy.schedule.bannedAppMinutes * 60;
  const queries: Record<string, OsqueryPackQuery> = {};
  const add = (app: BannedApp, kind: QueryKind): void => {
    for (const platform of ['linux', 'darwin', 'windows'] as const) {
      const forms = BY_PLATFORM[platform](app);
      for (const form of OSQUERY_FORMS) {
        const query = forms[form];
        if (!query) continue;
        const table = /\bFROM\s+([a-z_]+)/.exec(query)?.[1] ?? form;
        queries[`${kind === 'notice' ? 'notice_' : ''}${app.id.replace(/-/g, '_')}_${platform}_${form}`] = { query: `${query};`, interval, platform, ...describe(app, platform, form, table, kind) };
      }
    }
  };
  for (const app of policy.bannedApps) add(app, 'banned');
  for (const app of policy.onlineApps) add(app, 'notice');
  if (browsers) Object.assign(queries, browserQueries(policy.browsers.list, browsers.catalog, browsers.now, interval, browsers.describe));
  return { queries };
}
