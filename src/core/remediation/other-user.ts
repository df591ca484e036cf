import type { Evidence } from '../../shared/finding';
import type { Host } from '../host/host';
import { pathComponents } from './allowlist';

/** True when two folders are the same (component by component, as the allowlist compares). */
function sameFolder(host: Pick<Host, 'platform' | 'path'>, a: string, b: string): boolean {
  const x = pathComponents(host, a);
  const y = pathComponents(host, b);
  const eq = (s: string, t: string): boolean => (host.platform === 'win32' ? s.toLowerCase() === t.toLowerCase() : s === t);
  return !!x && !!y && x.length === y.length && x.every((c, i) => eq(c, y[i]!));
}

/**
 * The user another person's evidence belongs to (the other-users probes set `data.user` and
 * `data.home`; `data.package` is a package, never a person), or null when it is the current user's or the machine's. A removal never acts in
 * another user's home: a `--user` uninstall or a file step would hit our own home, or theirs as root.
 */
export function otherUserOf(host: Pick<Host, 'platform' | 'path' | 'homedir'>, e: Evidence): string | null {
  const user = e.data?.user;
  const home = e.data?.home;
  if (!user && !home) return null;
  if (home && sameFolder(host, home, host.homedir)) return null;
  return user || home || null;
}
