/**
 * The recorded Windows PCs the preview shows (npm run preview, npm run screenshots): made of the outputs recorded
 * in tests/fixtures/windows and tests/fixtures/os-patch/windows, byte for byte, keeping or leaving out whole
 * registry keys and process rows of them. Two accounts: Nguyễn (the one signed in) and tran.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPX_ARGV } from '../../src/core/checks/banned-app/windows/msix-probe';
import { TASKLIST_ARGV } from '../../src/core/checks/banned-app/windows/process-probe';
import { RUN_KEYS } from '../../src/core/checks/banned-app/windows/run-values-probe';
import { CBS_REBOOT_KEY, CURRENT_VERSION_KEY, HOTFIX_ARGV, WU_POLICY_KEY, WU_REBOOT_KEY } from '../../src/core/checks/os-patch/windows-probe';
import type { FixtureCommand, FixtureNode, FixtureSpec } from '../../src/core/host/fixture-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { regQueryArgv } from '../../src/core/windows/reg-query';

/** What one recorded PC holds. */
export interface MachineParts {
  /** Zoom installs: the current user's (HKCU), another account's (HKU of tran), the per-machine MSI (HKLM). */
  readonly zoom?: readonly ('mine' | 'tran' | 'machine')[];
  /** Zoom.exe running (two processes, as tasklist lists them). */
  readonly running?: boolean;
  /** The CurrentVersion key recorded on the PC (tests/fixtures/os-patch/windows/reg-currentversion.NAME.txt). */
  readonly os?: string;
  /** reg.exe and tasklist cannot be run (blocked by policy): the checks cannot look. */
  readonly blind?: boolean;
  /** Google Chrome 149 and Microsoft Edge 150.0.4078.48 installed per machine (July 2026: both out of date). */
  readonly browsers?: boolean;
}

