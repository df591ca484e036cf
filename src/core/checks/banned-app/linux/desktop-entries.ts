/**
 * Desktop entries that start the banned app or open its links: menu entries (~/.local/share/applications,
 * and `applications` in each $XDG_DATA_DIRS, by default /usr/local/share and /usr/share) and autostart entries
 * (~/.config/autostart, and `autostart` in each $XDG_CONFIG_DIRS, by default /etc/xdg), of this user and of the other people on the PC. An entry is the app's when its
 * Exec starts the app (see app-launch.ts) or its MimeType handles the app's URL schemes; an entry of another
 * package, or one that merely mentions the name (a magnifier whose name is a word of the app's), is not. Links are never followed.
 */
import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { errorText, type CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { lookedAt } from '../leftovers';
import { otherHomesProbe, type HomeScan } from '../other-homes';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { appLaunchOf } from './app-launch';
import { execArgv, parseDesktopEntry } from './desktop-entry';
import { packagesOwning } from './package-owning';

/** Which kind of entry: a menu entry or an autostart one. */
export type EntryForm = 'desktop-entry' | 'autostart';

/** Entries listed per folder at most (a menu folder holds a few hundred). */
const MAX_ENTRIES = 2000;
/** A desktop entry is a few hundred bytes; anything larger is not read. */
const MAX_ENTRY_BYTES = 256 * 1024;

/** The `x-scheme-handler/…` types of the app's URL schemes. */
export function schemeTypes(app: BannedApp): string[] {
  return app.urlSchemes.map((s) => `x-scheme-handler/${s}`);
}

/** What one entry file says, when it is the app's: what it starts, which of its links it opens. */
export interface AppEntry {
  readonly program?: string;
  readonly runs: boolean;
  readonly schemes: readonly string[];
  readonly exec?: string;
}

/** Reads and judges one entry file (already known to be a plain file); null when it is not the app's. */
export async function appEntryOf(host: Host, app: BannedApp, path: string): Promise<AppEntry | null> {
  const entry = parseDesktopEntry(await host.readText(path, { links: 'refuse', maxBytes: MAX_ENTRY_BYTES }));
  // Hidden=true is how a person hides a system entry: it starts nothing.
  if (!entry || entry.hidden) return null;
  const argv = entry.exec !== undefined ? execArgv(entry.exec) : null;
  const launch = argv ? await appLaunchOf(host, app, argv) : null;
  const types = schemeTypes(app);
  const schemes = entry.mimeTypes.filter((m) => types.includes(m)).map((m) => m.slice('x-scheme-handler/'.length));
  if (!launch && schemes.length === 0) return null;
  return { ...(launch ? { program: launch.program } : {}), runs: launch?.runs ?? false, schemes, ...(entry.exec !== undefined ? { exec: entry.exec } : {}) };
}

function labelOf(path: string, e: AppEntry): Message {
  const schemes = e.schemes.join(', ');
  if (e.program && schemes) return { key: e.runs ? 'bannedApp:evidence.entry.startsAndHandles' : 'bannedApp:evidence.entry.startedAndHandles', params: { path, program: e.program, schemes } };
  if (e.program) return { key: e.runs ? 'bannedApp:evidence.entry.starts' : 'bannedApp:evidence.entry.started', params: { path, program: e.program } };
  return { key: 'bannedApp:evidence.entry.handles', params: { path, schemes } };
}

/** The hit of one entry. It joins its package's install when a package of the policy owns it. */
export function entryHit(app: BannedApp, path: string, form: EntryForm, e: AppEntry, owner: { readonly manager: string; readonly name: string } | null): Hit {
  const state = e.runs ? 'runs' : 'leftover';
  return {
    kind: owner ? 'leftover' : e.runs ? 'installed' : 'leftover',
    install: owner ? `${owner.manager}:${owner.name}` : `entry:${path}`,
    source: path,
    ...(owner ? {} : { remediation: 'remove.checked' }),
    title: { key: `bannedApp:form.${form}.${state}`, params: { app: app.name } },
    evidence: {
      kind: 'launcher',
      path,
      detail: `${form} ${path}: Exec=${e.exec ?? '(none)'}${e.schemes.length ? `; handles ${e.schemes.join(', ')}` : ''}`,
      label: labelOf(path, e),
      data: {
        path,
        form,
        runs: e.runs ? '1' : '0',
        ...(e.program ? { program: e.program } : {}),
        ...(e.schemes.length ? { schemes: e.schemes.join(',') } : {}),
        ...(owner ? { package: owner.name, manager: owner.manager } : {}),
      },
    },
  };
}

/** The `.desktop` plain files of a folder and of its direct subfolders (the spec's `vendor-` ids); links skipped. */
async function entryFiles(host: Host, dir: string): Promise<{ files: string[]; skipped: number }> {
  const files: string[] = [];
  let skipped = 0;
  const entries = (await host.list(dir)).slice(0, MAX_ENTRIES);
  for (const e of entries) {
    const path = host.path.join(dir, e.name);
    if (e.type === 'dir') {
      const inner = await host.list(path).catch(() => []);
      for (const f of inner.slice(0, MAX_ENTRIES)) {
        if (!f.name.endsWith('.desktop')) continue;
        if (f.type === 'file') files.push(host.path.join(path, f.name));
        else skipped++;
      }
    } else if (e.name.endsWith('.desktop')) {
      if (e.type === 'file') files.push(path);
      else skipped++; // a link: never followed (it could point anywhere)
    }
  }
  return { files, skipped };
}

/**
 * Scans entry folders. `system`: folders of packages, where an entry is looked up in the package
 * database: one of the policy's packages joins that install; another package's is not the app's.
 */
export async function scanEntryFolders(host: Host, app: BannedApp, folders: readonly string[], form: EntryForm, system: boolean): Promise<HomeScan> {
  const hits: Hit[] = [];
  const failures: Message[] = [];
  for (const dir of folders) {
    let list;
    try {
      list = await entryFiles(host, dir);
    } catch (e) {
      if (isHostError(e) && (e.code === 'not-found' || e.code === 'not-a-directory')) continue;
      failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), dir));
      continue;
    }
    for (const path of list.files) {
      let found: AppEntry | null;
      try {
        found = await appEntryOf(host, app, path);
      } catch (e) {
        // Too large, vanished, or unreadable: not an entry a desktop could show us either; only a refusal counts.
        if (isHostError(e) && e.code === 'permission') failures.push(readFailure(e, path));
        continue;
      }
      if (!found) continue;
      let owner: { manager: string; name: string } | null = null;
      if (system) {
        const owners = await packagesOwning(host, path);
        if (owners.length > 0) {
          const named = owners.find((o) => app.linux[o.manager].includes(o.name));
          if (!named) continue; // another package's entry: that package's program, not the app
          owner = named;
        }
      }
      hits.push(entryHit(app, path, form, found, owner));
    }
  }
  return { hits, failures, looked: folders };
}

