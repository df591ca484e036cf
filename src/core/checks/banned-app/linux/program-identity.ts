/**
 * What a Linux program found by its name really is: a name says nothing (a Debian game player ships
 * a program of the same name in /usr/games), so a program is the banned app only when its executable lies under one of the app's
 * install places or belongs to a package the policy bans; never when another package owns it.
 */
import { isHostError, type Host } from '../../../host/host';
import { diskPath } from '../../../host/package-root';
import type { BannedApp } from '../../../policy/policy-schema';
import { splitLines } from '../../../text/lines';
import { trimTrailing } from '../../../text/trim-trailing';
import { packagesOwning, type OwningPackage } from './package-owning';

/** What an executable was found to be. */
export type ProgramIdentity =
  /** Under an install place of the app (e.g. /opt/APP, /snap/SNAP), or in a folder holding its other programs (the tarball). */
  | { readonly is: 'app'; readonly by: 'place' | 'folder'; readonly exe: string }
  /** Owned by a package the policy bans. */
  | { readonly is: 'app'; readonly by: 'package'; readonly exe: string; readonly pkg: OwningPackage }
  /** Owned by another package only: not the app. */
  | { readonly is: 'other'; readonly exe: string; readonly pkg: OwningPackage }
  /** Read, but in no place of the app, no folder of its programs and no package: it cannot be told. */
  | { readonly is: 'unconfirmed'; readonly why: 'elsewhere'; readonly exe: string }
  /** Its executable could not be read (another user's process, no permission). */
  | { readonly is: 'unconfirmed'; readonly why: 'unreadable'; readonly detail: string };

/** Folders the app's programs live in, on disk: the policy's install paths, its snaps' and flatpaks' folders. */
export function appPlaces(host: Pick<Host, 'env' | 'homedir' | 'path'>, app: BannedApp): string[] {
  const p = host.path;
  return [
    ...app.linux.installPaths.map((x) => diskPath(host, x)),
    ...app.linux.snap.map((s) => `/snap/${s}`),
    ...app.linux.flatpak.flatMap((id) => [`/var/lib/flatpak/app/${id}`, p.join(host.homedir, '.local', 'share', 'flatpak', 'app', id)]),
  ].map((x) => trimTrailing(x, '/'));
}

/** True when `path` is `dir` or lies inside it (compared component by component). */
function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** The executable's folder holds another program of the app beside it (the launcher beside the client, as the tarball has them): its own folder. */
async function besideItsPrograms(host: Host, app: BannedApp, exe: string): Promise<boolean> {
  const dir = host.path.dirname(exe);
  const self = host.path.basename(exe);
  for (const name of app.linux.processNames) {
    if (name === self) continue;
    try {
      const st = await host.stat(host.path.join(dir, name));
      if (st && st.type === 'file') return true;
    } catch {
      // unreadable: says nothing either way
    }
  }
  return false;
}

/** What an executable on disk is (an absolute path, links already resolved as /proc/PID/exe gives it). */
export async function identifyProgram(host: Host, app: BannedApp, exe: string): Promise<ProgramIdentity> {
  // The kernel marks a replaced or removed executable: the path is the one it was run from.
  const path = exe.replace(/ \(deleted\)$/, '');
  if (appPlaces(host, app).some((d) => under(path, d))) return { is: 'app', by: 'place', exe: path };
  const owners = await packagesOwning(host, path);
  const banned = owners.find((o) => app.linux[o.manager].includes(o.name));
  if (banned) return { is: 'app', by: 'package', exe: path, pkg: banned };
  if (owners[0]) return { is: 'other', exe: path, pkg: owners[0] };
  if (await besideItsPrograms(host, app, path)) return { is: 'app', by: 'folder', exe: path };
  return { is: 'unconfirmed', why: 'elsewhere', exe: path };
}

/** `name=` of the `[Application]` section of a .flatpak-info file, read a line at a time; null when it has none. */
export function flatpakAppName(info: string): string | null {
  const lines = splitLines(info);
  const start = lines.findIndex((l) => l.trimEnd() === '[Application]');
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('['));
  const section = lines.slice(start + 1, end < 0 ? undefined : end);
  return section.map((l) => /^name=(.+)$/.exec(l)?.[1]?.trim()).find((n) => n !== undefined) ?? null;
}

/** The flatpak app a process runs in (`/proc/PID/root/.flatpak-info`), or null when it runs in none or it cannot be read. */
async function flatpakOf(host: Host, pid: number): Promise<string | null> {
  try {
    // A plain file flatpak mounts there; a link or FIFO in a root the process's user made is not followed or read.
    const info = await host.readText(`/proc/${pid}/root/.flatpak-info`, { maxBytes: 64 * 1024, links: 'refuse' });
    return flatpakAppName(info);
  } catch {
    return null;
  }
}

/**
 * What a running process is, from its executable (`/proc/PID/exe`); null when the process has ended
 * (known only when /proc could be listed: a process `ps` found where /proc is not readable is unreadable).
 * A process inside a flatpak sandbox of the app is the app whatever its path inside the sandbox says.
 */
export async function identifyProcess(host: Host, app: BannedApp, pid: number, procListed: boolean): Promise<ProgramIdentity | null> {
  let exe: string;
  try {
    exe = await host.readLink(`/proc/${pid}/exe`);
  } catch (e) {
    if (procListed && isHostError(e) && e.code === 'not-found') {
      // Gone, or a process without an executable we may see: which one, /proc/PID itself says.
      try {
        if ((await host.stat(`/proc/${pid}`)) === null) return null;
      } catch {
        // cannot tell: unreadable
      }
    }
    return { is: 'unconfirmed', why: 'unreadable', detail: e instanceof Error ? e.message : String(e) };
  }
  const flatpak = await flatpakOf(host, pid);
  if (flatpak && app.linux.flatpak.includes(flatpak)) return { is: 'app', by: 'package', exe, pkg: { manager: 'flatpak', name: flatpak } };
  return identifyProgram(host, app, exe);
}
