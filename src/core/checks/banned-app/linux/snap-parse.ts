import { isOverlong } from '../../../text/lines';

/** One row of `snap list`. */
export interface SnapRow {
  readonly name: string;
  readonly version: string;
  readonly revision: string;
}

/** Parsed `snap list`: rows, lines that did not parse, whether the header was there. */
export interface SnapParse {
  readonly rows: readonly SnapRow[];
  readonly bad: readonly string[];
  readonly header: boolean;
}

/** What snap says when nothing is installed (on stderr, exit 0). */
export const NO_SNAPS = /^No snaps are installed yet\b/m;

// Snap names: lowercase letters, digits, hyphens, with an optional _instance key. Local revisions are x1, x2...
const NAME = /^[a-z0-9][a-z0-9-]*(_[a-z0-9]{1,10})?$/;
const REV = /^x?\d+$/;

/**
 * Parses `snap list`: a header `Name Version Rev Tracking Publisher Notes`, then one snap a line,
 * columns padded with spaces (no column holds a space).
 */
export function parseSnapList(stdout: string): SnapParse {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const first = lines[0]?.trim().split(/\s+/) ?? [];
  const header = first[0] === 'Name' && first[1] === 'Version' && first[2] === 'Rev';
  const rows: SnapRow[] = [];
  const bad: string[] = [];
  for (const line of header ? lines.slice(1) : lines) {
    const f = isOverlong(line) ? [] : line.trim().split(/\s+/);
    if (f.length < 3 || !NAME.test(f[0]!) || !REV.test(f[2]!)) {
      bad.push(line);
      continue;
    }
    rows.push({ name: f[0]!, version: f[1]!, revision: f[2]! });
  }
  return { rows, bad, header };
}
