/**
 * The only shapes of a non-MSI UninstallString we run: the vendor's own uninstaller program, at a
 * plain local path inside the app's folder, with switch-like arguments. Anything else (cmd /c,
 * rundll32, powershell -enc, a program outside Program Files / the profile, free-text arguments)
 * gets manual steps: the registry value is data, never a command line we trust as given.
 */

import { plainWindowsPath } from '../windows/plain-path';
import { trimTrailing } from '../text/trim-trailing';

/** Programs that run other code from their arguments: never an uninstaller, whatever the key says. */
const INTERPRETERS = new Set([
  'bash', 'bitsadmin', 'certutil', 'cmd', 'cmstp', 'conhost', 'cscript', 'explorer', 'forfiles', 'hh', 'installutil',
  'java', 'javaw', 'msbuild', 'msdt', 'mshta', 'msiexec', 'node', 'odbcconf', 'pcalua', 'powershell', 'powershell_ise',
  'pwsh', 'python', 'pythonw', 'reg', 'regasm', 'regedit', 'regsvcs', 'regsvr32', 'rundll32', 'sc', 'schtasks', 'sh',
  'wmic', 'wscript', 'wsl',
]);

/** One switch: `/uninstall`, `-S`, `--silent`, `/mode=quiet`; nothing a program could read as code or a path. */
const SWITCH = /^(?:\/|-{1,2})[A-Za-z][A-Za-z0-9_-]{0,40}(?:[=:][A-Za-z0-9._-]{1,40})?$/;
/** In a .cmd/.bat line every character below is read by cmd.exe (or splits arguments): none may appear. */
const CMD_SPECIAL = /[\s&|<>^%!"()@,;=`]/;
/** At most this many arguments. */
const MAX_ARGS = 8;

/** Where the program may live: inside one of the roots, in one of the app's install folders right below it. */
export interface UninstallerRules {
  /** Folders the program must be inside (e.g. %ProgramFiles%, %APPDATA% for a per-user install). */
  readonly roots: readonly string[];
  /** The app's install folder names (`APP`): the component right below the root must be one of them, exactly. */
  readonly installFolders: readonly string[];
}

/** True when `parts` lie in `root\FOLDER\…` for one of the folders, every component compared whole (case-insensitive). */
function inInstallFolder(root: string, folders: readonly string[], parts: readonly string[]): boolean {
  const r = plainWindowsPath(trimTrailing(root, '\\')) ?? (/^[A-Za-z]:\\?$/.test(root) ? [root.slice(0, 2)] : null);
  // The program lies below the install folder (root\APP\…\Installer.exe), never in the root itself.
  if (!r || r.length + 1 >= parts.length) return false;
  if (!r.every((c, i) => c.toLowerCase() === parts[i]!.toLowerCase())) return false;
  const folder = parts[r.length]!.toLowerCase();
  return folders.some((f) => f.toLowerCase() === folder);
}

/**
 * argv to run when `argv` (a parsed UninstallString) is the vendor's uninstaller: a `.exe` (or a
 * `.cmd`/`.bat` whose line holds nothing cmd.exe interprets, run as `cmd /d /c`) inside one of
 * `rules.roots`, in one of the app's install folders right below it (`%ProgramFiles%\APP\…`, never
 * `%ProgramFiles%\APPItPro\…`), not an interpreter, and only switch arguments.
 * Null otherwise.
 */
export function vendorUninstallerArgv(argv: readonly string[], rules: UninstallerRules, cmdExe: string): string[] | null {
  const exe = argv[0] ?? '';
  const parts = plainWindowsPath(exe);
  if (!parts || !rules.roots.some((r) => inInstallFolder(r, rules.installFolders, parts))) return null;
  const file = parts[parts.length - 1]!;
  const m = /^(.+)\.(exe|cmd|bat)$/i.exec(file);
  if (!m || INTERPRETERS.has(m[1]!.toLowerCase())) return null;
  const args = argv.slice(1);
  if (args.length > MAX_ARGS || !args.every((a) => SWITCH.test(a))) return null;
  if (m[2]!.toLowerCase() === 'exe') return [...argv];
  // cmd.exe re-parses its whole command line; with no quotes and no special characters it reads it as written.
  if (argv.some((a) => CMD_SPECIAL.test(a))) return null;
  return [cmdExe, '/d', '/c', ...argv];
}
