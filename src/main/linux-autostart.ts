/**
 * "Start at login" on Linux: Electron's setLoginItemSettings works only on Windows and macOS, so
 * here the app writes (or removes) an XDG autostart entry, ~/.config/autostart/attt-selfcheck.desktop
 * (XDG Autostart and Desktop Entry specifications, freedesktop.org). Pure text building plus one
 * small file operation, so it is tested on a temp folder.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isHostError } from '../core/host/host';
import { readTextBoundedSync } from '../core/host/read-file';

/** The entry's file name. */
export const AUTOSTART_FILE = 'attt-selfcheck.desktop';

/** The autostart folder: $XDG_CONFIG_HOME/autostart, or ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored, as the spec says). */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const config = env.XDG_CONFIG_HOME;
  return join(config && isAbsolute(config) ? config : join(home, '.config'), 'autostart');
}

/** A value of type string: backslash, newline, tab and carriage return escaped (Desktop Entry spec, "Possible value types"). */
export function escapeString(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
}

/**
 * One argument of the Exec key: always quoted in double quotes with `"`, `` ` ``, `$` and `\`
 * escaped by a backslash (the quoting rule), then escaped as a string value (so a literal
 * backslash becomes four), and `%` doubled so it is not read as a field code.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return escapeString(quoted).replace(/%/g, '%%');
}

/** What to start at login, as the running app knows it. */
export interface LaunchFacts {
  readonly execPath: string;
  /** Set by the AppImage runtime: the .AppImage file itself (execPath is inside a mount that goes away). */
  readonly appImage?: string | undefined;
  readonly packaged: boolean;
  /** The app folder, needed as an argument when running from source with the electron binary. */
  readonly appPath: string;
}

/** The command line to start the app: the AppImage, the packaged executable, or electron with the app folder. */
export function launchCommand(f: LaunchFacts): readonly string[] {
  if (f.appImage) return [f.appImage];
  return f.packaged ? [f.execPath] : [f.execPath, f.appPath];
}

/** Names of the entry, per language (the settings page and GNOME's "Startup Applications" show them). */
export interface EntryNames {
  readonly en: string;
  readonly vi: string;
}

/** The text of the autostart entry. Started in the tray, without the window (that needs --show). */
export function desktopEntry(argv: readonly string[], names: EntryNames, comments: EntryNames): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeString(names.en)}`,
    `Name[vi]=${escapeString(names.vi)}`,
    `Comment=${escapeString(comments.en)}`,
    `Comment[vi]=${escapeString(comments.vi)}`,
    `Exec=${argv.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** What setAutostart did. */
export type AutostartChange = 'written' | 'removed' | 'unchanged';

/** Writes the entry (atomically, only when it differs) or removes it. Throws when the disk refuses. */
export function setAutostart(dir: string, entry: string | null): AutostartChange {
  const file = join(dir, AUTOSTART_FILE);
  // null: no entry; '' : something at our name that is not a small plain file (it is replaced, never read).
  let current: string | null = null;
  try {
    current = readTextBoundedSync(file, { maxBytes: 64 * 1024, links: 'refuse' });
  } catch (e) {
    if (!isHostError(e)) throw e;
    if (e.code === 'not-a-file' || e.code === 'is-a-link' || e.code === 'too-large') current = '';
    else if (e.code !== 'not-found') throw e;
  }
  if (entry === null) {
    if (current === null) return 'unchanged';
    rmSync(file, { force: true });
    return 'removed';
  }
  if (current === entry) return 'unchanged';
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, entry, { mode: 0o644 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return 'written';
}
