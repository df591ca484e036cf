/**
 * Fuzzed machines for all three systems: recorded real outputs and files (tests/fixtures), each one garbled,
 * cut short, made binary or huge, replaced by a failing or hanging command, plus hostile files a local user can
 * plant. A machine may carry one Zoom signal that is left exactly as a real install leaves it: then the
 * banned-app check must find something, whatever else on the machine is broken.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureCommand, FixtureNode, FixtureSpec } from '../../src/core/host/fixture-host';
import type { RunErrorCode } from '../../src/core/host/host';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import { FLATPAK_ARGV } from '../../src/core/checks/banned-app/linux/flatpak';
import { PS_ARGV } from '../../src/core/checks/banned-app/linux/processes';
import { RPM_ARGV } from '../../src/core/checks/banned-app/linux/rpm';
import { SNAP_ARGV } from '../../src/core/checks/banned-app/linux/snap';
import { MAC_PS_ARGV } from '../../src/core/checks/banned-app/macos/processes';
import { HKCU, ENV as WINDOWS_ENV, regS, windowsCommands, windowsFiles } from '../core/banned-app/windows/windows-host';
import { binary, hostileName, mutateText, noise } from './mutate';
import type { Random } from './random';

/** One generated machine: what the host answers, and the Zoom signal left intact on it (if any). */
export interface FuzzMachine {
  readonly spec: FixtureSpec;
  /** Which untouched Zoom signal the machine carries, e.g. `linux:dpkg`; null when none was planted. */
  readonly signal: string | null;
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const text = (rel: string): string => readFileSync(join(FIXTURES, rel), 'utf8');
const bytes = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, rel)));

const RUN_ERRORS: readonly RunErrorCode[] = ['not-found', 'timeout', 'permission', 'spawn-failed'];

/** A command answered as recorded, or mutated, or failing, or hanging (as the Host reports a timeout). */
function command(r: Random, argv: readonly string[], stdout: string, prefix = false): FixtureCommand {
  const base = { argv, ...(prefix ? { prefix } : {}) };
  switch (r.int(6)) {
    case 0:
      return { ...base, stdout };
    case 1:
      return { ...base, error: r.pick(RUN_ERRORS), stdout: r.chance(0.5) ? mutateText(r, stdout, false) : '' };
    case 2:
      return { ...base, exitCode: r.pick([1, 2, 100, 127, 255, -1]), stdout: mutateText(r, stdout), stderr: noise(r, r.int(300)) };
    default:
      return { ...base, stdout: mutateText(r, stdout), ...(r.chance(0.2) ? { stderr: noise(r, 200) } : {}) };
  }
}

/** A file as recorded, or mutated, binary, unreadable, a folder, a link loop or a dangling link. */
function file(r: Random, path: string, content: string | Uint8Array): FixtureNode {
  const asText = typeof content === 'string' ? content : Buffer.from(content).toString('latin1');
  switch (r.int(9)) {
    case 0:
      return typeof content === 'string' ? content : { type: 'file', content };
    case 1:
      return { type: 'file', content: binary(r, r.int(70_000)) };
    case 2:
      return { type: 'error', code: r.pick(['permission', 'io', 'too-large', 'not-a-directory'] as const) };
    case 3:
      return { type: 'dir' };
    case 4:
      return { type: 'symlink', target: path }; // a link to itself
    case 5:
      return { type: 'symlink', target: `${path}.missing` };
    default:
      return mutateText(r, asText);
  }
}

/** Hostile entries a user can leave in a folder the probes list. */
function hostileFiles(r: Random, folder: string, sep: string): Record<string, FixtureNode> {
  const out: Record<string, FixtureNode> = {};
  for (let i = 0; i < r.int(6); i++) {
    const name = hostileName(r);
    out[`${folder}${sep}${name}`] = r.pick<FixtureNode>([
      'x',
      { type: 'dir' },
      { type: 'symlink', target: sep === '/' ? '/etc/shadow' : 'C:\\Windows\\System32\\config\\SAM' },
      { type: 'error', code: 'permission' },
      { type: 'file', content: binary(r, 64) },
    ]);
  }
  return out;
}

const DPKG_CLEAN = text('linux/dpkg-query-clean.txt');
const ZOOM_DPKG_LINE = 'zoom\t6.1.11.1545\tamd64\tinstall ok installed';