/** The current user's data and config folders (XDG_DATA_HOME, XDG_CONFIG_HOME when absolute). */
export function xdgHome(host: Host, which: 'data' | 'config', home: string = host.homedir): string {
  const own = home === host.homedir ? (which === 'data' ? host.env.XDG_DATA_HOME : host.env.XDG_CONFIG_HOME) : undefined;
  if (own && host.path.isAbsolute(own)) return own;
  return which === 'data' ? host.path.join(home, '.local', 'share') : host.path.join(home, '.config');
}

/** The system's data or config folders: $XDG_DATA_DIRS / $XDG_CONFIG_DIRS (absolute entries), else the spec's defaults. */
export function xdgSystemDirs(host: Host, which: 'data' | 'config'): string[] {
  const raw = which === 'data' ? host.env.XDG_DATA_DIRS : host.env.XDG_CONFIG_DIRS;
  const dirs = (raw ?? '').split(':').filter((d) => d !== '' && host.path.isAbsolute(d));
  if (dirs.length > 0) return [...new Set(dirs)];
  return which === 'data' ? ['/usr/local/share', '/usr/share'] : ['/etc/xdg'];
}

/** Menu entries of a home, and the system's. */
function menuFolders(host: Host, home: string): { user: string[]; system: string[] } {
  return { user: [host.path.join(xdgHome(host, 'data', home), 'applications')], system: xdgSystemDirs(host, 'data').map((d) => host.path.join(d, 'applications')) };
}

/** Autostart entries of a home, and the system's. */
function autostartFolders(host: Host, home: string): { user: string[]; system: string[] } {
  return { user: [host.path.join(xdgHome(host, 'config', home), 'autostart')], system: xdgSystemDirs(host, 'config').map((d) => host.path.join(d, 'autostart')) };
}

function entriesProbe(id: string, form: EntryForm, folders: (host: Host, home: string) => { user: string[]; system: string[] }): Probe {
  return {
    id,
    async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
      if (app.urlSchemes.length === 0 && app.linux.launchers.length === 0 && app.linux.tarballFiles.length === 0) return notApplicable('nothing in the policy starts the app');
      const f = folders(ctx.host, ctx.host.homedir);
      const user = await scanEntryFolders(ctx.host, app, f.user, form, false);
      const system = await scanEntryFolders(ctx.host, app, f.system, form, true);
      const hits = [...user.hits, ...system.hits];
      const failures = [...user.failures, ...system.failures];
      const looked = lookedAt([...f.user, ...f.system]);
      if (hits.length > 0 || failures.length === 0) return ran(looked, hits);
      return { status: 'unknown', looked, reason: failures[0]! };
    },
  };
}

/** Menu entries of this user and of the system that start the app or open its links. */
export const desktopEntriesProbe: Probe = entriesProbe('linux.desktop-entries', 'desktop-entry', menuFolders);

/** Autostart entries of this user and of the system that start the app. */
export const autostartProbe: Probe = entriesProbe('linux.autostart', 'autostart', autostartFolders);

/** Menu and autostart entries in the other users' homes. */
export const otherUsersEntriesProbe: Probe = otherHomesProbe(
  'linux.desktop-entries.other-users',
  (app) => app.urlSchemes.length > 0 || app.linux.launchers.length > 0,
  async (ctx, app, home) => {
    const menus = await scanEntryFolders(ctx.host, app, menuFolders(ctx.host, home.home).user, 'desktop-entry', false);
    const auto = await scanEntryFolders(ctx.host, app, autostartFolders(ctx.host, home.home).user, 'autostart', false);
    return { hits: [...menus.hits, ...auto.hits], failures: [...menus.failures, ...auto.failures], looked: [...menus.looked, ...auto.looked] };
  },
);
