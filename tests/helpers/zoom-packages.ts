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
  /** Creates a folder (and its parents); with `owner`, everything in it becomes theirs (chown -R). */
  mkdir(path: string, owner?: { readonly uid: number; readonly gid: number }): void;
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
  // A user installation is the person's, its exports folder too (flatpak creates it as them).
  if (owner) m.mkdir(installation, owner);
}

/**
 * Stand-in for the `flatpak` command (there is no flatpak here: no ostree repository, no system helper),
 * doing only what the probe and the removal run, on the deploy folders: the system installation
 * /var/lib/flatpak and the caller's $FLATPAK_USER_DIR, else $XDG_DATA_HOME/flatpak, else
 * ~/.local/share/flatpak (flatpak(1), FILES and ENVIRONMENT).
 * - `flatpak list --app --columns=COL,…`: one row per deployed app (`app/ID/ARCH/BRANCH/active`) of the
 *   user installation and the system one, sorted by ref (flatpak_table_printer_sort); columns application, version, installation, arch, branch, ref.
 *   Output as flatpak prints it when stdout is not a terminal (flatpak-table-printer.c: no title row, cells
 *   joined by a tab, rows by a newline; nothing at all for an empty list, flatpak-builtins-list.c); the
 *   version is the newest <release> of the app's AppStream file (flatpak stores it at deploy time), the
 *   installation `user` or `system` (flatpak_dir_get_name_cached).
 * - `flatpak uninstall -y|--assumeyes|--noninteractive --user|--system APPID`: what flatpak's undeploy
 *   removes (the app's `app/ID` folder and its exported files, `exports/…/ID.*`; the app's data in
 *   ~/.var/app stays, as without --delete-data); flatpak's "not installed" error (the id, then arch and
 *   branch as `*unspecified*`), exit 1, when it is not there (flatpak-builtins-uninstall.c); output of the non-terminal transaction
 *   (flatpak-cli-transaction.c: the operations table tab-separated, op `r`, then "Uninstall complete.").
 *   A system installation the caller cannot write fails as flatpak without its system helper does.
 * Everything else (no --app, no --columns, no -y, neither --user nor --system) is refused, exit 64.
 */
export const FLATPAK_STUB = `#!/bin/sh
# Stand-in for flatpak (tests/helpers/zoom-packages.ts FLATPAK_STUB): list and uninstall, on the deploy folders.
set -u
tab=$(printf '\\t')
system_dir=/var/lib/flatpak
user_dir=\${FLATPAK_USER_DIR:-\${XDG_DATA_HOME:-$HOME/.local/share}/flatpak}
refuse() { echo "error: $* (test stand-in: only what attt-selfcheck runs)" >&2; exit 64; }
fail() { echo "error: $*" >&2; exit 1; }
version_of() { # $1 = the deployed commit folder, $2 = the app id: the newest release of its AppStream file
  for f in "$1/files/share/metainfo/$2.metainfo.xml" "$1/files/share/metainfo/$2.appdata.xml" "$1/files/share/appdata/$2.appdata.xml"; do
    [ -f "$f" ] || continue
    sed -n 's/.*<release[ \\t][^>]*version="\\([^"]*\\)".*/\\1/p' "$f" | head -n 1
    return
  done
}
case "\${1:-}" in
list)
  shift; app=0; cols=
  for a in "$@"; do
    case "$a" in --app) app=1 ;; --columns=*) cols=\${a#--columns=} ;; *) refuse "flatpak list $a" ;; esac
  done
  [ "$app" = 1 ] && [ -n "$cols" ] || refuse "flatpak list without --app and --columns"
  old_ifs=$IFS; IFS=,
  for c in $cols; do
    case "$c" in application|version|installation|arch|branch|ref) ;; *) IFS=$old_ifs; fail "Unknown column: $c" ;; esac
  done
  IFS=$old_ifs
  for inst in user system; do
    if [ "$inst" = user ]; then dir=$user_dir; else dir=$system_dir; fi
    for active in "$dir"/app/*/*/*/active; do
      [ -d "$active" ] || continue
      rest=\${active#"$dir"/app/}; id=\${rest%%/*}; rest=\${rest#*/}; arch=\${rest%%/*}; rest=\${rest#*/}; branch=\${rest%%/*}
      row=; sep=
      old_ifs=$IFS; IFS=,
      for c in $cols; do
        case "$c" in
          application) v=$id ;; version) v=$(version_of "$active" "$id") ;; installation) v=$inst ;;
          arch) v=$arch ;; branch) v=$branch ;; *) v="$id/$arch/$branch" ;;
        esac
        row="$row$sep$v"; sep=$tab
      done
      IFS=$old_ifs
      printf 'app/%s/%s/%s\\t%s\\n' "$id" "$arch" "$branch" "$row"
    done
  done | sort -s -t "$tab" -k1,1 | cut -f2-
  ;;
uninstall)
  shift; yes=0; scope=; ref=
  for a in "$@"; do
    case "$a" in
      -y|--assumeyes|--noninteractive) yes=1 ;;
      --user) scope=user ;; --system) scope=system ;;
      -*) refuse "flatpak uninstall $a" ;;
      *) [ -z "$ref" ] || refuse "flatpak uninstall with more than one ref"; ref=$a ;;
    esac
  done
  [ -n "$ref" ] && [ -n "$scope" ] || refuse "flatpak uninstall without --user/--system and an app id"
  [ "$yes" = 1 ] || refuse "flatpak uninstall without -y would ask on a terminal"
  if [ "$scope" = user ]; then dir=$user_dir; else dir=$system_dir; fi
  [ -d "$dir/app/$ref" ] || fail "$ref/*unspecified*/*unspecified* not installed"
  [ -w "$dir/app" ] || fail "Failed to uninstall $ref: Flatpak system operation Uninstall not allowed for user"
  branch=$(readlink "$dir/app/$ref/current" 2>/dev/null); branch=\${branch##*/}
  rm -rf "$dir/app/$ref" || fail "Failed to uninstall $ref"
  [ -d "$dir/exports" ] && find "$dir/exports" \\( -name "$ref" -o -name "$ref.*" \\) \\( -type f -o -type l \\) -delete
  printf '\\n\\n %s.\\t   \\t%s\\t%s\\tr\\n\\n\\n\\nUninstall complete.\\n' 1 "$ref" "\${branch:-stable}"
  ;;
*) refuse "flatpak \${1:-}" ;;
esac
`;

/** Puts the flatpak stand-in at /usr/bin/flatpak of a layout. */
export function putFlatpakStub(m: Machine): void {
  m.write('/usr/bin/flatpak', FLATPAK_STUB, { mode: 0o755 });
}
