import { isOverlong } from '../../../text/lines';

/** One line of `dpkg-query -W` with DPKG_FORMAT. */
export interface DpkgRow {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  /** The three words of ${Status}: want, error flag, state (e.g. `install ok installed`). */
  readonly want: string;
  readonly flag: string;
  readonly state: string;
}

/** The format we ask dpkg-query for: tab-separated, one package a line (dpkg-query expands \t and \n). */
export const DPKG_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${Status}\\n';

/** Every package state, spelt as dpkg prints it (dpkg-query(1), "Package states"). */
export const DPKG_STATES: readonly string[] = ['not-installed', 'config-files', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending', 'installed'];

/** States in which the package's files are (or may be partly) on disk: anything from half-installed on. */
const FILES_PRESENT = new Set(['half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending', 'installed']);
const KNOWN_STATES = new Set(DPKG_STATES);

/** What a package's state means for us: present (installed), leftover (config files only) or gone. */
export function dpkgPresence(state: string): 'installed' | 'leftover' | 'gone' {
  if (FILES_PRESENT.has(state)) return 'installed';
  return state === 'config-files' ? 'leftover' : 'gone';
}

/** Parsed output: the rows, the lines that did not parse, and whether the last line was cut off. */
export interface DpkgParse {
  readonly rows: readonly DpkgRow[];
  readonly bad: readonly string[];
  readonly cutOff: boolean;
}

// A Debian package name (policy 5.6.1) and version are ASCII; anything else is not our format.
const NAME = /^[a-z0-9][a-z0-9+.-]+$/;
const VERSION = /^[A-Za-z0-9.+~:-]*$/;

/** Parses `dpkg-query -W --showformat=DPKG_FORMAT` output. */
export function parseDpkgQuery(stdout: string): DpkgParse {
  const rows: DpkgRow[] = [];
  const bad: string[] = [];
  const cutOff = stdout.length > 0 && !stdout.endsWith('\n');
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const f = isOverlong(line) ? [] : line.split('\t');
    const status = (f[3] ?? '').split(' ');
    const [want, flag, state] = status;
    if (f.length !== 4 || status.length !== 3 || !NAME.test(f[0]!) || !VERSION.test(f[1]!) || !KNOWN_STATES.has(state!)) {
      bad.push(line);
      continue;
    }
    rows.push({ name: f[0]!, version: f[1]!, arch: f[2]!, want: want!, flag: flag!, state: state! });
  }
  return { rows, bad, cutOff };
}
