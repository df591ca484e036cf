import type { Host, Platform, RunResult } from '../host/host';
import { joinWindowsCommandLine } from './windows-command-line';
import { systemTool } from '../windows/system-tools';

/** Quotes one word for a POSIX shell: inside single quotes, each ' written as '\''. */
export function posixQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An AppleScript string literal: backslashes and double quotes escaped. */
export function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A PowerShell single-quoted literal (' doubled): nothing inside is expanded. */
export function powershellLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** argv that runs a PowerShell script given as -EncodedCommand (UTF-16LE base64): no quoting left to chance. */
export function powershellArgv(script: string, env: Readonly<Record<string, string | undefined>> = {}): string[] {
  return [systemTool(env, 'powershell'), '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

/** Exit code the Windows wrapper returns when the user refuses the UAC prompt (ERROR_CANCELLED). */
export const WINDOWS_CANCELLED = 1223;

/** pkexec and osascript by full path: a program of the same name earlier in PATH would see the password prompt. */
export const PKEXEC = '/usr/bin/pkexec';
export const OSASCRIPT = '/usr/bin/osascript';

/** Folders an elevated Linux program is taken from (root-owned); never the person's PATH. */
export const TRUSTED_BIN_DIRS: readonly string[] = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The full path of a program to run as administrator on Linux: found in TRUSTED_BIN_DIRS only (pkexec
 * would otherwise look it up in the person's PATH, where anything they can write could stand in). Null when absent.
 */
export async function trustedProgram(host: Host, name: string): Promise<string | null> {
  if (name.startsWith('/')) return name;
  if (name.includes('/')) return null;
  for (const dir of TRUSTED_BIN_DIRS) {
    const path = `${dir}/${name}`;
    const st = await host.stat(path).catch(() => null);
    if (st && (st.type === 'file' || st.type === 'symlink')) return path;
  }
  return null;
}

/**
 * argv that runs `argv` as administrator:
 * Linux `/usr/bin/pkexec argv…` (argv[0] a full path, see trustedProgram); macOS osascript
 * `do shell script "<quoted argv>" with administrator privileges` (root's shell has a fixed PATH);
 * Windows PowerShell `Start-Process -Verb RunAs -Wait` (the UAC prompt), returning the program's exit code.
 */
export function elevatedArgv(platform: Platform, argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): string[] {
  if (platform === 'linux') return [PKEXEC, ...argv];
  if (platform === 'darwin') {
    const shell = argv.map(posixQuote).join(' ');
    return [OSASCRIPT, '-e', `do shell script ${appleScriptString(shell)} with administrator privileges`];
  }
  const args = joinWindowsCommandLine(argv.slice(1));
  const script = [
    "$ErrorActionPreference = 'Stop'",
    'try {',
    `  $p = Start-Process -FilePath ${powershellLiteral(argv[0] ?? '')}${args ? ` -ArgumentList ${powershellLiteral(args)}` : ''} -Verb RunAs -Wait -PassThru`,
    '  exit $p.ExitCode',
    '} catch {',
    '  $e = $_.Exception; while ($e) { if ($e.NativeErrorCode -eq 1223) { exit 1223 }; $e = $e.InnerException }',
    '  [Console]::Error.WriteLine($_.Exception.Message); exit 1',
    '}',
  ].join('\n');
  return powershellArgv(script, env);
}

/** True when an elevated run failed because the person refused (or could not give) administrator rights. */
export function elevationRefused(platform: Platform, r: RunResult): boolean {
  if (platform === 'linux') return r.argv[0] === PKEXEC && (r.exitCode === 126 || r.exitCode === 127);
  if (platform === 'darwin') return r.argv[0] === OSASCRIPT && r.exitCode !== 0 && /\(-128\)/.test(r.stderr);
  // Only our UAC wrapper says 1223 for "refused"; an uninstaller run without it means something else by it.
  return /powershell\.exe$/i.test(r.argv[0] ?? '') && r.argv.includes('-EncodedCommand') && r.exitCode === WINDOWS_CANCELLED;
}

/**
 * Whether we already have administrator rights: `id -u` is 0 (POSIX), or `whoami /groups` lists the
 * High or System integrity level (Windows). null when that could not be found out.
 */
export async function isPrivileged(host: Host): Promise<boolean | null> {
  if (host.platform === 'win32') {
    const r = await host.run([systemTool(host.env, 'whoami'), '/groups'], { timeoutMs: 15_000 });
    if (r.exitCode !== 0 || !/S-1-16-\d+/.test(r.stdout)) return null;
    return /S-1-16-(12288|16384)\b/.test(r.stdout);
  }
  const r = await host.run(['id', '-u'], { timeoutMs: 15_000 });
  const out = r.stdout.trim();
  if (r.exitCode !== 0 || !/^\d+$/.test(out)) return null;
  return out === '0';
}