const SID_NGUYEN = 'S-1-5-21-3623811015-3361044348-30300820-1001';
const SID_TRAN = 'S-1-5-21-3623811015-3361044348-30300820-1002';
const UNINSTALL = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const HKLM64 = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall`;
const HKLM32 = `HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall`;
const HKCU = `HKEY_CURRENT_USER\\${UNINSTALL}`;
const PROFILE_LIST = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
const ICACLS = 'C:\\Windows\\System32\\icacls.exe';
const MSIEXEC = 'C:\\Windows\\System32\\msiexec.exe';
const hku = (sid: string): string => `HKEY_USERS\\${sid}\\${UNINSTALL}`;
/** The MSI's key in the recorded HKLM output (Zoom Workplace (64-bit)). */
const MSI_KEY = '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}';
/** Keys of Zoom products in the recorded outputs; the look-alikes (ZoomIt, Zoomify, Zoomerang, Loom) stay. */
const ZOOM_KEYS = ['ZoomUMX', MSI_KEY, '{0B76F61A-7B8E-4E1C-9E5D-3C2A1B0D9F11}', 'ZoomRooms', '{9D1E2B3C-4A5F-4B6C-8D7E-0F1A2B3C4D5E}', '{3F2E1D0C-9B8A-4765-8432-10FEDCBA9876}'];

/** A recorded output of tests/fixtures. */
function recorded(root: string, ...path: string[]): string {
  return readFileSync(join(root, 'tests', 'fixtures', ...path), 'utf8');
}

/** The key blocks of a `reg query KEY /s` output that `keep` says yes to (each as recorded); null when none is left. */
/** A recursive reg answer with more keys after it (the browsers' Uninstall keys); as it was without them. */
function withBrowsers(answer: string | null, more: string | null): string | null {
  if (more === null) return answer;
  return `${answer ?? '\r\n'}${more}`;
}

function keepKeys(text: string, keep: (subkey: string) => boolean): string | null {
  const blocks = text.replace(/^\r\n/, '').split('\r\n\r\n');
  const kept = blocks.filter((b) => {
    const header = b.split('\r\n')[0] ?? '';
    return header !== '' && keep(header.slice(header.lastIndexOf('\\') + 1));
  });
  return kept.length ? `\r\n${kept.join('\r\n\r\n')}\r\n\r\n` : null;
}

/**
 * icacls answers for `program` and every folder above it, as a default Windows has them: the recorded listings
 * of Zoom's per-machine uninstaller, its folders and the drive root (tests/fixtures/windows/icacls), each with
 * its first column set to the path asked about (icacls pads the other lines to it).
 */
function aclChain(root: string, program: string): FixtureCommand[] {
  const recordedAs: readonly (readonly [string, string])[] = [
    ['zoom-installer-exe.txt', 'C:\\Program Files (x86)\\Zoom\\uninstall\\Installer.exe'],
    ['zoom-uninstall-folder.txt', 'C:\\Program Files (x86)\\Zoom\\uninstall'],
    ['zoom-folder.txt', 'C:\\Program Files (x86)\\Zoom'],
    ['program-files-x86.txt', 'C:\\Program Files (x86)'],
  ];
  const parts = program.split('\\');
  const chain = parts.map((_, i) => parts.slice(0, parts.length - i).join('\\')).map((p) => (p === 'C:' ? 'C:\\' : p));
  return chain.map((path, i) => {
    if (path === 'C:\\') return { argv: [ICACLS, path], stdout: recorded(root, 'windows', 'icacls', 'drive-root.txt') };
    const [file, was] = recordedAs[Math.min(i, recordedAs.length - 1)]!;
    const text = recorded(root, 'windows', 'icacls', file)
      .split('\n')
      .map((line) => (line.startsWith(was) ? path + line.slice(was.length) : line.startsWith(' '.repeat(was.length + 1)) ? ' '.repeat(path.length) + line.slice(was.length) : line))
      .join('\n');
    return { argv: [ICACLS, path], stdout: text };
  });
}

/** The recorded PC with the given parts. */
export function windowsPc(root: string, parts: MachineParts): FixtureSpec {
  const zoom = new Set(parts.zoom ?? []);
  const notZoom = (k: string): boolean => !ZOOM_KEYS.includes(k);
  const missing = (argv: readonly string[]): FixtureCommand => ({ argv, exitCode: 1, stderr: recorded(root, 'os-patch', 'windows', 'reg-not-found.stderr.txt') });
  // A key with none of its recorded subkeys left is as Windows answers for a key that does not exist.
  const regS = (key: string, stdout: string | null): FixtureCommand => (stdout === null ? missing(regQueryArgv(key, { recursive: true, view: 64 })) : { argv: regQueryArgv(key, { recursive: true, view: 64 }), stdout });
  const runValues = (key: string): FixtureCommand => ({ argv: regQueryArgv(key, { view: 64 }), stdout: '\r\n' });
  const tasklist = recorded(root, 'windows', 'tasklist.csv')
    .split('\n')
    .filter((l) => parts.running || !l.startsWith('"Zoom.exe"'))
    .join('\n');
  const uninstall: FixtureCommand[] = parts.blind
    ? []
    : [
        ...aclChain(root, MSIEXEC),
        regS(HKLM64, keepKeys(recorded(root, 'windows', 'reg-hklm-uninstall-64.txt'), (k) => notZoom(k) || (zoom.has('machine') && k === MSI_KEY))),
        regS(HKLM32, withBrowsers(keepKeys(recorded(root, 'windows', 'reg-hklm-uninstall-wow64.txt'), notZoom), parts.browsers ? recorded(root, 'browser-patch', 'windows', 'reg-hklm-wow64-browsers-2026-07.txt') : null)),
        regS(HKCU, keepKeys(recorded(root, 'windows', 'reg-hkcu-uninstall.txt'), (k) => notZoom(k) || zoom.has('mine'))),
        { argv: ['reg', 'query', 'HKU'], stdout: recorded(root, 'windows', 'reg-hku.txt') },
        regS(hku(SID_NGUYEN), keepKeys(recorded(root, 'windows', 'reg-hku-1001-uninstall.txt'), (k) => notZoom(k) || zoom.has('mine'))),
        regS(hku(SID_TRAN), keepKeys(recorded(root, 'windows', 'reg-hku-1002-uninstall.txt'), (k) => notZoom(k) || zoom.has('tran'))),
        regS(PROFILE_LIST, recorded(root, 'windows', 'reg-profile-list.txt')),
        ...builtinPolicy().bannedApps[0]!.urlSchemes.flatMap((scheme) => ['HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE'].map((h) => missing(regQueryArgv(`${h}\\Software\\Classes\\${scheme}`, { recursive: true, view: 64 })))),
        ...RUN_KEYS.map(runValues),
        { argv: TASKLIST_ARGV, stdout: tasklist },
      ];
  const os: FixtureCommand[] = [
    { argv: ['reg', 'query', CURRENT_VERSION_KEY], stdout: recorded(root, 'os-patch', 'windows', `reg-currentversion.${parts.os ?? 'win11-24h2-pro-8894'}.txt`) },
    missing(['reg', 'query', WU_REBOOT_KEY]),
    missing(['reg', 'query', CBS_REBOOT_KEY]),
    missing(['reg', 'query', WU_POLICY_KEY]),
    { argv: [...HOTFIX_ARGV], stdout: recorded(root, 'os-patch', 'windows', 'get-hotfix.txt') },
  ];
  const files: Record<string, FixtureNode> = { 'C:\\Users\\Default\\NTUSER.DAT': 'x', 'C:\\Users\\Public\\Desktop\\desktop.ini': 'x' };
  for (const [who, user] of [['mine', 'Nguyễn'], ['tran', 'tran']] as const) {
    if (!zoom.has(who)) continue;
    files[`C:\\Users\\${user}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe`] = `MZ-${user}`;
    files[`C:\\Users\\${user}\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe`] = `MZ-installer-${user}`;
  }
  if (zoom.has('machine')) files['C:\\Program Files\\Zoom\\bin\\Zoom.exe'] = 'MZ-msi';
  return {
    platform: 'win32',
    arch: 'x64',
    hostname: 'PC-VANTHU-01',
    osRelease: '10.0.26100',
    homedir: 'C:\\Users\\Nguyễn',
    env: {
      SystemDrive: 'C:',
      SystemRoot: 'C:\\Windows',
      APPDATA: 'C:\\Users\\Nguyễn\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\Nguyễn\\AppData\\Local',
      USERPROFILE: 'C:\\Users\\Nguyễn',
      USERNAME: 'Nguyễn',
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      ProgramW6432: 'C:\\Program Files',
      PUBLIC: 'C:\\Users\\Public',
    },
    files,
    commands: [
      ...uninstall,
      ...(parts.blind ? [] : [{ argv: APPX_ARGV, stdout: '{"allUsers":true,"packages":[]}\r\n' } as FixtureCommand]),
      ...(parts.blind && parts.os === undefined ? os.slice(1) : os),
    ],
  };
}
