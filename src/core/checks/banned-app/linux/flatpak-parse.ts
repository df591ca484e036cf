import { isOverlong } from '../../../text/lines';

/** One row of `flatpak list --app --columns=application,version,installation`. */
export interface FlatpakRow {
  readonly appId: string;
  readonly version: string;
  /** `system`, `user`, or the name of another system-wide installation. */
  readonly installation: string;
}

/** Parsed output: rows and lines that did not parse. */
export interface FlatpakParse {
  readonly rows: readonly FlatpakRow[];
  readonly bad: readonly string[];
}

// A flatpak app id: reverse-DNS, at least three elements, ASCII letters, digits, _ and - (flatpak docs).
const APP_ID = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+){2,}$/;

/**
 * Parses the list. Piped (not a terminal), flatpak prints tab-separated columns and no header;
 * a header line (`Application ID`, as on a terminal) is skipped. Version may be empty.
 */
export function parseFlatpakList(stdout: string): FlatpakParse {
  const rows: FlatpakRow[] = [];
  const bad: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const f = isOverlong(line) ? [] : line.split('\t').map((s) => s.trim());
    if (f[0] === 'Application ID' || f[0] === 'Application') continue;
    if (f.length !== 3 || !APP_ID.test(f[0]!) || f[2] === '') {
      bad.push(line);
      continue;
    }
    rows.push({ appId: f[0]!, version: f[1]!, installation: f[2]! });
  }
  return { rows, bad };
}

/** The scope of an installation: only `user` is per-user; every other installation is system-wide. */
export function flatpakScope(installation: string): 'user' | 'system' {
  return installation === 'user' ? 'user' : 'system';
}
