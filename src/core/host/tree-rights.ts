/**
 * Whether anyone but root could change a tree that root is about to delete. Another user who owns or
 * can write a folder in the tree, or one of the folders above it, can swap its contents while the
 * delete runs; root then refuses (docs/removal.md). Looked at through the Host's lstat and listing,
 * never following a link.
 */
import { isHostError, type FileStat, type Host } from './host';

/** What may change a tree besides root. */
export type TreeRights =
  /** Only root can change the tree and the folders above it. */
  | { readonly state: 'root-only' }
  /** `path` (the tree, a folder in it or above it) is owned by another user (`uid`, to name them), writable by others, or a link. */
  | { readonly state: 'foreign'; readonly path: string; readonly why: 'owner' | 'writable' | 'link'; readonly uid?: number }
  /** The check could not finish: a folder unreadable, too many entries, or no owner/mode known. */
  | { readonly state: 'unchecked'; readonly path: string; readonly why: 'unreadable' | 'too-large' | 'no-owner'; readonly detail?: string };

/** Most folders and entries looked at in one tree; a larger tree is refused rather than half-checked. */
export const TREE_CHECK_LIMIT = 100_000;

/** Sticky: in such a folder only an entry's owner (or the folder's) may rename or delete it. */
const STICKY = 0o1000;

type Folder = { readonly ok: true } | Exclude<TreeRights, { state: 'root-only' }>;

/**
 * True when group or others may write the folder. Stricter than program-control.ts (which trusts root's
 * group): a POSIX ACL that grants some user write shows only as group write bits, whatever the group.
 */
function othersWrite(st: FileStat): boolean {
  return (st.mode! & 0o022) !== 0;
}

/** Checks one folder: root's, and written by root only (a sticky folder above the tree is fine: its entry below is root's). */
function folderRights(path: string, st: FileStat, above: boolean): Folder {
  if (st.type === 'symlink') return { state: 'foreign', path, why: 'link' };
  if (st.uid === undefined || st.mode === undefined) return { state: 'unchecked', path, why: 'no-owner' };
  if (st.uid !== 0) return { state: 'foreign', path, why: 'owner', uid: st.uid };
  if (othersWrite(st) && !(above && (st.mode & STICKY) !== 0)) return { state: 'foreign', path, why: 'writable' };
  return { ok: true };
}

/** The folders from `/` down to the one `parts` name: `/`, `/a`, `/a/b`. */
function downFromRoot(parts: readonly string[]): string[] {
  const out = ['/'];
  for (const p of parts) out.push(`${out.length === 1 ? '' : out.at(-1)!}/${p}`);
  return out;
}

/** A folder that could not be looked at, with the system's words. */
function unreadable(path: string, e: unknown): TreeRights {
  return { state: 'unchecked', path, why: 'unreadable', detail: isHostError(e) || e instanceof Error ? e.message : String(e) };
}

/**
 * Looks at every folder above `path` and, when `path` is a folder, every folder in it. macOS extended
 * ACLs do not show in the mode and are not read (docs/removal.md).
 */
export async function treeRights(host: Host, path: string, limit = TREE_CHECK_LIMIT): Promise<TreeRights> {
  const parts = path.split('/').filter((s) => s !== '');
  const chain = downFromRoot(parts);
  for (const [i, current] of chain.entries()) {
    let st;
    try {
      st = await host.stat(current);
    } catch (e) {
      return unreadable(current, e);
    }
    if (st === null) return { state: 'unchecked', path: current, why: 'unreadable', detail: 'not found' };
    const last = i === parts.length;
    // The tree itself when it is a file or a link: removing it is one unlink in a folder only root writes.
    if (last && st.type !== 'dir') return { state: 'root-only' };
    const r = folderRights(current, st, !last);
    if (!('ok' in r)) return r;
  }
  const pending = [chain.at(-1)!];
  let seen = 0;
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await host.list(dir);
    } catch (e) {
      return unreadable(dir, e);
    }
    seen += entries.length;
    if (seen > limit) return { state: 'unchecked', path, why: 'too-large', detail: `more than ${limit} entries` };
    for (const e of entries) {
      if (e.type !== 'dir') continue;
      const child = host.path.join(dir, e.name);
      let st;
      try {
        st = await host.stat(child);
      } catch (err) {
        return unreadable(child, err);
      }
      // Gone, or now something else than a folder: nothing to descend into (rm does not follow links either).
      if (st === null || st.type !== 'dir') continue;
      const r = folderRights(child, st, false);
      if (!('ok' in r)) return r;
      pending.push(child);
    }
  }
  return { state: 'root-only' };
}

/**
 * Whether only root can change the folders a file is written into (every folder from `/` down to its own; those
 * not there yet root creates): root rewrites a file in place (a temporary file beside it, then a rename) only
 * there, by the rule for deleting, since a folder someone else can write could be swapped for a link meanwhile.
 */
export async function rightsAbove(host: Host, path: string): Promise<TreeRights> {
  const parts = path.split('/').filter((s) => s !== '').slice(0, -1);
  for (const [i, current] of downFromRoot(parts).entries()) {
    let st;
    try {
      st = await host.stat(current);
    } catch (e) {
      return unreadable(current, e);
    }
    if (st === null) return { state: 'root-only' };
    const r = folderRights(current, st, i < parts.length);
    if (!('ok' in r)) return r;
  }
  return { state: 'root-only' };
}
