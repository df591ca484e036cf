/**
 * The app's official tarball (APP_x86_64.tar.xz) unpacked anywhere in a home folder: a folder that holds
 * every file the policy names (`linux.tarballFiles`, e.g. the launcher and the client), each a real program
 * (an ELF file, not a link). Recognised by its files, never by the folder's name. The walk is bounded
 * (depth and folders listed) and never follows a link.
 */
import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';
import type { Hit } from '../probe';

/** How deep below the home a tarball folder may lie (~/Downloads/APP is 2). */
export const TARBALL_MAX_DEPTH = 4;
/** How many folders one home's walk lists at most. */
export const TARBALL_MAX_FOLDERS = 4000;

/** Folders never walked into: caches, trash, other package managers' stores (nobody unpacks an app there by hand). */
const SKIP = new Set(['.cache', '.git', 'node_modules', '.npm', '.cargo', '.rustup', '.mozilla', '.var', 'Trash', 'flatpak', 'snap', '.wine', 'proc']);

const ELF = [0x7f, 0x45, 0x4c, 0x46];

/** True when `path` is a plain file (not a link) starting with the ELF magic. */
export async function isProgram(host: Host, path: string): Promise<boolean> {
  const st = await host.stat(path).catch(() => null);
  if (st?.type !== 'file' || st.size < 4) return false;
  try {
    const b = await host.readBytes(path, { links: 'refuse', maxBytes: 4, head: true });
    return ELF.every((x, i) => b[i] === x);
  } catch {
    return false;
  }
}

/** True when `dir` holds every tarball file of the app, each a program. */
export async function isTarballFolder(host: Host, app: BannedApp, dir: string): Promise<boolean> {
  const files = app.linux.tarballFiles;
  if (files.length === 0) return false;
  for (const f of files) if (!(await isProgram(host, host.path.join(dir, f)))) return false;
  return true;
}

/** What a walk of one home found. */
export interface TarballScan {
  readonly hits: readonly Hit[];
  readonly failures: readonly Message[];
  /** The walk stopped at its bound before seeing every folder. */
  readonly cut: boolean;
}

/** The hit of one unpacked tarball: an install of its own (`folder:DIR`), removed after a check at run time. */
export function tarballHit(app: BannedApp, dir: string): Hit {
  return {
    kind: 'installed',
    install: `folder:${dir}`,
    source: dir,
    remediation: 'remove.checked',
    title: { key: 'bannedApp:form.tarball.title', params: { app: app.name } },
    evidence: {
      kind: 'folder',
      path: dir,
      detail: `${dir} (${app.linux.tarballFiles.join(', ')}: unpacked tarball, no package owns it)`,
      label: { key: 'bannedApp:evidence.tarball', params: { path: dir, files: app.linux.tarballFiles.join(', ') } },
      data: { path: dir, form: 'tarball' },
    },
  };
}

/** What a walk of one home for folders of some kind found: the folders, failures and whether it was cut. */
export interface FolderWalk {
  readonly folders: readonly string[];
  readonly failures: readonly Message[];
  readonly cut: boolean;
}

/**
 * Walks `home` breadth first (shallow places first), to TARBALL_MAX_DEPTH, listing at most `maxFolders`
 * folders, for the folders below it that list a plain file named `marker` and that `isMatch` accepts (not
 * walked into: their own folders are part of them); links are never followed, the skipped folders never entered.
 */
export async function walkHomeFor(host: Host, home: string, marker: string, isMatch: (dir: string) => Promise<boolean>, maxFolders: number = TARBALL_MAX_FOLDERS): Promise<FolderWalk> {
  const folders: string[] = [];
  const failures: Message[] = [];
  let queue: string[] = [home];
  let listed = 0;
  for (let depth = 0; depth <= TARBALL_MAX_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (listed >= maxFolders) return { folders, failures, cut: true };
      listed++;
      let entries;
      try {
        entries = await host.list(dir);
      } catch (e) {
        // The home itself unreadable is a failure; a folder inside it that vanished or refuses us is only skipped.
        if (dir === home && !(isHostError(e) && e.code === 'not-found')) failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), dir));
        continue;
      }
      if (dir !== home && entries.some((e) => e.name === marker && e.type === 'file') && (await isMatch(dir))) {
        folders.push(dir);
        continue; // its own folders (Qt plugins, ...) are part of it
      }
      for (const e of entries) {
        if (e.type !== 'dir' || SKIP.has(e.name)) continue;
        // Hidden folders hold settings, not programs: only ~/.local (where ~/.local/opt or ~/.local/APP lie) is walked.
        if (e.name.startsWith('.') && !(dir === home && e.name === '.local')) continue;
        next.push(host.path.join(dir, e.name));
      }
    }
    queue = next;
  }
  return { folders, failures, cut: false };
}

/** The app's unpacked tarballs in `home` (see walkHomeFor), each a hit. */
export async function scanHomeForTarballs(host: Host, app: BannedApp, home: string, maxFolders: number = TARBALL_MAX_FOLDERS): Promise<TarballScan> {
  const marker = app.linux.tarballFiles[0];
  if (!marker) return { hits: [], failures: [], cut: false };
  const w = await walkHomeFor(host, home, marker, (dir) => isTarballFolder(host, app, dir), maxFolders);
  return { hits: w.folders.map((d) => tarballHit(app, d)), failures: w.failures, cut: w.cut };
}
