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

/** What an .rpm holds: its header fields, its files (laid out by `tree` under a folder), its %preun scriptlet. */
interface RpmSpec {
  readonly name: string;
  readonly version: string;
  readonly summary: string;
  readonly url: string;
  readonly tree: (root: string) => void;
  /** Paths the package owns (a folder owns everything under it). */
  readonly files: readonly string[];
  /** Shell run by `rpm -e` before it removes anything; a non-zero exit aborts the erase (rpm(8)). */
  readonly preun?: string;
}

/** Builds NAME-VERSION-1.x86_64.rpm in `dir/rpmbuild-NAME` with rpmbuild; its path. */
function buildRpm(dir: string, p: RpmSpec): string {
  const top = join(dir, `rpmbuild-${p.name}`);
  rmSync(top, { recursive: true, force: true });
  const files = join(top, 'files');
  p.tree(files);
  for (const d of ['SPECS', 'RPMS', 'BUILD', 'BUILDROOT']) mkdirSync(join(top, d), { recursive: true });
  const spec = join(top, 'SPECS', `${p.name}.spec`);
  writeFileSync(spec, [
    `Name: ${p.name}`,
    `Version: ${p.version}`,
    'Release: 1',
    `Summary: ${p.summary}`,
    'License: Proprietary',
    `URL: ${p.url}`,
    'BuildArch: x86_64',
    'AutoReqProv: no',
    '%description',
    `${p.summary} (test stand-in).`,
    '%install',
    `cp -a ${files}/. %{buildroot}/`,
    ...(p.preun ? ['%preun', p.preun] : []),
    '%files',
    ...p.files,
    '',
  ].join('\n'));
  must(['rpmbuild', '-bb', '--define', `_topdir ${top}`, '--define', '__os_install_post %{nil}', '--define', 'debug_package %{nil}', spec]);
  return join(top, 'RPMS', 'x86_64', `${p.name}-${p.version}-1.x86_64.rpm`);
}

/**
 * Builds zoom-VERSION-1.x86_64.rpm in `dir` with rpmbuild, laid out as zoom_x86_64.rpm; its path.
 * `preun`: a %preun scriptlet (shell); one that exits non-zero makes `rpm -e` fail before it removes a file.
 */
