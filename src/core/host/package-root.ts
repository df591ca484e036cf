import type { Host } from './host';
import { trimTrailing } from '../text/trim-trailing';

/**
 * The private dpkg database the host reads (ATTT_SELFCHECK_DPKG_ADMINDIR) and where that database's
 * files are installed: ATTT_SELFCHECK_DPKG_INSTDIR, else the root above `…/var/lib/dpkg`, else the
 * admindir itself (so a sandboxed removal can never reach the real system's files).
 */
export function dpkgSandbox(host: Pick<Host, 'env'>): { readonly admindir: string; readonly instdir: string } | null {
  const admindir = host.env.ATTT_SELFCHECK_DPKG_ADMINDIR;
  if (!admindir) return null;
  const explicit = host.env.ATTT_SELFCHECK_DPKG_INSTDIR;
  const m = /^(.*)\/var\/lib\/dpkg\/?$/.exec(admindir);
  return { admindir, instdir: explicit || (m && m[1] ? m[1] : admindir) };
}

/**
 * Where the package database's paths live on disk: `/` on a real system; the sandbox's instdir when a
 * private dpkg database is read, so `/opt/APP` of the database is `INSTDIR/opt/APP` on disk.
 */
export function packageRoot(host: Pick<Host, 'env'>): string {
  return trimTrailing(dpkgSandbox(host)?.instdir ?? '', '/') || '/';
}

/** A path on disk as the package database names it (`INSTDIR/opt/APP` -> `/opt/APP` in a sandbox); unchanged otherwise. */
export function databasePath(host: Pick<Host, 'env'>, path: string): string {
  const root = packageRoot(host);
  if (root === '/') return path;
  return path.startsWith(`${root}/`) ? path.slice(root.length) : path;
}

/** A path of the package database as it lies on disk (`/opt/APP` -> `INSTDIR/opt/APP` in a sandbox); a path already under it is kept. */
export function diskPath(host: Pick<Host, 'env'>, path: string): string {
  const root = packageRoot(host);
  if (root === '/' || path === root || path.startsWith(`${root}/`)) return path;
  return `${root}${path.startsWith('/') ? '' : '/'}${path}`;
}
