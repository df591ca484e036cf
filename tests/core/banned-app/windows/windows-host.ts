/** A recorded Windows PC for the probe tests: two users (Nguyễn, the current one, and tran), Zoom in many forms. */
import { readFileSync } from 'node:fs';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../../src/core/host/fixture-host';
import type { CheckContext } from '../../../../src/core/checks/check';
import { builtinPolicy } from '../../../../src/core/policy/policy';
import { regQueryArgv } from '../../../../src/core/windows/reg-query';
import { APPX_ARGV } from '../../../../src/core/checks/banned-app/windows/msix-probe';
import { TASKLIST_ARGV } from '../../../../src/core/checks/banned-app/windows/process-probe';
import { RUN_KEYS } from '../../../../src/core/checks/banned-app/windows/run-values-probe';

/** Reads a recorded output. */
export const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/windows/${name}`, import.meta.url), 'utf8');

export const SID_NGUYEN = 'S-1-5-21-3623811015-3361044348-30300820-1001';
export const SID_TRAN = 'S-1-5-21-3623811015-3361044348-30300820-1002';
export const UNINSTALL = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
export const HKLM64 = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall`;
export const HKLM32 = `HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall`;
export const HKCU = `HKEY_CURRENT_USER\\${UNINSTALL}`;
export const PROFILE_LIST = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
export const hku = (sid: string): string => `HKEY_USERS\\${sid}\\${UNINSTALL}`;

/** The recorded answer of a recursive 64-bit-view query. */
export const regS = (key: string, stdout: string): FixtureCommand => ({ argv: regQueryArgv(key, { recursive: true, view: 64 }), stdout });
/** A key that does not exist, as Windows says it. */
export const regMissing = (key: string): FixtureCommand => ({ argv: regQueryArgv(key, { recursive: true, view: 64 }), exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' });

/** Values of a Run key as `reg query KEY /reg:64` prints them (an empty key prints one line break). */
export const regValues = (key: string, values: readonly (readonly [string, string])[]): FixtureCommand => ({
  argv: regQueryArgv(key, { view: 64 }),
  stdout: values.length === 0 ? '\r\n' : `\r\n${key}\r\n${values.map(([n, v]) => `    ${n}    REG_SZ    ${v}`).join('\r\n')}\r\n\r\n`,
});

/** What Run keys hold on an ordinary PC. */
const RUN_VALUES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  [RUN_KEYS[0]!]: [['OneDrive', '"C:\\Users\\Nguyễn\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background']],
  [RUN_KEYS[2]!]: [['SecurityHealth', '%windir%\\system32\\SecurityHealthSystray.exe']],
};

/** The answers of a PC where every source works; `over` replaces answers by argv. */
export function windowsCommands(over: readonly FixtureCommand[] = []): FixtureCommand[] {
  const base: FixtureCommand[] = [
    regS(HKLM64, fixture('reg-hklm-uninstall-64.txt')),
    regS(HKLM32, fixture('reg-hklm-uninstall-wow64.txt')),
    regS(HKCU, fixture('reg-hkcu-uninstall.txt')),
    { argv: ['reg', 'query', 'HKU'], stdout: fixture('reg-hku.txt') },
    regS(hku(SID_NGUYEN), fixture('reg-hku-1001-uninstall.txt')),
    regS(hku(SID_TRAN), fixture('reg-hku-1002-uninstall.txt')),
    regS(PROFILE_LIST, fixture('reg-profile-list.txt')),
    { argv: TASKLIST_ARGV, stdout: fixture('tasklist.csv') },
    // A clean registry: no handler of Zoom's schemes, Run keys with other programs only.
    ...builtinPolicy().bannedApps[0]!.urlSchemes.flatMap((scheme) => ['HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE'].map((h) => regMissing(`${h}\\Software\\Classes\\${scheme}`))),
    ...RUN_KEYS.map((key) => regValues(key, RUN_VALUES[key] ?? [])),
    { argv: APPX_ARGV, stdout: '{"allUsers":true,"packages":[{"Name":"Microsoft.WindowsCalculator","PackageFullName":"Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe","Version":"11.2405.2.0"}]}\r\n' },
  ];
  const key = (c: FixtureCommand): string => c.argv.join('\u0000');
  const replaced = new Set(over.map(key));
  return [...over, ...base.filter((c) => !replaced.has(key(c)))];
}

export const ENV = {
  SystemDrive: 'C:',
  SystemRoot: 'C:\\Windows',
  APPDATA: 'C:\\Users\\Nguyễn\\AppData\\Roaming',
  LOCALAPPDATA: 'C:\\Users\\Nguyễn\\AppData\\Local',
  USERPROFILE: 'C:\\Users\\Nguyễn',
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  ProgramW6432: 'C:\\Program Files',
  PUBLIC: 'C:\\Users\\Public',
};

/** The files of the PC: both users' Zoom.exe, the MSI's Zoom.exe, folders of a default profile and Public. */
export function windowsFiles(extra: Readonly<Record<string, FixtureNode>> = {}): Record<string, FixtureNode> {
  return {
    'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': 'MZ-nguyen',
    'C:\\Users\\tran\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': 'MZ-tran',
    'C:\\Program Files\\Zoom\\bin\\Zoom.exe': 'MZ-msi',
    'C:\\Users\\Default\\NTUSER.DAT': 'x',
    'C:\\Users\\Public\\Desktop\\desktop.ini': 'x',
    'C:\\Users\\All Users': { type: 'symlink', target: 'C:\\ProgramData' },
    ...extra,
  };
}

/** A check context on a recorded PC. */
export function windowsContext(options: { commands?: readonly FixtureCommand[]; files?: Readonly<Record<string, FixtureNode>>; env?: Record<string, string> } = {}): { ctx: CheckContext; host: FixtureHost } {
  const host = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: { ...ENV, ...options.env }, files: options.files ?? windowsFiles(), commands: options.commands ?? windowsCommands() });
  return { host, ctx: { host, policy: builtinPolicy(), now: new Date('2026-07-20T08:00:00Z') } };
}

export const zoom = builtinPolicy().bannedApps[0]!;
