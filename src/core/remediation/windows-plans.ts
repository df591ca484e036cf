import type { EvidenceData } from '../../shared/evidence-data';
import type { Evidence, Message } from '../../shared/finding';
import type { Host } from '../host/host';
import type { BannedApp } from '../policy/policy-schema';
import { trimTrailing } from '../text/trim-trailing';
import type { PlanStep } from './plan';
import { expandWindowsEnv, parseWindowsCommandLine } from './windows-command-line';
import { systemTool } from '../windows/system-tools';
import { vendorUninstallerArgv } from './windows-uninstaller';
import { notElevatedWhy, programControl } from './program-control';

/** An MSI product code: {8-4-4-4-12 hex}. */
const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const GUID_IN_MSIEXEC = /\/[IiXx]\s*(\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\})/;

/** msiexec exit codes that mean done: 0, 1605 (not installed any more), 1641/3010 (done, restart pending). */
export const MSI_OK_CODES: readonly number[] = [0, 1605, 1641, 3010];

/** Steps from a Windows Uninstall key, or why none can be derived (then only manual steps are offered). */
export type WindowsDerivation = { readonly steps: readonly PlanStep[] } | { readonly why: Message };

/** The product code of an MSI install: the `productCode` value, the key name, or the GUID in `MsiExec.exe /X{…}` / `/I{…}`. */
export function msiProductCode(data: EvidenceData): string | null {
  const code = [data.productCode, data.keyName].find((c) => c && GUID.test(c.trim()));
  if (code) return code.trim().toUpperCase();
  for (const s of [data.quietUninstallString, data.uninstallString]) {
    const m = s ? GUID_IN_MSIEXEC.exec(s) : null;
    if (m && /msiexec/i.test(s!)) return m[1]!.toUpperCase();
  }
  return null;
}

/**
 * Parses an uninstall string into argv: quoted or unquoted program, MSVC argument rules, %VARS%
 * expanded. An unquoted program path with spaces ends at the first `.exe`/`.cmd`/`.bat` (as
 * CreateProcess resolves it). Null when it is not a command we can run exactly.
 */
export function uninstallArgv(text: string, env: Readonly<Record<string, string | undefined>>): string[] | null {
  const expanded = expandWindowsEnv(text.trim(), env);
  if (!expanded) return null;
  if (!expanded.startsWith('"')) {
    const m = /^(.+?\.(?:exe|cmd|bat))(?=\s|$)(.*)$/i.exec(expanded);
    if (!m) return null;
    return [m[1]!, ...parseWindowsCommandLine(`x${m[2]!}`).slice(1)];
  }
  const argv = parseWindowsCommandLine(expanded);
  return argv.length > 0 && argv[0] ? argv : null;
}

/**
 * Folders a non-MSI uninstaller may live in: Program Files for every install; the person's own
 * application data folders as well for a per-user install, which runs without elevation.
 */
function uninstallerRoots(host: Host, machine: boolean): string[] {
  // Windows variable names are case-insensitive (PROGRAMFILES in some shells).
  const get = (name: string): string | undefined => Object.entries(host.env).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const programFiles = ['ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432'].map(get).filter((d): d is string => !!d);
  const appData = [get('APPDATA') ?? host.path.join(host.homedir, 'AppData', 'Roaming'), get('LOCALAPPDATA') ?? host.path.join(host.homedir, 'AppData', 'Local')];
  return machine ? programFiles : [...programFiles, ...appData];
}

/** The app's install folder names: the first folder of each executable the policy names (`APP\bin\APP.exe` → `APP`). */
export function installFolders(app: BannedApp): string[] {
  const first = (rel: string): string => rel.split(/[\\/]/)[0] ?? '';
  return [...new Set([...app.windows.programFilesExecutables, ...app.windows.profileExecutables].map(first).filter((f) => f !== ''))];
}

/** True when the per-user key belongs to another profile than ours (an HKU\SID hive whose uninstaller is not under our home). */
function otherProfile(host: Host, data: EvidenceData, exe: string | undefined): boolean {
  if (!data.hive || data.hive.toUpperCase() === 'HKCU') return false;
  if (data.hive.toUpperCase() === 'HKLM') return false;
  const home = trimTrailing(host.homedir.toLowerCase(), '\\');
  return !(exe && exe.toLowerCase().startsWith(`${home}\\`));
}

