/**
 * Deleting a folder with everything in it so that a folder swapped for a link while it runs cannot
 * send the deletes elsewhere: by the system's own rm, given by full path, which walks the tree through
 * directory descriptors and never re-resolves a path from the top (Node's fs.rm does, entry by entry).
 * - GNU rm (coreutils `remove.c`): fts with FTS_PHYSICAL and FTS_CWDFD; every entry is removed with
 *   unlinkat() relative to its folder's descriptor, and a folder is entered only after checking that
 *   what it opened is the folder it listed (device and inode), so a link put in its place is not followed.
 * - BSD rm on macOS (file_cmds, from FreeBSD `rm.c`): rm_tree walks with fts_open(FTS_PHYSICAL, plus
 *   FTS_XDEV for -x); fts enters each folder through fts_safe_changedir, which opens it, fstat()s it and
 *   refuses (ENOENT) when device or inode differ from what it listed, then removes entries relative to it.
 * `--one-file-system` (GNU) and `-x` (BSD): a folder on another file system inside the tree is left alone.
 */
import { promises as fs } from 'node:fs';
import { HostError, type Host } from './host';
import { hostErrorCode } from './real-host';

/** Where rm lives, by the real operating system (not the shape a test gives a Host). */
export const RM_PATHS: Readonly<Record<'linux' | 'darwin', readonly string[]>> = {
  linux: ['/usr/bin/rm', '/bin/rm'],
  darwin: ['/bin/rm'],
};

/** Time limit of one tree removal. */
export const TREE_REMOVAL_TIME_LIMIT_MS = 5 * 60_000;

/** The argv that removes `path` link-safely with the rm at `rm` (GNU flags on Linux, BSD flags on macOS). */
export function linkSafeRemoveArgv(os: 'linux' | 'darwin', rm: string, path: string): string[] {
  return os === 'darwin' ? [rm, '-r', '-f', '-x', '--', path] : [rm, '-r', '-f', '--one-file-system', '--', path];
}

/** The operating system this process runs on, for choosing rm and its flags. */
function realOs(): 'linux' | 'darwin' {
  return process.platform === 'darwin' ? 'darwin' : 'linux';
}

async function findRm(os: 'linux' | 'darwin'): Promise<string | null> {
  for (const p of RM_PATHS[os]) {
    // Following links here is fine: /bin is a link to usr/bin on merged-/usr systems, both root's.
    const st = await fs.stat(p).catch(() => null);
    if (st?.isFile()) return p;
  }
  return null;
}

/**
 * Removes a file, a link (not its target) or a folder with everything in it (POSIX). A folder goes
 * to rm; a file or link is one unlink, which never follows the final name. Throws HostError.
 */
export async function removeTree(host: Host, path: string): Promise<void> {
  let st;
  try {
    st = await fs.lstat(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new HostError(hostErrorCode(err.code), path, `${path}: ${err.message}`);
  }
  if (!st.isDirectory()) {
    try {
      await fs.unlink(path);
      return;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new HostError(hostErrorCode(err.code), path, `${path}: ${err.message}`);
    }
  }
  const os = realOs();
  const rm = await findRm(os);
  if (!rm) throw new HostError('io', path, `${path}: no rm at ${RM_PATHS[os].join(' or ')}`);
  const r = await host.run(linkSafeRemoveArgv(os, rm, path), { timeoutMs: TREE_REMOVAL_TIME_LIMIT_MS, env: { LC_ALL: 'C' } });
  if (r.exitCode === 0 && !r.error) return;
  const said = r.error?.message ?? (r.stderr.trim().split('\n').slice(0, 3).join('; ') || `exit ${r.exitCode}`);
  // rm goes on past an entry it may not remove and says so; the runner may then retry as administrator.
  const code = /Permission denied|Operation not permitted/.test(r.stderr) ? 'permission' : 'io';
  throw new HostError(code, path, `${path}: ${said}`);
}
