import type { Host } from '../../../host/host';
import { databasePath } from '../../../host/package-root';

/** A package that owns a path (or, for flatpak, the app a process runs in), as its manager names it. */
export interface OwningPackage {
  readonly manager: 'dpkg' | 'rpm' | 'flatpak';
  readonly name: string;
}

/** Package names as dpkg and rpm print them (never an option, never a sentence). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_+.~-]*$/;

/**
 * The packages that own a path on disk, by `dpkg-query -S` then `rpm -qf` (through the Host: a sandbox
 * reads its private database, and the path is asked as that database names it). Empty when none does, or
 * when neither tool could tell (a manual install, or no package manager).
 */
export async function packagesOwning(host: Host, path: string): Promise<OwningPackage[]> {
  const asked = databasePath(host, path);
  const d = await host.run(['dpkg-query', '-S', asked]);
  if (d.exitCode === 0) {
    const names: OwningPackage[] = [];
    // "app: /opt/app" or "a, b:amd64: /opt/app"; "diversion by ..." lines name no package.
    for (const line of d.stdout.split('\n')) {
      const at = line.lastIndexOf(': ');
      if (at < 0 || line.slice(at + 2).trim() !== asked || line.startsWith('diversion by')) continue;
      for (const part of line.slice(0, at).split(',')) {
        const name = part.trim().split(':')[0] ?? '';
        if (NAME.test(name) && !names.some((n) => n.name === name)) names.push({ manager: 'dpkg', name });
      }
    }
    if (names.length > 0) return names;
  }
  const r = await host.run(['rpm', '-qf', '--qf', '%{NAME}\\n', asked]);
  if (r.exitCode === 0) {
    const names = [...new Set(r.stdout.split('\n').map((l) => l.trim()).filter((l) => NAME.test(l)))];
    return names.map((name) => ({ manager: 'rpm', name }));
  }
  return [];
}
