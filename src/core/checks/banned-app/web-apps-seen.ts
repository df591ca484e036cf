/**
 * The browser web apps (PWAs and "Create shortcut… / Open as window" apps) of one home's Chromium-family
 * browsers (the current user's, or another person's: web-apps.ts), as the browsers record them on disk (chromium `chrome/browser/web_applications`, `shell_integration_*`):
 * - every OS: `PROFILE/Web Applications/Manifest Resources/APP_ID/` (the app's icons, kept while it is installed);
 * - Linux: a menu entry `~/.local/share/applications/BROWSER-APP_ID-PROFILE.desktop` whose Exec runs the browser
 *   with `--app-id=APP_ID` (older shortcuts and hand-made ones: `--app=URL`), Name = the app's name;
 * - macOS: an app shim `~/Applications/Chrome Apps.localized/NAME.app` (Edge, Brave… likewise) whose Info.plist
 *   holds `CrAppModeShortcutID`, `CrAppModeShortcutName`, `CrAppModeShortcutURL`, `CrAppModeProfileDir`;
 * - Windows: a Start-menu shortcut (`Programs\Chrome Apps\NAME.lnk`, or in `Programs`) running the browser's
 *   `*_proxy.exe` with `--profile-directory=PROFILE --app-id=APP_ID`; its file name is the app's name.
 * Nothing is opened but these small files; a link is never followed.
 */
import type { Message } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import { parseShellLink, shellLinkTarget, MAX_SHELL_LINK_BYTES } from '../../windows/shell-link';
import { readFailure } from '../reasons';
import { chromiumLocations, windowsBase } from './browser-extensions-locations';
import { execArgv, parseDesktopEntry } from './linux/desktop-entry';
import { readPlistDict } from './macos/plist-read';
import { plistString } from './macos/plist-xml';

/** Where a web app was seen. */
export type WebAppForm = 'web-app-folder' | 'desktop-entry' | 'app-shim' | 'shortcut';

/** One web app as one of its records says it. */
export interface SeenWebApp {
  readonly form: WebAppForm;
  /** The file or folder read. */
  readonly path: string;
  /** The Chromium web-app id, where recorded. */
  readonly id?: string;
  /** The name the app gives itself, where recorded. */
  readonly name?: string;
  /** The start URL, where recorded. */
  readonly url?: string;
  /** The browser's product name, where known. */
  readonly browser?: string;
  /** The browser profile's folder name, where recorded. */
  readonly profile?: string;
}

/** What the readers saw, the places they looked at, and what they could not read. */
export interface WebAppScan {
  readonly seen: readonly SeenWebApp[];
  readonly looked: readonly string[];
  readonly failures: readonly Message[];
}

const PROFILE = /^(Default|Profile \d+)$/;
const APP_ID = /^[a-p]{32}$/;
/** A menu folder or Start menu holds a few hundred entries; more is not read. */
const MAX_ENTRIES = 2000;
const MAX_SMALL_FILE = 256 * 1024;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function isNotFound(e: unknown): boolean {
  return isHostError(e) && e.code === 'not-found';
}

/** A browser's product name from a program, file-name prefix or shim folder (`chrome_proxy.exe`, `msedge`, `Chrome Apps`). */
export function browserName(token: string): string {
  const t = token.toLowerCase().replace(/\.exe$/, '').replace(/ apps(\.localized)?$/, '');
  if (/chromium/.test(t)) return 'Chromium';
  if (/edge/.test(t)) return 'Microsoft Edge';
  if (/brave/.test(t)) return 'Brave';
  if (/coccoc|cốc cốc/.test(t)) return 'Cốc Cốc';
  if (/chrome/.test(t)) return 'Google Chrome';
  return token.replace(/\.exe$/i, '');
}

