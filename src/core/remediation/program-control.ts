/**
 * Who controls a program file: a program that a standard user could change, replace, or plant a
 * library beside, must never run with administrator rights (it would run their code as
 * administrator). POSIX: the owner and mode of the file and of every folder above it, links followed;
 * Windows: the access list of the file and of every folder above it (icacls.ts).
 */
import type { Message } from '../../shared/finding';
import type { FileStat, Host } from '../host/host';
import { readFailure } from '../checks/reasons';
import { aclVerdict } from '../windows/icacls';
import { plainWindowsPath } from '../windows/plain-path';

/** The answer: only administrators can change it, a standard user can (where and who), or not known (why). */
export type ProgramControl =
  | { readonly kind: 'administrators' }
  | { readonly kind: 'user-writable'; readonly path: string; readonly who: string }
  | { readonly kind: 'unknown'; readonly path: string; readonly reason: Message };

const ADMINS: ProgramControl = { kind: 'administrators' };
const MAX_LINKS = 16;
/** macOS's `admin` group: its members are administrators (it owns /Applications, mode 775). */
const DARWIN_ADMIN_GID = 80;

function unknown(path: string, reason: Message): ProgramControl {
  return { kind: 'unknown', path, reason };
}

/**
 * Who besides root can write this node, or null: its owner when not root, everyone, or a group. On
 * Linux any group write bit counts, root's group too: a POSIX ACL grant to a person shows only as the
 * group bits (the ACL mask). On macOS ACLs are apart from the mode, and group `admin` (/Applications,
 * 775) holds administrators only.
 */
function posixWriter(st: FileStat, platform: Host['platform']): string | null {
  if (st.uid !== 0) return `uid ${st.uid}`;
  const mode = st.mode!;
  if (mode & 0o002) return 'others';
  const trustedGroup = platform === 'darwin' && (st.gid === 0 || st.gid === DARWIN_ADMIN_GID);
  if (mode & 0o020 && !trustedGroup) return `gid ${st.gid}`;
  return null;
}

async function statOf(host: Host, path: string): Promise<FileStat | Message> {
  try {
    return (await host.stat(path)) ?? { key: 'common:reason.readFailed', params: { path, message: 'not found' } };
  } catch (e) {
    return readFailure(e instanceof Error ? e : new Error(String(e)), path);
  }
}

/** POSIX: `/` and every folder down to the file, and the file, owned by root and not writable by others; links followed. */
export async function posixControl(host: Host, path: string, links = 0): Promise<ProgramControl> {
  const p = host.path;
  if (!p.isAbsolute(path)) return unknown(path, { key: 'fix:refused.badPath', params: { path } });
  const parts = path.split('/').filter((c) => c !== '');
  if (parts.some((c) => c === '.' || c === '..')) return unknown(path, { key: 'fix:refused.badPath', params: { path } });
  let current = '/';
  for (let i = -1; i < parts.length; i++) {
    current = i < 0 ? '/' : p.join(current, parts[i]!);
    const st = await statOf(host, current);
    if ('key' in st) return unknown(current, st);
    if (st.type === 'symlink') {
      // The link itself lives in a folder already judged; what it names is judged from the top again.
      if (links >= MAX_LINKS || st.target === undefined) return unknown(current, { key: 'fix:refused.symlink', params: { path: current } });
      const resolved = p.normalize(p.join(p.isAbsolute(st.target) ? st.target : p.join(p.dirname(current), st.target), ...parts.slice(i + 1)));
      return posixControl(host, resolved, links + 1);
    }
    if (st.uid === undefined || st.mode === undefined) return unknown(current, { key: 'common:reason.readFailed', params: { path: current, message: 'no owner or mode' } });
    const who = posixWriter(st, host.platform);
    if (who) return { kind: 'user-writable', path: current, who };
  }
  return ADMINS;
}

/** Windows: the program and every folder above it, up to the drive root, changeable by administrators only. */
export async function windowsControl(host: Host, path: string): Promise<ProgramControl> {
  const parts = plainWindowsPath(path);
  if (!parts || parts.length < 2) return unknown(path, { key: 'fix:refused.badPath', params: { path } });
  // From the file up: the nearest place a user could change is the one named.
  for (let n = parts.length; n >= 1; n--) {
    const here = n === 1 ? `${parts[0]}\\` : parts.slice(0, n).join('\\');
    const v = await aclVerdict(host, here);
    if (v.kind === 'unknown') return unknown(here, v.reason);
    if (v.kind === 'others') return { kind: 'user-writable', path: here, who: `${v.who} (${v.rights})` };
  }
  return ADMINS;
}

/** Who controls the program at this full path, on this host's system. */
export function programControl(host: Host, path: string): Promise<ProgramControl> {
  return host.platform === 'win32' ? windowsControl(host, path) : posixControl(host, path);
}

/** Why a program is not run as administrator, in words (the technical detail stays in the params). */
export function notElevatedWhy(program: string, control: Exclude<ProgramControl, { kind: 'administrators' }>): Message {
  if (control.kind === 'user-writable') return { key: 'fix:why.userWritableProgram', params: { program, path: control.path, who: control.who } };
  return { key: 'fix:why.programRightsUnknown', params: { program, path: control.path, detail: control.reason.key } };
}
