/**
 * Whether a command line (a desktop entry's Exec) starts the banned app, and whether that app is still
 * there to start. By what the program is: one of the policy's launchers (/usr/bin/APP, /opt/APP/…),
 * a program of an unpacked tarball (or a path named like one where nothing is left: the tarball's entry
 * after its folder was deleted), or `flatpak run`/`snap run` of the app's id. A bare name (`APP`), another
 * program that only mentions the app, or an existing file of that name that is no tarball is not it.
 */
import type { Host } from '../../../host/host';
import { diskPath } from '../../../host/package-root';
import type { BannedApp } from '../../../policy/policy-schema';
import { existsFollowing } from '../program-exists';
import { programOf } from './desktop-entry';
import { isTarballFolder } from './tarball';

/** What an entry starts, when it is the app. */
export interface AppLaunch {
  /** The program, or `flatpak run ID` / `snap run NAME`. */
  readonly program: string;
  /** How it was recognised. */
  readonly via: 'launcher' | 'tarball' | 'flatpak' | 'snap';
  /** The app is still there to start: the program exists (links followed), or the flatpak/snap is deployed. */
  readonly runs: boolean;
}

async function flatpakDeployed(host: Host, id: string): Promise<boolean> {
  for (const dir of ['/var/lib/flatpak', host.path.join(host.homedir, '.local', 'share', 'flatpak')]) {
    if ((await host.stat(host.path.join(dir, 'app', id)).catch(() => null))?.type === 'dir') return true;
  }
  return false;
}

/** What `argv` (an Exec line already split) starts, when it is the app; null otherwise. */
export async function appLaunchOf(host: Host, app: BannedApp, argv: readonly string[]): Promise<AppLaunch | null> {
  const [program, ...args] = programOf(argv);
  if (!program) return null;
  const base = host.path.basename(program);
  if (base === 'flatpak' && args.includes('run')) {
    const id = args.find((a) => app.linux.flatpak.includes(a));
    return id ? { program: `flatpak run ${id}`, via: 'flatpak', runs: await flatpakDeployed(host, id) } : null;
  }
  if ((base === 'snap' && args[0] === 'run') || program.startsWith('/snap/bin/')) {
    const name = base === 'snap' ? args[1] : base;
    if (!name || !app.linux.snap.includes(name)) return null;
    return { program: base === 'snap' ? `snap run ${name}` : program, via: 'snap', runs: await existsFollowing(host, `/snap/bin/${name}`) };
  }
  if (!host.path.isAbsolute(program)) return null;
  // The launchers are the package database's paths (/usr/bin/APP); in a dpkg sandbox they lie under its root.
  if (app.linux.launchers.some((l) => l === program || diskPath(host, l) === program)) return { program, via: 'launcher', runs: await existsFollowing(host, diskPath(host, program)) };
  if (app.linux.tarballFiles.includes(base)) {
    if (await isTarballFolder(host, app, host.path.dirname(program))) return { program, via: 'tarball', runs: true };
    // Nothing at all at that path any more (the unpacked folder was deleted): an entry the tarball left behind.
    if ((await host.stat(program).catch(() => undefined)) === null) return { program, via: 'tarball', runs: false };
  }
  return null;
}
