/**
 * Windows command lines as the registry stores them (UninstallString), turned into argv with the
 * rules of CommandLineToArgvW / the MSVC runtime, and back (quoting for CreateProcess).
 */

/**
 * Splits a command line into argv. The program name follows CreateProcess's rule (quoted up to the
 * next quote, else up to white space; no backslash escapes); the arguments follow the MSVC rules:
 * 2n backslashes + quote = n backslashes and a quote toggle; 2n+1 backslashes + quote = n and a
 * literal quote; `""` inside quotes is a literal quote.
 */
export function parseWindowsCommandLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const s = line.replace(/^[ \t]+/, '');
  if (s.length === 0) return out;
  // Program name.
  if (s[0] === '"') {
    const end = s.indexOf('"', 1);
    out.push(end < 0 ? s.slice(1) : s.slice(1, end));
    i = end < 0 ? s.length : end + 1;
  } else {
    while (i < s.length && s[i] !== ' ' && s[i] !== '\t') i++;
    out.push(s.slice(0, i));
  }
  // Arguments.
  for (;;) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    let arg = '';
    let inQuotes = false;
    while (i < s.length) {
      const c = s[i]!;
      if (!inQuotes && (c === ' ' || c === '\t')) break;
      if (c === '\\') {
        let n = 0;
        while (s[i] === '\\') {
          n++;
          i++;
        }
        if (s[i] === '"') {
          arg += '\\'.repeat(Math.floor(n / 2));
          if (n % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += '\\'.repeat(n);
        }
        continue;
      }
      if (c === '"') {
        if (inQuotes && s[i + 1] === '"') {
          arg += '"';
          i += 2;
          continue;
        }
        inQuotes = !inQuotes;
        i++;
        continue;
      }
      arg += c;
      i++;
    }
    out.push(arg);
  }
  return out;
}

/** Quotes one argument so that parseWindowsCommandLine (CommandLineToArgvW) gives it back unchanged. */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[ \t\n\v"]/.test(arg)) return arg;
  let out = '"';
  for (let i = 0; i < arg.length; i++) {
    let n = 0;
    while (arg[i] === '\\') {
      n++;
      i++;
    }
    if (i === arg.length) {
      out += '\\'.repeat(n * 2);
      break;
    }
    if (arg[i] === '"') out += `${'\\'.repeat(n * 2 + 1)}"`;
    else out += `${'\\'.repeat(n)}${arg[i]}`;
  }
  return `${out}"`;
}

/** Joins argv into one Windows command line. */
export function joinWindowsCommandLine(argv: readonly string[]): string {
  return argv.map(quoteWindowsArg).join(' ');
}

/**
 * Expands %VAR% from env (case-insensitive names, as Windows does). Returns null when a variable
 * is not set: a path we cannot resolve is never guessed.
 */
export function expandWindowsEnv(text: string, env: Readonly<Record<string, string | undefined>>): string | null {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  let missing = false;
  const out = text.replace(/%([A-Za-z_][A-Za-z0-9_()]*)%/g, (_m, name: string) => {
    const v = lower.get(name.toLowerCase());
    if (v === undefined || v === '') {
      missing = true;
      return '';
    }
    return v;
  });
  return missing ? null : out;
}
