import type { Host } from '../host/host';
import { installerMatchers, isInstallerName } from '../checks/banned-app/installers';
import type { BannedApp } from '../policy/policy-schema';

/** What may be done to an allowlisted path: deleted, or only moved to the Trash. */
export type AllowedAction = 'remove' | 'trash';

/** One allowed path pattern: absolute, `*` allowed inside a component (never across `/`). */
export interface AllowEntry {
  readonly pattern: string;
  readonly action: AllowedAction;
}

/** The known paths of one app that removal may touch, resolved for this host. */
export interface Allowlist {
  readonly entries: readonly AllowEntry[];
  /** Folders every entry must lie in: the home folder and the known system folders. */
  readonly anchors: readonly string[];
  /** Installer file name patterns (trash only), inside `installerFolders`. */
  readonly installerFolders: readonly string[];
  readonly installerPatterns: readonly RegExp[];
  /** The app's signature: a checked step (a tarball, an entry, a handler) is checked against it again when it runs. */
  readonly app: BannedApp;
}

/** System folders a known path of a banned app may lie in, per platform. */
const SYSTEM_ANCHORS: Readonly<Record<Host['platform'], readonly string[]>> = {
  linux: ['/opt'],
  darwin: ['/Applications', '/Library'],
  win32: [],
};

/** The folders launchd reads jobs from: a plist named for one of the app's label prefixes there is the app's. */
const LAUNCHD_FOLDERS: readonly string[] = ['~/Library/LaunchAgents', '/Library/LaunchAgents', '/Library/LaunchDaemons'];

/** The app's launchd plists (`PREFIX*.plist` in each launchd folder); a prefix holding `*` or `/` names none. */
function launchdEntries(app: BannedApp): AllowEntry[] {
  const prefixes = app.macos.launchdLabelPrefixes.filter((p) => p !== '' && !/[*/]/.test(p));
  return prefixes.flatMap((p) => LAUNCHD_FOLDERS.map((f): AllowEntry => ({ pattern: `${f}/${p}*.plist`, action: 'remove' })));
}

/** Expands `~`, %APPDATA% and %LOCALAPPDATA%; null when a needed variable is unknown. */
export function expandKnownPath(host: Host, pattern: string): string | null {
  const p = host.path;
  if (pattern === '~' || pattern.startsWith('~/')) return p.join(host.homedir, ...pattern.slice(2).split('/'));
  if (host.platform === 'win32') {
    const appdata = host.env.APPDATA || p.join(host.homedir, 'AppData', 'Roaming');
    const local = host.env.LOCALAPPDATA || p.join(host.homedir, 'AppData', 'Local');
    const out = pattern.replace(/%APPDATA%/gi, appdata).replace(/%LOCALAPPDATA%/gi, local);
    return /%[^%]+%/.test(out) ? null : out;
  }
  return pattern;
}

/**
 * Builds the allowlist of an app from its policy entry: leftovers, install folders, app bundles, the
 * local web server's folders, `macos.removable`, launchd plists of its label prefixes, installers.
 */
export function allowlistFor(host: Host, app: BannedApp, installerFolders: readonly string[] = app.installers.folders.map((f) => host.path.join(host.homedir, f))): Allowlist {
  const raw: AllowEntry[] = [];
  if (host.platform === 'linux') {
    for (const l of app.linux.leftovers) raw.push({ pattern: l, action: 'remove' });
    for (const l of app.linux.installPaths) raw.push({ pattern: l, action: 'remove' });
  } else if (host.platform === 'darwin') {
    for (const l of [...app.macos.leftovers, ...app.macos.localServerFolders, ...app.macos.removable]) raw.push({ pattern: l, action: 'remove' });
    raw.push(...launchdEntries(app));
    for (const a of app.macos.appNames) raw.push({ pattern: `/Applications/${a}`, action: 'trash' }, { pattern: `~/Applications/${a}`, action: 'trash' });
    // A copy elsewhere is found by bundle id whatever its name: any bundle there, to the Trash only.
    for (const f of app.macos.appFolders) raw.push({ pattern: `${f}/*.app`, action: 'trash' });
  } else {
    for (const l of app.windows.leftovers) raw.push({ pattern: l, action: 'remove' });
  }
  const entries: AllowEntry[] = [];
  for (const e of raw) {
    const pattern = expandKnownPath(host, e.pattern);
    if (pattern) entries.push({ pattern, action: e.action });
  }
  return {
    entries,
    anchors: [host.homedir, ...SYSTEM_ANCHORS[host.platform]],
    installerFolders,
    installerPatterns: installerMatchers(app.installers.filePatterns),
    app,
  };
}

/**
 * Splits an absolute path into components; null for `..`, `.`, NUL or a relative path. Windows: also
 * null for a component ending in a dot or space (Windows drops them, so it would name another file) or
 * holding a colon after the drive (an alternate data stream). macOS: components in NFC, as the file
 * system compares names whatever their Unicode normalization.
 */
export function pathComponents(host: Pick<Host, 'platform' | 'path'>, path: string): string[] | null {
  if (path.includes('\0') || !host.path.isAbsolute(path)) return null;
  const parts = path.split(host.platform === 'win32' ? /[\\/]+/ : /\/+/);
  if (parts.some((s) => s === '..' || s === '.')) return null;
  if (host.platform === 'win32' && parts.some((s, i) => /[. ]$/.test(s) || (i > 0 && s.includes(':')))) return null;
  const kept = parts.filter((s, i) => s !== '' || i === 0);
  return host.platform === 'darwin' ? kept.map((s) => s.normalize('NFC')) : kept;
}

function globToRegExp(glob: string, insensitive: boolean): RegExp {
  const body = glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/\\\\]*');
  return new RegExp(`^${body}$`, insensitive ? 'i' : '');
}

function matches(host: Pick<Host, 'platform' | 'path'>, pattern: string, parts: readonly string[]): boolean {
  const want = pathComponents(host, pattern);
  if (!want || want.length !== parts.length) return false;
  const insensitive = host.platform === 'win32';
  return want.every((w, i) => globToRegExp(w, insensitive).test(parts[i]!));
}

function inside(host: Pick<Host, 'platform' | 'path'>, anchor: string, parts: readonly string[]): boolean {
  const a = pathComponents(host, anchor);
  if (!a || a.length >= parts.length) return false;
  const eq = (x: string, y: string): boolean => (host.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y);
  return a.every((s, i) => eq(s, parts[i]!));
}

/** What the allowlist lets us do to `path`, or null. `..`, relative paths and paths outside the anchors are never allowed. */
export function allowedAction(host: Pick<Host, 'platform' | 'path'>, list: Allowlist, path: string): AllowedAction | null {
  const parts = pathComponents(host, path);
  if (!parts) return null;
  if (!list.anchors.some((a) => inside(host, a, parts))) return null;
  const entry = list.entries.find((e) => matches(host, e.pattern, parts));
  if (entry) return entry.action;
  const base = parts[parts.length - 1]!;
  const folder = parts.slice(0, -1);
  const inInstallerFolder = list.installerFolders.some((f) => {
    const fp = pathComponents(host, f);
    return fp !== null && fp.length === folder.length && fp.every((s, i) => (host.platform === 'win32' ? s.toLowerCase() === folder[i]!.toLowerCase() : s === folder[i]));
  });
  if (inInstallerFolder && isInstallerName(base, list.installerPatterns)) return 'trash';
  return null;
}