/** Why another profile's key is not ours to remove, naming the account (never its SID): the key's user, else the profile folder its uninstaller lies in. */
function otherProfileWhy(host: Host, data: EvidenceData, name: string, exe: string | undefined): Message {
  const profiles = trimTrailing(host.path.dirname(host.homedir), '\\').toLowerCase();
  const rest = exe && exe.toLowerCase().startsWith(`${profiles}\\`) ? exe.slice(profiles.length + 1) : '';
  const user = data.user || rest.split('\\')[0] || '';
  return user ? { key: 'fix:why.otherUser', params: { name, user } } : { key: 'fix:why.otherProfile', params: { name } };
}

/**
 * Steps for one Windows Uninstall key, derived from its values only; never a guessed command: msiexec
 * with the product code, or the vendor's uninstaller (see windows-uninstaller.ts), else manual.
 */
export async function windowsUninstallSteps(host: Host, reg: Evidence, app: BannedApp): Promise<WindowsDerivation> {
  const data = reg.data ?? {};
  // A person reads the product's name: its DisplayName, else the app's (a key name is often an MSI product code).
  const name = data.displayName || app.name;
  const machine = data.scope === 'machine' || data.hive?.toUpperCase() === 'HKLM';
  const isMsi = data.windowsInstaller === '1' || /^"?[^"]*msiexec(\.exe)?"?\s/i.test((data.uninstallString ?? '').trimStart());
  if (isMsi) {
    const code = msiProductCode(data);
    if (!code) return { why: { key: 'fix:why.noProductCode', params: { name } } };
    if (!machine && otherProfile(host, data, undefined)) return { why: otherProfileWhy(host, data, name, undefined) };
    return {
      steps: [{ kind: 'run', title: { key: 'fix:step.msiexec', params: { name, code } }, argv: [systemTool(host.env, 'msiexec'), '/x', code, '/qn', '/norestart'], elevation: machine ? 'admin' : 'none', okExitCodes: MSI_OK_CODES, codes: 'windows-installer' }],
    };
  }
  const text = data.quietUninstallString || data.uninstallString;
  if (!text) return { why: { key: 'fix:why.noUninstaller', params: { name } } };
  // The console could not print some letters of the key (lossy=1): the path is not known exactly.
  if (data.lossy === '1') return { why: { key: 'fix:why.unusableUninstaller', params: { name, command: text } } };
  const argv = uninstallArgv(text, host.env);
  if (argv && otherProfile(host, data, argv[0])) return { why: otherProfileWhy(host, data, name, argv[0]) };
  const launch = argv ? vendorUninstallerArgv(argv, { roots: uninstallerRoots(host, machine), installFolders: installFolders(app) }, systemTool(host.env, 'cmd')) : null;
  if (!argv || !launch) return { why: { key: 'fix:why.unusableUninstaller', params: { name, command: text } } };
  let present = false;
  try {
    present = (await host.stat(argv[0]!)) !== null;
  } catch {
    present = false;
  }
  if (!present) return { why: { key: 'fix:why.uninstallerMissing', params: { name, path: argv[0]! } } };
  // A per-machine uninstaller runs as administrator: only when no standard user can change it or its folders.
  if (machine) {
    const control = await programControl(host, argv[0]!);
    if (control.kind !== 'administrators') return { why: notElevatedWhy(argv[0]!, control) };
  }
  return { steps: [{ kind: 'run', title: { key: 'fix:step.uninstaller', params: { name, path: argv[0]! } }, argv: launch, elevation: machine ? 'admin' : 'none', okExitCodes: [0] }] };
}

/** Steps for an MSIX/Store package: Remove-AppxPackage with the full name from the evidence. */
export function msixSteps(host: Host, data: EvidenceData): WindowsDerivation {
  const full = data.packageFullName ?? '';
  // -Command joins its words into a script: the name must be one plain word, never a `-Parameter`.
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*_[A-Za-z0-9._~-]+$/.test(full)) return { why: { key: 'fix:why.noPackageName', params: { name: data.name ?? '?' } } };
  return {
    steps: [{ kind: 'run', title: { key: 'fix:step.msix', params: { name: full } }, argv: [systemTool(host.env, 'powershell'), '-NoProfile', '-NonInteractive', '-Command', 'Remove-AppxPackage', '-Package', full], elevation: 'none', okExitCodes: [0] }],
  };
}

/** Manual steps for Windows: Settings > Apps, then the vendor's clean-up tool when the policy names one, then IT staff. */
export function windowsManual(app: BannedApp, name: string): Message[] {
  const tool = app.windows.cleanupTool;
  return [
    { key: 'fix:manual.windows.settings', params: { name } },
    ...(tool ? [{ key: 'fix:manual.windows.cleanupTool', params: { app: app.name, tool: tool.name, program: tool.program, url: tool.url } }] : []),
    { key: 'fix:manual.askIt' },
  ];
}