function linux(r: Random): FuzzMachine {
  const home = r.pick(['/home/nguyen', '/home/nguyễn'.normalize(r.chance(0.5) ? 'NFC' : 'NFD'), '/root']);
  const signal = r.pick([null, null, 'dpkg', 'snap', 'leftover', 'installer'] as const);
  const files: Record<string, FixtureNode> = {
    '/etc/os-release': file(r, '/etc/os-release', text(r.pick(['os-patch/linux/os-release.debian12', 'os-patch/linux/os-release.ubuntu1804', 'os-patch/linux/os-release.fedora40', 'os-patch/linux/os-release.arch']))),
    '/etc/passwd': file(r, '/etc/passwd', text(r.pick(['linux/passwd-office.txt', 'linux/passwd-garbled.txt', 'linux/passwd-truncated.txt']))),
    [`${home}/.config/user-dirs.dirs`]: file(r, `${home}/.config/user-dirs.dirs`, text('linux/user-dirs.dirs')),
    [`${home}/.config/google-chrome/Default/Extensions/kgjfgplpablkjnlkjmjdecgdpfankdle/1.0_0/manifest.json`]: file(r, `${home}/.config/google-chrome/Default/Extensions/kgjfgplpablkjnlkjmjdecgdpfankdle/1.0_0/manifest.json`, text('browsers/chromium/zoom-scheduler/manifest.json')),
    [`${home}/.mozilla/firefox/profiles.ini`]: file(r, `${home}/.mozilla/firefox/profiles.ini`, text('browsers/firefox/profiles.ini')),
    [`${home}/.mozilla/firefox/abc.default/extensions.json`]: file(r, `${home}/.mozilla/firefox/abc.default/extensions.json`, text('browsers/firefox/extensions.json')),
    '/proc/4242/cmdline': file(r, '/proc/4242/cmdline', '/opt/zoom/zoom\u0000--url=x\u0000'),
    '/var/lib/flatpak/app/us.zoom.Zoom/current/active/files/share/metainfo/us.zoom.Zoom.metainfo.xml': file(r, '/var/lib/flatpak/app/us.zoom.Zoom/current/active/files/share/metainfo/us.zoom.Zoom.metainfo.xml', text('linux/us.zoom.Zoom.metainfo.xml')),
    ...hostileFiles(r, `${home}/Downloads`, '/'),
    ...hostileFiles(r, `${home}/Desktop`, '/'),
  };
  if (r.chance(0.3)) files['/opt/zoom'] = r.pick<FixtureNode>([{ type: 'dir' }, { type: 'symlink', target: '/' }, 'not a folder']);
  if (r.chance(0.3)) files[`${home}/.zoom`] = file(r, `${home}/.zoom`, 'x');
  const commands: FixtureCommand[] = [
    command(r, DPKG_ARGV, r.chance(0.5) ? `${DPKG_CLEAN}${ZOOM_DPKG_LINE}\n` : DPKG_CLEAN),
    command(r, RPM_ARGV, text(r.pick(['linux/rpm-qa-clean.txt', 'linux/rpm-qa-zoom.txt']))),
    command(r, SNAP_ARGV, text(r.pick(['linux/snap-list-clean.txt', 'linux/snap-list-zoom.txt']))),
    command(r, FLATPAK_ARGV, text(r.pick(['linux/flatpak-list-clean.txt', 'linux/flatpak-list-zoom.txt']))),
    command(r, PS_ARGV, `    1 systemd\n 4242 zoom\n 4243 ${noise(r, 20)}\n`),
    command(r, ['apt-get'], text(r.pick(['os-patch/linux/apt-get-s-upgrade.debian12-root.txt', 'os-patch/linux/apt-get-s-upgrade.none.txt', 'os-patch/linux/apt-get-s-upgrade.garbled.txt'])), true),
    command(r, ['dnf'], text('os-patch/linux/dnf-updateinfo-security.fedora40.txt'), true),
    command(r, ['dpkg-query', '-S'], 'zoom: /opt/zoom\n', true),
    command(r, ['rpm', '-qf'], 'zoom\n', true),
    command(r, ['readlink'], '/opt/zoom/zoom\n', true),
  ];
  // The signal, exactly as a real install leaves it (placed first: the host answers with the first match).
  if (signal === 'dpkg') commands.unshift({ argv: DPKG_ARGV, stdout: `${DPKG_CLEAN}${ZOOM_DPKG_LINE}\n` });
  if (signal === 'snap') commands.unshift({ argv: SNAP_ARGV, stdout: text('linux/snap-list-zoom.txt') });
  if (signal === 'leftover') files[`${home}/.zoom`] = { type: 'dir' };
  if (signal === 'installer') files[`${home}/Downloads/zoom_amd64.deb`] = { type: 'file', content: binary(r, 512) };
  return { signal: signal && `linux:${signal}`, spec: { platform: 'linux', homedir: home, env: { HOME: home, LANG: r.pick(['vi_VN.UTF-8', 'C', 'en_US.UTF-8']) }, files, commands } };
}

