/**
 * Windows system programs by full path in System32: a bare `msiexec`, `reg` or `taskkill` is looked up
 * in the current folder first (CreateProcess, ShellExecute), so a file named like it in Downloads would
 * run instead, perhaps as administrator. The real host runs every known system tool this way.
 */
import { plainWindowsPath } from './plain-path';
import { trimTrailing } from '../text/trim-trailing';

/** The Windows folder from %SystemRoot% (or %windir%), `C:\Windows` when neither is a plain local path. */
export function windowsDir(env: Readonly<Record<string, string | undefined>>): string {
  const dir = [env.SystemRoot, env.SYSTEMROOT, env.windir, env.WINDIR].find((d) => d && plainWindowsPath(trimTrailing(d, '\\')));
  return dir ? trimTrailing(dir, '\\') : 'C:\\Windows';
}

/** Full path of a System32 program, e.g. `systemTool(env, 'msiexec')` = `C:\Windows\System32\msiexec.exe`. */
export function systemTool(env: Readonly<Record<string, string | undefined>>, name: string): string {
  if (name === 'powershell') return `${windowsDir(env)}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
  return `${windowsDir(env)}\\System32\\${name}.exe`;
}

/** System32 programs that probes and removal run by bare name. */
const SYSTEM_TOOLS = new Set(['reg', 'tasklist', 'taskkill', 'powershell', 'cmd', 'whoami', 'msiexec', 'wmic', 'where']);

/** argv[0] for Windows: a bare system tool name becomes its full System32 path; anything else is unchanged. */
export function resolveSystemTool(env: Readonly<Record<string, string | undefined>>, program: string): string {
  const bare = program.toLowerCase().replace(/\.exe$/, '');
  return /[\\/]/.test(program) || !SYSTEM_TOOLS.has(bare) ? program : systemTool(env, bare);
}