/** `--name=value` from an argv, the first one. */
function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** Splits a Windows shortcut's Arguments string as CommandLineToArgvW does for these flags: spaces split, double quotes group (`--profile-directory="Profile 1"`). */
function splitArguments(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const c of s) {
    if (c === '"') {
      quoted = !quoted;
      any = true;
    } else if (/\s/.test(c) && !quoted) {
      if (any || cur) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (any || cur) out.push(cur);
  return out;
}

/** Lists a folder; null when it does not exist. Throws other read failures. */
async function listIfThere(host: Host, dir: string): Promise<Awaited<ReturnType<Host['list']>> | null> {
  try {
    return (await host.list(dir)).slice(0, MAX_ENTRIES);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Every OS: the Manifest Resources folder of each web app in each profile of each Chromium-family browser. */
async function profileFolders(host: Host, home: string, out: Mutable): Promise<void> {
  for (const loc of chromiumLocations(host, home)) {
    let profiles;
    try {
      profiles = await listIfThere(host, loc.dir);
    } catch (e) {
      out.failures.push(readFailure(asError(e), loc.dir));
      continue;
    }
    if (!profiles) continue;
    for (const p of profiles.filter((x) => PROFILE.test(x.name) && x.type === 'dir')) {
      const dir = host.path.join(loc.dir, p.name, 'Web Applications', 'Manifest Resources');
      out.looked.push(dir);
      try {
        const apps = await listIfThere(host, dir);
        for (const a of apps ?? []) if (a.type === 'dir' && APP_ID.test(a.name)) out.seen.push({ form: 'web-app-folder', path: host.path.join(dir, a.name), id: a.name, browser: loc.name, profile: p.name });
      } catch (e) {
        out.failures.push(readFailure(asError(e), dir));
      }
    }
  }
}

/** Linux: menu entries that start a browser in app mode (`--app-id=`, `--app=`). */
async function linuxEntries(host: Host, home: string, out: Mutable): Promise<void> {
  // $XDG_DATA_HOME is the current user's; another home has the default place.
  const own = home === host.homedir ? host.env.XDG_DATA_HOME : undefined;
  const data = own && host.path.isAbsolute(own) ? own : host.path.join(home, '.local', 'share');
  const dir = host.path.join(data, 'applications');
  out.looked.push(dir);
  let entries;
  try {
    entries = await listIfThere(host, dir);
  } catch (e) {
    out.failures.push(readFailure(asError(e), dir));
    return;
  }
  for (const f of entries ?? []) {
    if (f.type !== 'file' || !f.name.endsWith('.desktop')) continue;
    const path = host.path.join(dir, f.name);
    try {
      const entry = parseDesktopEntry(await host.readText(path, { links: 'refuse', maxBytes: MAX_SMALL_FILE }));
      if (!entry || entry.hidden || entry.exec === undefined) continue;
      const argv = execArgv(entry.exec) ?? [];
      const id = flag(argv, 'app-id');
      const url = flag(argv, 'app');
      if (id === undefined && url === undefined) continue;
      const profile = flag(argv, 'profile-directory');
      const program = argv[0] ? host.path.basename(argv[0]) : undefined;
      out.seen.push({ form: 'desktop-entry', path, ...(id && APP_ID.test(id) ? { id } : {}), ...(entry.name ? { name: entry.name } : {}), ...(url ? { url } : {}), ...(program ? { browser: browserName(program) } : {}), ...(profile ? { profile } : {}) });
    } catch (e) {
      out.failures.push(readFailure(asError(e), path));
    }
  }
}

/** macOS: the app shims in `~/Applications/* Apps.localized` (Chrome Apps, Edge Apps, ...). */
async function macShims(host: Host, home: string, out: Mutable): Promise<void> {
  const apps = host.path.join(home, 'Applications');
  let folders;
  try {
    folders = await listIfThere(host, apps);
  } catch (e) {
    out.failures.push(readFailure(asError(e), apps));
    return;
  }
  for (const folder of (folders ?? []).filter((x) => x.type === 'dir' && / Apps(\.localized)?$/.test(x.name))) {
    const dir = host.path.join(apps, folder.name);
    out.looked.push(dir);
    let shims;
    try {
      shims = await listIfThere(host, dir);
    } catch (e) {
      out.failures.push(readFailure(asError(e), dir));
      continue;
    }
    for (const shim of (shims ?? []).filter((x) => x.type === 'dir' && x.name.endsWith('.app'))) {
      const plist = host.path.join(dir, shim.name, 'Contents', 'Info.plist');
      try {
        const d = await readPlistDict(host, plist);
        const id = plistString(d, 'CrAppModeShortcutID');
        const name = plistString(d, 'CrAppModeShortcutName') ?? shim.name.replace(/\.app$/, '');
        const url = plistString(d, 'CrAppModeShortcutURL');
        const profile = plistString(d, 'CrAppModeProfileDir');
        out.seen.push({ form: 'app-shim', path: host.path.join(dir, shim.name), ...(id && APP_ID.test(id) ? { id } : {}), name, ...(url ? { url } : {}), browser: browserName(folder.name), ...(profile ? { profile: profile.split('/').pop()! } : {}) });
      } catch (e) {
        out.failures.push(readFailure(asError(e), plist));
      }
    }
  }
}

/** Windows: Start-menu shortcuts that run a browser with `--app-id=` (Programs\Chrome Apps, and Programs itself). */
async function windowsShortcuts(host: Host, home: string, out: Mutable): Promise<void> {
  const programs = host.path.join(windowsBase(host, 'APPDATA', home), 'Microsoft', 'Windows', 'Start Menu', 'Programs');
  for (const dir of [host.path.join(programs, 'Chrome Apps'), programs]) {
    out.looked.push(dir);
    let links;
    try {
      links = await listIfThere(host, dir);
    } catch (e) {
      out.failures.push(readFailure(asError(e), dir));
      continue;
    }
    for (const f of (links ?? []).filter((x) => x.type === 'file' && x.name.toLowerCase().endsWith('.lnk'))) {
      const path = host.path.join(dir, f.name);
      try {
        const link = parseShellLink(await host.readBytes(path, { maxBytes: MAX_SHELL_LINK_BYTES, links: 'refuse' }));
        const argv = splitArguments(link.arguments ?? '');
        const id = flag(argv, 'app-id');
        if (!id || !APP_ID.test(id)) continue;
        const target = shellLinkTarget(link);
        const profile = flag(argv, 'profile-directory');
        out.seen.push({ form: 'shortcut', path, id, name: f.name.replace(/\.lnk$/i, ''), ...(target ? { browser: browserName(host.path.win32.basename(target)) } : {}), ...(profile ? { profile } : {}) });
      } catch (e) {
        // A shortcut that is not a readable shell link is someone else's concern: say it only when the file could not be read.
        if (isHostError(e)) out.failures.push(readFailure(e, path));
      }
    }
  }
}

interface Mutable {
  seen: SeenWebApp[];
  looked: string[];
  failures: Message[];
}

/** Every web app the browsers record in one home (the current user's by default; a Windows profile folder) on this platform. */
export async function scanWebApps(host: Host, home: string = host.homedir): Promise<WebAppScan> {
  const out: Mutable = { seen: [], looked: [], failures: [] };
  await profileFolders(host, home, out);
  if (host.platform === 'linux') await linuxEntries(host, home, out);
  else if (host.platform === 'darwin') await macShims(host, home, out);
  else await windowsShortcuts(host, home, out);
  return out;
}
