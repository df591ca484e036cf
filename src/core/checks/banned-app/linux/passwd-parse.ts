import { isOverlong } from '../../../text/lines';

/** One account of /etc/passwd. */
export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly home: string;
  readonly shell: string;
}

/** Parsed /etc/passwd: accounts, and lines that are not accounts (garbled, cut short). */
export interface PasswdParse {
  readonly entries: readonly PasswdEntry[];
  readonly bad: readonly string[];
}

/** Shells that refuse a login: such accounts are services, not people (passwd(5), nologin(8)). */
const NO_LOGIN = new Set(['nologin', 'false']);

/** First uid of a person's account (login.defs UID_MIN) and the `nobody` uid (65534), which is no person. */
export const UID_MIN = 1000;
export const UID_NOBODY = 65534;

/**
 * Parses passwd(5): `name:password:uid:gid:gecos:home:shell`, seven fields. Comments, blank lines and
 * NIS compat lines (`+…`, `-…`) are skipped; any other line that is not seven fields with a numeric uid
 * and an absolute home is `bad` (a garbled or cut-short file may hide a user).
 */
export function parsePasswd(text: string): PasswdParse {
  const entries: PasswdEntry[] = [];
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = isOverlong(line) ? [] : line.split(':');
    const [name, , uid, gid, , home, shell] = f;
    if (f.length !== 7 || !name || /[/\s]/.test(name) || !/^\d+$/.test(uid!) || !/^\d+$/.test(gid!) || !home!.startsWith('/') || line.includes('\uFFFD')) {
      bad.push(line);
      continue;
    }
    entries.push({ name: name.normalize('NFC'), uid: Number(uid), home: home!, shell: shell! });
  }
  return { entries, bad };
}

/** A person's account: uid in [UID_MIN, nobody), with a shell that allows a login (empty means /bin/sh). */
export function isPerson(e: PasswdEntry): boolean {
  const shell = e.shell.split('/').pop() ?? '';
  return e.uid >= UID_MIN && e.uid < UID_NOBODY && !NO_LOGIN.has(shell);
}
