import type { Host } from '../../../host/host';

/**
 * True when any of the paths exists. A path we may not even stat counts as present: something is
 * there, so the package manager applies and we must say we could not look, not that it is absent.
 */
export async function anyExists(host: Host, paths: readonly string[]): Promise<boolean> {
  for (const p of paths) {
    try {
      if ((await host.stat(p)) !== null) return true;
    } catch {
      return true;
    }
  }
  return false;
}
