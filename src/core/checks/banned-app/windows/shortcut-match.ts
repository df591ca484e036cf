/**
 * Whether a shortcut, a Run value or a URL handler's command starts the banned app: by the program's path,
 * which must end in one of the app's executables (`APP\bin\APP.exe`, from the policy), %VARS% expanded.
 * A program that only shares a name elsewhere (`C:\Tools\APP.exe`) is not it.
 */
import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { MAX_SHELL_LINK_BYTES, parseShellLink, shellLinkTarget } from '../../../windows/shell-link';
import { uninstallArgv } from '../../../remediation/windows-plans';
import { expandEnv } from './profiles';

/** True when `program` (a full path, %VARS% allowed) is one of the app's executables. */
export function isAppProgram(host: Host, app: BannedApp, program: string): boolean {
  const p = expandEnv(host, program).replace(/\//g, '\\').toLowerCase();
  if (!/^[a-z]:\\|^\\\\/.test(p)) return false;
  return [...app.windows.profileExecutables, ...app.windows.programFilesExecutables].some((exe) => p.endsWith(`\\${exe.toLowerCase()}`));
}

/** The program of a command line (`"C:\…\APP.exe" "--url=%1"`), when it is the app's. */
export function appProgramOfCommand(host: Host, app: BannedApp, command: string): string | undefined {
  const argv = uninstallArgv(command, host.env);
  const program = argv?.[0];
  return program && isAppProgram(host, app, program) ? program : undefined;
}

/** The app's program a .lnk file starts; undefined when it starts something else. Throws HostError / ShellLinkError. */
export async function appProgramOfShortcut(host: Host, app: BannedApp, path: string): Promise<string | undefined> {
  const link = parseShellLink(await host.readBytes(path, { links: 'refuse', maxBytes: MAX_SHELL_LINK_BYTES }));
  const target = shellLinkTarget(link);
  if (target && isAppProgram(host, app, target)) return target;
  // The environment target is what Windows prefers when the local path moved (%APPDATA% of a renamed profile).
  if (link.environmentTarget && isAppProgram(host, app, link.environmentTarget)) return link.environmentTarget;
  return undefined;
}

/** True when the .lnk file at `path` (a plain file) still starts the app: checked again before it is deleted. */
export async function isAppShortcut(host: Host, app: BannedApp, path: string): Promise<boolean> {
  return (await appProgramOfShortcut(host, app, path).catch(() => undefined)) !== undefined;
}
