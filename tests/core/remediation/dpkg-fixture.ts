import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A private dpkg world inside a temp folder: root/ is the install dir, root/var/lib/dpkg the database. */
export interface DpkgWorld {
  readonly root: string;
  readonly admindir: string;
}

/** Creates an empty dpkg database under `dir`. */
export function makeDpkgWorld(dir: string): DpkgWorld {
  const root = join(dir, 'root');
  const admindir = join(root, 'var', 'lib', 'dpkg');
  for (const d of ['updates', 'info', 'triggers', 'alternatives']) mkdirSync(join(admindir, d), { recursive: true });
  writeFileSync(join(admindir, 'status'), '');
  writeFileSync(join(admindir, 'available'), '');
  return { root, admindir };
}

/** Builds a dummy .deb with dpkg-deb: `zoom` with a file in /opt/zoom, others with one in /usr/share/NAME. */
export function buildZoomDeb(dir: string, name = 'zoom', version = '6.2.0.1855'): string {
  const src = join(dir, `${name}-src`);
  mkdirSync(join(src, 'DEBIAN'), { recursive: true });
  // zoom ships /opt/zoom/ZoomLauncher as the real one does; any other name ships its own file.
  const folder = name === 'zoom' ? join(src, 'opt', 'zoom') : join(src, 'usr', 'share', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, name === 'zoom' ? 'ZoomLauncher' : 'README'), '#!/bin/sh\necho dummy\n', { mode: 0o755 });
  writeFileSync(
    join(src, 'DEBIAN', 'control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: Test <test@example.invalid>\nDescription: dummy Zoom package for tests\n`,
  );
  const deb = join(dir, `${name}_all.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', src, deb], { stdio: 'pipe' });
  return deb;
}

/** Installs a .deb into the private database (never the system's). */
export function installDeb(world: DpkgWorld, deb: string): void {
  execFileSync('dpkg', [`--admindir=${world.admindir}`, `--instdir=${world.root}`, '--force-not-root', '--force-bad-path', '-i', deb], { stdio: 'pipe' });
}

/** The status of a package in the private database ('' when unknown). */
export function packageStatus(world: DpkgWorld, name: string): string {
  try {
    return execFileSync('dpkg-query', [`--admindir=${world.admindir}`, '-W', '--showformat=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
