import { isOverlong } from '../../../text/lines';

/** One line of `rpm -qa --qf RPM_FORMAT`. */
export interface RpmRow {
  readonly name: string;
  /** [EPOCH:]VERSION-RELEASE */
  readonly version: string;
  readonly arch: string;
}

/** The query format: tab-separated, epoch only when set (rpm expands \t and \n). */
export const RPM_FORMAT = '%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n';

// rpm names and versions are ASCII; gpg-pubkey entries have arch "(none)".
const NAME = /^[A-Za-z0-9_+.~-]+$/;
const VERSION = /^[A-Za-z0-9._+~^:-]+$/;
const ARCH = /^[A-Za-z0-9_()-]+$/;

/** Parsed output: the rows, lines that did not parse, and whether the last line was cut off. */
export interface RpmParse {
  readonly rows: readonly RpmRow[];
  readonly bad: readonly string[];
  readonly cutOff: boolean;
}

/** Parses `rpm -qa --qf RPM_FORMAT` output. */
export function parseRpmQuery(stdout: string): RpmParse {
  const rows: RpmRow[] = [];
  const bad: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const f = isOverlong(line) ? [] : line.split('\t');
    if (f.length !== 3 || !NAME.test(f[0]!) || !VERSION.test(f[1]!) || !ARCH.test(f[2]!)) {
      bad.push(line);
      continue;
    }
    rows.push({ name: f[0]!, version: f[1]!, arch: f[2]! });
  }
  return { rows, bad, cutOff: stdout.length > 0 && !stdout.endsWith('\n') };
}