function windows(r: Random): FuzzMachine {
  const signal = r.pick([null, 'hkcu-uninstall'] as const);
  const recorded = windowsCommands();
  const commands: FixtureCommand[] = recorded.map((c) => command(r, c.argv, c.stdout ?? ''));
  // Whatever else the checks ask of reg and PowerShell gets garbage or a failure.
  commands.push(command(r, ['reg', 'query'], text(r.pick(['os-patch/windows/reg-currentversion.win11-24h2-pro-8894.txt', 'os-patch/windows/reg-currentversion.garbled.txt', 'os-patch/windows/reg-wu-policy-noautoupdate.txt', 'os-patch/windows/reg-rebootrequired.txt'])), true));
  commands.push(command(r, ['powershell'], text(r.pick(['os-patch/windows/get-hotfix.txt', 'os-patch/windows/get-hotfix.empty.txt'])), true));
  if (signal) commands.unshift(regS(HKCU, text('windows/reg-hkcu-uninstall.txt')));
  const files: Record<string, FixtureNode> = {};
  for (const [path, node] of Object.entries(windowsFiles())) files[path] = typeof node === 'string' ? file(r, path, node) : node;
  Object.assign(files, hostileFiles(r, 'C:\\Users\\Nguyễn\\Downloads', '\\'), hostileFiles(r, 'C:\\Users\\Nguyễn\\Desktop', '\\'));
  files['C:\\Users\\Nguyễn\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Preferences'] = file(r, 'C:\\Users\\Nguyễn\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Preferences', noise(r, 300));
  return { signal: signal && `win32:${signal}`, spec: { platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: { ...WINDOWS_ENV }, files, commands } };
}

function macos(r: Random): FuzzMachine {
  const home = r.pick(['/Users/nguyen', '/Users/nguyễn'.normalize('NFD')]);
  const signal = r.pick([null, 'app-bundle'] as const);
  const files: Record<string, FixtureNode> = {
    '/Applications': { type: 'dir' },
    '/Applications/zoom.us.app/Contents/Info.plist': file(r, '/Applications/zoom.us.app/Contents/Info.plist', bytes(r.pick(['macos/zoom.us-Info.plist', 'macos/zoom.us-Info.bplist']))),
    '/Applications/Safari.app/Contents/Info.plist': file(r, '/Applications/Safari.app/Contents/Info.plist', bytes(r.pick(['macos/safari-Info.plist', 'macos/safari-Info.bplist']))),
    '/Applications/Zoomer.app/Contents/Info.plist': file(r, '/Applications/Zoomer.app/Contents/Info.plist', bytes('macos/zoomer-Info.plist')),
    [`${home}/Library/LaunchAgents/us.zoom.updater.plist`]: file(r, `${home}/Library/LaunchAgents/us.zoom.updater.plist`, bytes('macos/us.zoom.updater.plist')),
    '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist': file(r, '/Library/LaunchDaemons/us.zoom.ZoomDaemon.plist', bytes('macos/us.zoom.ZoomDaemon.plist')),
    [`${home}/.zoomus/ZoomOpener.app/Contents/Info.plist`]: file(r, `${home}/.zoomus/ZoomOpener.app/Contents/Info.plist`, bytes('macos/ZoomOpener-Info.plist')),
    ...hostileFiles(r, `${home}/Downloads`, '/'),
  };
  const commands: FixtureCommand[] = [
    command(r, MAC_PS_ARGV, text('macos/ps-axo.txt')),
    command(r, ['pkgutil', '--pkgs'], text(r.pick(['macos/pkgutil-pkgs.txt', 'macos/pkgutil-pkgs-clean.txt']))),
    command(r, ['pkgutil', '--pkg-info'], text('macos/pkgutil-pkg-info-videomeeting.txt'), true),
    command(r, ['lsof'], text('macos/lsof-19421.txt'), true),
    command(r, ['plutil'], text(r.pick(['macos/zoom.us-Info.plutil-xml1.txt', 'macos/us.zoom.ZoomDaemon.plutil-xml1.txt'])), true),
    command(r, ['sw_vers'], text(r.pick(['os-patch/macos/sw_vers.26.5.txt', 'os-patch/macos/sw_vers.10.15.7.txt', 'os-patch/macos/sw_vers.empty-version.txt']))),
    command(r, ['softwareupdate', '--list'], text(r.pick(['os-patch/macos/softwareupdate.two.stdout.txt', 'os-patch/macos/softwareupdate.none.stdout.txt']))),
  ];
  if (signal) files['/Applications/zoom.us.app/Contents/Info.plist'] = { type: 'file', content: bytes('macos/zoom.us-Info.plist') };
  return { signal: signal && `darwin:${signal}`, spec: { platform: 'darwin', homedir: home, env: { HOME: home }, files, commands } };
}

/** One fuzzed machine of a random system. */
export function fuzzMachine(r: Random, platform?: 'linux' | 'win32' | 'darwin'): FuzzMachine {
  const which = platform ?? r.pick(['linux', 'win32', 'darwin'] as const);
  return which === 'linux' ? linux(r) : which === 'win32' ? windows(r) : macos(r);
}
