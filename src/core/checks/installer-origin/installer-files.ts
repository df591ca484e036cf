/**
 * The installer files of any app lying in the current user's download folders: regular files (never a link, whose
 * target lies elsewhere, nor a FIFO or device) whose name ends in one of the policy's extensions, each folder listed
 * once and not recursively. Bounded: at most MAX_INSTALLERS are judged, the newest first; the rest are counted.
 */
import type { Message } from '../../../shared/finding';
import type { Host } from '../../host/host';
import { listInstallerFolders } from '../banned-app/installers';

/** At most this many installers have their origin read in one check (each read may run a tool). */
export const MAX_INSTALLERS = 200;

/** At most this many installer-named entries are stat'ed to find the newest (a folder may hold tens of thousands). */
const MAX_STATTED = 2_000;

/** One installer file found. */
export interface InstallerFile {
  readonly path: string;
  readonly name: string;
  readonly size?: number;
}

/** What the folders held: the installers to judge, how many more there were, the folders looked at and the failures. */
export interface InstallerListing {
  readonly files: readonly InstallerFile[];
  /** Installer files found beyond MAX_INSTALLERS, not judged. */
  readonly skipped: number;
  readonly looked: readonly string[];
  readonly failures: readonly Message[];
}

/** True when a file name ends in `.EXT` for one of the extensions (lower case, no dot), case-insensitively, NFC. */
export function hasInstallerExtension(name: string, extensions: readonly string[]): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return false;
  return extensions.includes(name.slice(dot + 1).normalize('NFC').toLowerCase());
}

/**
 * Lists each folder for installer files (listInstallerFolders: an absent folder is not there, an unreadable one a
 * failure with the reason). `skip`: names that are another check's (a banned app's installers).
 */
export async function listInstallers(host: Host, folders: readonly string[], extensions: readonly string[], skip: (name: string) => boolean): Promise<InstallerListing> {
  const found: { readonly path: string; readonly name: string; size?: number; mtimeMs: number }[] = [];
  const { listed, failures } = await listInstallerFolders(host, folders);
  let named = 0;
  for (const { folder, entries } of listed) {
    for (const entry of entries) {
      if (entry.type !== 'file' || !hasInstallerExtension(entry.name, extensions) || skip(entry.name)) continue;
      named += 1;
      if (found.length >= MAX_STATTED) continue;
      const path = host.path.join(folder, entry.name);
      let stat;
      try {
        stat = await host.stat(path);
      } catch {
        stat = undefined; // Listed but not stat-able: still an installer, size and age unknown.
      }
      // Gone since the listing, or replaced by a link or a folder: not a file to judge.
      if (stat === null || (stat && stat.type !== 'file')) {
        named -= 1;
        continue;
      }
      found.push({ path, name: entry.name, mtimeMs: stat?.mtimeMs ?? 0, ...(stat ? { size: stat.size } : {}) });
    }
  }
  // Newest first (what was just downloaded matters most), then by path so that the choice is stable.
  found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files = found.slice(0, MAX_INSTALLERS).map(({ path, name, size }) => ({ path, name, ...(size !== undefined ? { size } : {}) }));
  return { files, skipped: named - files.length, looked: listed.map((l) => l.folder), failures };
}
