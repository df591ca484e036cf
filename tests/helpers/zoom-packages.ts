// Zoom's Linux packages as Zoom ships them, built here with the real tools: the .deb with dpkg-deb,
// the .rpm with rpmbuild. Their files are laid out as in zoom_amd64.deb / zoom_x86_64.rpm:
// /opt/zoom/ZoomLauncher and /opt/zoom/zoom (the programs), /usr/bin/zoom -> /opt/zoom/ZoomLauncher,
// and /usr/share/applications/Zoom.desktop with the package's Exec and MimeType lines (the URL
// handlers a meeting link opens). The programs are stand-ins: `zoom` is a copy of /bin/sleep (a real
// ELF that stays running), ZoomLauncher a script that starts it. Not reproduced: the package's many
// library dependencies and its maintainer scripts (update-desktop-database, xdg-mime).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version the fixtures carry (a 2025 release number). */
export const ZOOM_VERSION = '6.4.6.1370';

/** Zoom.desktop as the .deb and .rpm install it. */
export const ZOOM_DESKTOP = [
  '[Desktop Entry]',
  'Name=Zoom Workplace',
  'Comment=Zoom Video Conference',
  'Exec=/usr/bin/zoom %U',
  'Icon=Zoom',
  'Terminal=false',
  'Type=Application',
  'Encoding=UTF-8',
  'Categories=Network;Application;',
  'StartupWMClass=zoom',
  'MimeType=x-scheme-handler/zoommtg;x-scheme-handler/zoomus;x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/zoomphonecall;application/x-zoom',
  'X-KDE-Protocols=zoommtg;zoomus;tel;callto;zoomphonecall;',
  'Name[en_US]=Zoom Workplace',
  '',
].join('\n');

/** The launcher (stand-in): starts the client, which stays running as the real one does (sleep needs its argument). */
const LAUNCHER = '#!/bin/sh\nexec /opt/zoom/zoom infinity\n';

/** Lays Zoom's files out under `tree` (a package's root). */
export function zoomTree(tree: string): void {
  const at = (p: string) => {
    mkdirSync(dirname(join(tree, p)), { recursive: true });
    return join(tree, p);
  };
  copyFileSync('/bin/sleep', at('opt/zoom/zoom'));
  chmodSync(at('opt/zoom/zoom'), 0o755);
  writeFileSync(at('opt/zoom/ZoomLauncher'), LAUNCHER, { mode: 0o755 });
  writeFileSync(at('opt/zoom/version.txt'), `${ZOOM_VERSION}\n`);
  symlinkSync('/opt/zoom/ZoomLauncher', at('usr/bin/zoom'));
  writeFileSync(at('usr/share/applications/Zoom.desktop'), ZOOM_DESKTOP);
}

function must(argv: readonly string[]): string {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}${r.error?.message ?? ''}`);
  return r.stdout;
}

/** Builds zoom_VERSION_amd64.deb in `dir` with dpkg-deb; its path. */
export function buildZoomDeb(dir: string, version = ZOOM_VERSION): string {
  const tree = join(dir, 'zoom-deb');
  rmSync(tree, { recursive: true, force: true });
  zoomTree(tree);
  mkdirSync(join(tree, 'DEBIAN'));
  writeFileSync(join(tree, 'DEBIAN', 'control'), [
    'Package: zoom',
    `Version: ${version}`,
    'Architecture: amd64',
    'Maintainer: Zoom Communications, Inc. <support@zoom.us>',
    'Section: default',
    'Priority: optional',
    'Homepage: https://www.zoom.com',
    'Description: Zoom Workplace, the AI-powered collaboration platform',
    '',
  ].join('\n'));
  const deb = join(dir, `zoom_${version}_amd64.deb`);
  must(['dpkg-deb', '--root-owner-group', '--build', tree, deb]);
  return deb;
}

/** True when rpmbuild can build packages here. */
export function rpmbuildAvailable(): boolean {
  return spawnSync('rpmbuild', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Builds zoom-VERSION-1.x86_64.rpm in `dir` with rpmbuild; its path. */
export function buildZoomRpm(dir: string, version = ZOOM_VERSION): string {
  const top = join(dir, 'rpmbuild');
  rmSync(top, { recursive: true, force: true });
  const files = join(top, 'zoom-files');
  zoomTree(files);
  for (const d of ['SPECS', 'RPMS', 'BUILD', 'BUILDROOT']) mkdirSync(join(top, d), { recursive: true });
  const spec = join(top, 'SPECS', 'zoom.spec');
  writeFileSync(spec, [
    'Name: zoom',
    `Version: ${version}`,
    'Release: 1',
    'Summary: Zoom Workplace, the AI-powered collaboration platform',
    'License: Proprietary',
    'URL: https://www.zoom.com',
    'BuildArch: x86_64',
    'AutoReqProv: no',
    '%description',
    'Zoom Workplace (test stand-in laid out as zoom_x86_64.rpm).',
    '%install',
    `cp -a ${files}/. %{buildroot}/`,
    '%files',
    '/opt/zoom',
    '/usr/bin/zoom',
    '/usr/share/applications/Zoom.desktop',
    '',
  ].join('\n'));
  must(['rpmbuild', '-bb', '--define', `_topdir ${top}`, '--define', '__os_install_post %{nil}', '--define', 'debug_package %{nil}', spec]);
  return join(top, 'RPMS', 'x86_64', `zoom-${version}-1.x86_64.rpm`);
}