export function buildZoomRpm(dir: string, version = ZOOM_VERSION, opts: { readonly preun?: string } = {}): string {
  return buildRpm(dir, {
    name: 'zoom',
    version,
    summary: 'Zoom Workplace, the AI-powered collaboration platform',
    url: 'https://www.zoom.com',
    tree: zoomTree,
    files: ['/opt/zoom', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'],
    ...(opts.preun ? { preun: opts.preun } : {}),
  });
}

/**
 * Builds another vendor's rpm in `dir` (a digital-signature plugin owning /opt/vnpt-ca/plugin.so): an rpm
 * machine's database is never Zoom alone, and a removal must leave other packages be. Its path.
 */
export function buildOtherRpm(dir: string): string {
  const tree = (root: string): void => {
    mkdirSync(join(root, 'opt', 'vnpt-ca'), { recursive: true });
    writeFileSync(join(root, 'opt', 'vnpt-ca', 'plugin.so'), 'another vendor\n');
  };
  return buildRpm(dir, { name: 'vnpt-ca-plugin', version: '2.1.0', summary: 'VNPT-CA signing plugin', url: 'https://vnpt-ca.vn', tree, files: ['/opt/vnpt-ca'] });
}

/** Where a layout keeps files (tests/helpers/real-layout.ts RealLayout). */
interface Machine {
  write(path: string, content: string | Buffer, opts?: { readonly mode?: number; readonly owner?: { readonly uid: number; readonly gid: number } }): void;
  symlink(target: string, path: string): void;
}

/** The snap's revision in the fixtures. */
export const ZOOM_SNAP_REVISION = '225';

/**
 * Stand-in for snapd's `snap` command (there is no snapd here: no daemon, no squashfs mounts).
 * It answers `snap list` from the /snap layout (each /snap/NAME/current link and its meta/snap.yaml)
 * in snap's own columns, and `snap remove NAME` by deleting what snapd would: /snap/NAME, its .snap
 * file, its desktop entries and /snap/bin links. Everything else is refused.
 */
export const SNAP_STUB = `#!/bin/sh
# Stand-in for snapd's snap command (tests): list and remove, from the /snap layout.
case "$1" in
list)
  header=0
  for cur in /snap/*/current; do
    [ -L "$cur" ] || continue
    name=\${cur#/snap/}; name=\${name%/current}
    rev=$(readlink "$cur")
    ver=$(sed -n 's/^version: *//p' "$cur/meta/snap.yaml" | tr -d "'\\"")
    if [ $header = 0 ]; then printf '%-12s %-12s %-5s %-14s %-10s %s\\n' Name Version Rev Tracking Publisher Notes; header=1; fi
    printf '%-12s %-12s %-5s %-14s %-10s %s\\n' "$name" "$ver" "$rev" latest/stable publisher -
  done
  [ $header = 1 ] || echo "No snaps are installed yet. Try 'snap install hello-world'." >&2
  ;;
remove)
  [ -d "/snap/$2" ] || { echo "error: snap \\"$2\\" is not installed" >&2; exit 1; }
  rm -rf "/snap/$2" /var/lib/snapd/snaps/"$2"_*.snap /var/lib/snapd/desktop/applications/"$2"_*.desktop /snap/bin/"$2" /snap/bin/"$2".*
  echo "$2 removed"
  ;;
*) echo "error: unknown command \\"$1\\" (test stand-in)" >&2; exit 64 ;;
esac
`;

/** Lays out the zoom-client snap as snapd leaves it (the squashfs's content as a folder), and the snap stub at /usr/bin/snap. */
export function layZoomSnap(m: Machine, revision = ZOOM_SNAP_REVISION): void {
  const at = `/snap/zoom-client/${revision}`;
  m.write(`${at}/meta/snap.yaml`, `name: zoom-client\nversion: '${ZOOM_VERSION}'\nsummary: Zoom Workplace\nconfinement: strict\napps:\n  zoom-client:\n    command: zoom/ZoomLauncher\n`);
  m.write(`${at}/zoom/ZoomLauncher`, LAUNCHER, { mode: 0o755 });
  m.symlink(revision, '/snap/zoom-client/current');
  m.symlink('/usr/bin/snap', '/snap/bin/zoom-client');
  m.write(`/var/lib/snapd/snaps/zoom-client_${revision}.snap`, 'hsqs stand-in');
  m.write('/var/lib/snapd/desktop/applications/zoom-client_zoom-client.desktop', ZOOM_DESKTOP.replace('Exec=/usr/bin/zoom %U', 'Exec=/snap/bin/zoom-client %U'));
  m.write('/usr/bin/snap', SNAP_STUB, { mode: 0o755 });
}

/** The flatpak commit folder name in the fixtures. */
const FLATPAK_COMMIT = 'c0ffee5e7f8b1d2a3c4e5f60718293a4b5c6d7e8f9012345678901234567890a';

/**
 * Lays out us.zoom.Zoom as flatpak deploys it in an installation folder (`/var/lib/flatpak` for the
 * system one, `~/.local/share/flatpak` for a user's): app/ID/current -> x86_64/stable, active -> the
 * commit, its metadata, its AppStream file with the release, its exported desktop entry.
 */
export function layZoomFlatpak(m: Machine, installation: string, owner?: { readonly uid: number; readonly gid: number }): void {
  const app = `${installation}/app/us.zoom.Zoom`;
  const deploy = `${app}/x86_64/stable/${FLATPAK_COMMIT}`;
  const o = owner ? { owner } : {};
  m.write(`${deploy}/metadata`, '[Application]\nname=us.zoom.Zoom\nruntime=org.freedesktop.Platform/x86_64/24.08\ncommand=zoom\n', o);
  m.write(`${deploy}/files/share/metainfo/us.zoom.Zoom.metainfo.xml`, `<?xml version="1.0" encoding="UTF-8"?>\n<component type="desktop-application">\n  <id>us.zoom.Zoom</id>\n  <name>Zoom</name>\n  <releases>\n    <release version="${ZOOM_VERSION}" date="2025-05-20"/>\n    <release version="6.4.5.1046" date="2025-04-28"/>\n  </releases>\n</component>\n`, o);
  m.write(`${deploy}/export/share/applications/us.zoom.Zoom.desktop`, ZOOM_DESKTOP.replace('Exec=/usr/bin/zoom %U', 'Exec=/usr/bin/flatpak run --branch=stable --arch=x86_64 --command=zoom us.zoom.Zoom %U'), o);
  m.symlink(FLATPAK_COMMIT, `${app}/x86_64/stable/active`);
  m.symlink('x86_64/stable', `${app}/current`);
  m.symlink('../../../app/us.zoom.Zoom/current/active/export/share/applications/us.zoom.Zoom.desktop', `${installation}/exports/share/applications/us.zoom.Zoom.desktop`);
}
