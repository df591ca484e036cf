/**
 * Windows programs the removal runs, by full path in System32: a bare `msiexec` or `taskkill` is
 * looked up in the current folder first (CreateProcess, ShellExecute), so a file named like it in
 * Downloads would run instead, perhaps as administrator.
 */
import { plainWindowsPath } from './windows-uninstaller';

/** The Windows folder from %SystemRoot% (or %windir%), `C:\Windows` when neither is a plain local path. */
export function windowsDir(env: Readonly<Record<string, string | undefined>>): string {
  const dir = [env.SystemRoot, env.SYSTEMROOT, env.windir, env.WINDIR].find((d) => d && plainWindowsPath(d.replace(/\\+$/, '')));
  return dir ? dir.replace(/\\+$/, '') : 'C:\\Windows';
}

/** Full path of a System32 program, e.g. `systemTool(env, 'msiexec')` = `C:\Windows\System32\msiexec.exe`. */
export function systemTool(env: Readonly<Record<string, string | undefined>>, name: string): string {
  if (name === 'powershell') return `${windowsDir(env)}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
  return `${windowsDir(env)}\\System32\\${name}.exe`;
}
