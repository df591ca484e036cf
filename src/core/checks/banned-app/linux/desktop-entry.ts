/**
 * A freedesktop.org desktop entry (`.desktop`, Desktop Entry Specification 1.5): the keys of its
 * `[Desktop Entry]` group that say what it starts and which links it opens, and its Exec line as argv.
 */

/** What an entry says about itself. */
export interface DesktopEntry {
  /** The Exec key as written (string escapes already undone). */
  readonly exec?: string;
  readonly tryExec?: string;
  /** MimeType values, e.g. `x-scheme-handler/SCHEME`, lower case. */
  readonly mimeTypes: readonly string[];
  /** `Hidden=true`: the entry counts as deleted (used to hide a system entry). */
  readonly hidden: boolean;
  readonly name?: string;
}

/** Undoes the value escapes of the spec: \s \n \t \r \\ (and \; inside lists is kept for the list split). */
function unescapeValue(v: string): string {
  return v.replace(/\\([sntr\\])/g, (_m, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
}

/** Splits a `;`-separated list (a trailing `;` ends it; `\;` is a literal semicolon). */
function splitList(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\' && v[i + 1] === ';') {
      cur += ';';
      i++;
    } else if (v[i] === ';') {
      out.push(cur);
      cur = '';
    } else cur += v[i];
  }
  if (cur !== '') out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Parses the `[Desktop Entry]` group; null when the text has none (not a desktop entry). */
export function parseDesktopEntry(text: string): DesktopEntry | null {
  let inGroup = false;
  let seen = false;
  const keys = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      inGroup = line === '[Desktop Entry]';
      seen ||= inGroup;
      continue;
    }
    if (!inGroup) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    // Localized keys (Name[vi]) say nothing of what starts; the first of a key wins, as in GLib.
    if (!keys.has(key)) keys.set(key, line.slice(eq + 1).trim());
  }
  if (!seen) return null;
  const exec = keys.get('Exec');
  const tryExec = keys.get('TryExec');
  const name = keys.get('Name');
  return {
    ...(exec !== undefined ? { exec: unescapeValue(exec) } : {}),
    ...(tryExec !== undefined ? { tryExec: unescapeValue(tryExec) } : {}),
    ...(name !== undefined ? { name: unescapeValue(name) } : {}),
    mimeTypes: splitList(keys.get('MimeType') ?? '').map((m) => m.toLowerCase()),
    hidden: /^true$/i.test(keys.get('Hidden') ?? ''),
  };
}

/**
 * The Exec value as argv (the spec's quoting: double quotes, with \" \` \$ \\ escaped inside),
 * field codes (%U, %f, ...) dropped and %% kept as %. Null when the quoting is broken.
 */
export function execArgv(exec: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < exec.length; i++) {
    const c = exec[i]!;
    if (quoted) {
      if (c === '\\' && i + 1 < exec.length && '"`$\\'.includes(exec[i + 1]!)) cur += exec[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') {
      quoted = true;
      inArg = true;
    } else if (c === ' ' || c === '\t') {
      if (inArg) out.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (quoted) return null;
  if (inArg) out.push(cur);
  return out.filter((a) => !/^%[a-zA-Z]$/.test(a)).map((a) => a.replace(/%%/g, '%'));
}

/**
 * The program an argv really starts: `env [-i] [-u NAME] [NAME=value ...] PROG ...` is PROG.
 * Returns the argv from the program on (empty when there is none).
 */
export function programOf(argv: readonly string[]): string[] {
  let i = 0;
  if (argv[0] === 'env' || argv[0] === '/usr/bin/env' || argv[0] === '/bin/env') {
    i = 1;
    while (i < argv.length) {
      const a = argv[i]!;
      if (a === '-u' || a === '--unset') i += 2;
      else if (a.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) i++;
      else break;
    }
  }
  return argv.slice(i);
}
