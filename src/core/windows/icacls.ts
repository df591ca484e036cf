/**
 * Reads a file's or folder's access list with `icacls PATH` (System32, never a bare name) and says
 * whether anyone but administrators may change it. The output is parsed defensively: icacls prints in
 * the console code page (letters of a Vietnamese path may arrive garbled) and account names are
 * localized on some Windows languages, so only what is recognised exactly counts as safe; an entry
 * that grants change rights to anyone else, or a listing that cannot be read, is never taken as safe.
 */
import type { Message } from '../../shared/finding';
import type { Host } from '../host/host';
import { commandFailure, garbled } from '../checks/reasons';
import { systemTool } from './system-tools';

/** One access entry as icacls prints it: `BUILTIN\Users:(OI)(CI)(RX)`. */
export interface AclEntry {
  /** The account or group as printed (a name, or a SID when the name is unknown). */
  readonly principal: string;
  /** Inheritance flags and DENY: `OI`, `CI`, `IO`, `NP`, `I`, `DENY`. */
  readonly flags: readonly string[];
  /** Rights in upper case: simple (`F`, `M`, `RX`, `R`, `W`, `N`) or specific (`WD`, `AD`, `DC`, `WDAC`, …). */
  readonly rights: readonly string[];
}

/** A parsed listing, or the line that made no sense. */
export type AclParse = { readonly ok: true; readonly entries: readonly AclEntry[] } | { readonly ok: false; readonly badLine: string };

/** Accounts that are administrators or the system itself, by name and by well-known SID. */
const ADMINS: readonly string[] = [
  'NT AUTHORITY\\SYSTEM', 'S-1-5-18',
  'BUILTIN\\Administrators', 'S-1-5-32-544',
  'NT SERVICE\\TrustedInstaller', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
  // Applies only to whoever creates a child, who needed the right to create it first.
  'CREATOR OWNER', 'S-1-3-0',
];

/** The groups every standard user is in, by name and by well-known SID. */
const STANDARD_USERS: readonly string[] = [
  'BUILTIN\\Users', 'S-1-5-32-545',
  'NT AUTHORITY\\Authenticated Users', 'S-1-5-11',
  'Everyone', 'S-1-1-0',
  'NT AUTHORITY\\INTERACTIVE', 'S-1-5-4',
];

/** Rights that let their holder change, replace or plant a program (or a DLL beside it). */
const CHANGE_RIGHTS = new Set(['F', 'M', 'W', 'D', 'WD', 'AD', 'DC', 'WDAC', 'WO', 'GA', 'GW', 'MA']);
/**
 * On a drive root every user may add folders (`Authenticated Users:(AD)` by default); that changes no
 * existing path. Only rights that replace or re-own what is there count.
 */
const ROOT_CHANGE_RIGHTS = new Set(['F', 'M', 'D', 'DC', 'WDAC', 'WO', 'GA', 'MA']);

const FLAGS = new Set(['OI', 'CI', 'IO', 'NP', 'I', 'DENY']);
const TAIL = /^(?:\([A-Z]{1,4}\))*\([A-Z]{1,4}(?:,[A-Z]{1,4}){0,20}\)$/;
const MAX_LINE = 4096;

function entryOf(head: string, tail: string): AclEntry | null {
  if (!TAIL.test(tail.toUpperCase())) return null;
  const groups = tail.toUpperCase().slice(1, -1).split(')(');
  const rights = groups.pop()!.split(',');
  if (!groups.every((g) => FLAGS.has(g))) return null;
  return { principal: head.trim(), flags: groups, rights };
}

/**
 * Parses `icacls PATH` output: the path, then one entry per line (the first on the path's line), a
 * blank line and a summary in the system's language (ignored). The path echoed may be garbled: the
 * first entry's account is then the text after it, found by the accounts we know (see accountOf).
 */
export function parseIcacls(stdout: string, path: string): AclParse {
  const lines = stdout.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() !== '');
  if (start < 0) return { ok: false, badLine: '' };
  const entries: AclEntry[] = [];
  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') break;
    if (raw.length > MAX_LINE) return { ok: false, badLine: `${raw.slice(0, 80)}…` };
    let line = raw;
    if (i === start) {
      // The echoed path comes first; strip it when it arrived intact, keep it for accountOf otherwise.
      if (line.toLowerCase().startsWith(`${path.toLowerCase()} `)) line = line.slice(path.length + 1);
    }
    const cut = line.lastIndexOf(':(');
    const entry = cut > 0 ? entryOf(line.slice(0, cut), line.slice(cut + 1)) : null;
    if (!entry) return { ok: false, badLine: raw };
    entries.push(entry);
  }
  return entries.length > 0 ? { ok: true, entries } : { ok: false, badLine: lines[start]! };
}

function sameAccount(a: string, b: string): boolean {
  return a.replace(/^\*/, '').toLowerCase() === b.toLowerCase();
}

/** `admin`, `standard` or `other` for an account as printed; `other` is never assumed harmless. */
export function accountOf(principal: string): 'admin' | 'standard' | 'other' {
  if (ADMINS.some((n) => sameAccount(principal, n))) return 'admin';
  if (STANDARD_USERS.some((n) => sameAccount(principal, n))) return 'standard';
  // The first entry may still carry a garbled path before the account: match a known name at its end.
  const lower = principal.toLowerCase();
  const tail = (n: string): boolean => lower.endsWith(` ${n.toLowerCase()}`) || lower.endsWith(` *${n.toLowerCase()}`);
  if (STANDARD_USERS.some(tail)) return 'standard';
  if (ADMINS.some(tail)) return 'admin';
  return 'other';
}

/** The first entry that lets someone other than administrators change the object, or null. */
export function changeGrant(entries: readonly AclEntry[], driveRoot: boolean): AclEntry | null {
  const rights = driveRoot ? ROOT_CHANGE_RIGHTS : CHANGE_RIGHTS;
  for (const e of entries) {
    // A deny only takes rights away; an inherit-only entry applies to children, which are read on their own.
    if (e.flags.includes('DENY') || e.flags.includes('IO')) continue;
    if (accountOf(e.principal) === 'admin') continue;
    if (e.rights.some((r) => rights.has(r))) return e;
  }
  return null;
}

/** Who may change one path: administrators only, someone else (named), or not known (with the reason). */
export type AclVerdict =
  | { readonly kind: 'administrators' }
  | { readonly kind: 'others'; readonly who: string; readonly rights: string }
  | { readonly kind: 'unknown'; readonly reason: Message };

/** Runs `icacls PATH` and judges its access list. A drive root (`C:\`) is judged by ROOT_CHANGE_RIGHTS. */
export async function aclVerdict(host: Host, path: string): Promise<AclVerdict> {
  const r = await host.run([systemTool(host.env, 'icacls'), path], { timeoutMs: 15_000, maxOutputBytes: 256 * 1024 });
  const failure = commandFailure(r);
  if (failure) return { kind: 'unknown', reason: failure };
  if (r.truncated) return { kind: 'unknown', reason: garbled('icacls', '…') };
  const parsed = parseIcacls(r.stdout, path);
  if (!parsed.ok) return { kind: 'unknown', reason: garbled('icacls', parsed.badLine) };
  const grant = changeGrant(parsed.entries, /^[A-Za-z]:\\?$/.test(path));
  return grant ? { kind: 'others', who: grant.principal, rights: grant.rights.join(',') } : { kind: 'administrators' };
}
