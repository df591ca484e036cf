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
 * The user another person's evidence belongs to (the other-users probes set `data.owner` and
 * `data.home`), or null when it is the current user's or the machine's. A removal never acts in
 * another user's home: a `--user` uninstall or a file step would hit our own home, or theirs as root.
 */
export function otherUserOf(host: Pick<Host, 'platform' | 'path' | 'homedir'>, e: Evidence): string | null {
  const owner = e.data?.owner;
  const home = e.data?.home;
  if (!owner && !home) return null;
  if (home && sameFolder(host, home, host.homedir)) return null;
  return owner || home || null;
}
