/**
 * The pending-updates answer (`apt-get -s upgrade`, `dnf updateinfo`) takes seconds and changes only
 * when the package database, the package lists or the package manager's configuration change. So it is
 * kept in a memo file in the data folder together with the size and time of every file it rests on,
 * and reused while none of them changed and the memo is younger than a day. Anything changed, a memo
 * unreadable or corrupt, or a clock that went back means the command runs again; a corrupt memo is
 * moved aside and said in the evidence, never a crash. Reads go through the Host, the write through
 * a MutableHost confined to the data folder.
 */
import type { z } from 'zod';
import { lazySchema } from '../../lazy-zod';
import type { Evidence } from '../../../shared/finding';
import { displayDate, isoDay } from '../../catalog/dates';
import { isHostError, type Host } from '../../host/host';
import type { MutableHost } from '../../host/mutable-host';
import { errorText } from '../check';
import type { Pending } from './os-state';

/** A memo older than this is never reused. */
export const PENDING_MEMO_MAX_AGE_MS = 24 * 3_600_000;
/** Name of the memo file in the data folder. */
export const PENDING_MEMO_FILE = 'pending-updates.json';
const MEMO_VERSION = 1;
const MAX_MEMO_BYTES = 1024 * 1024;

/** A file or folder the answer rests on; `entries`: every entry directly in the folder counts too. */
export interface MemoInput {
  readonly path: string;
  readonly entries?: boolean;
}

/** What apt's answer rests on: dpkg's database, the lists, and every sources, preferences and configuration file. */
export const APT_MEMO_INPUTS: readonly MemoInput[] = [
  { path: '/var/lib/dpkg/status' },
  { path: '/var/lib/dpkg/updates', entries: true },
  { path: '/var/lib/apt/lists', entries: true },
  { path: '/etc/apt/sources.list' },
  { path: '/etc/apt/sources.list.d', entries: true },
  { path: '/etc/apt/preferences' },
  { path: '/etc/apt/preferences.d', entries: true },
  { path: '/etc/apt/apt.conf' },
  { path: '/etc/apt/apt.conf.d', entries: true },
  // Which tool answers (apt-check or apt-get) depends on it being there.
  { path: '/usr/lib/update-notifier/apt-check' },
];

/** What dnf's answer rests on: the rpm database, the repositories, dnf's configuration and its metadata cache. */
export const DNF_MEMO_INPUTS: readonly MemoInput[] = [
  { path: '/var/lib/rpm', entries: true },
  // Fedora 36 and later keep the database here; /var/lib/rpm is then only a link to it.
  { path: '/usr/lib/sysimage/rpm', entries: true },
  { path: '/etc/yum.repos.d', entries: true },
  { path: '/etc/dnf', entries: true },
  { path: '/etc/dnf/vars', entries: true },
  { path: '/var/cache/dnf', entries: true },
  { path: '/var/cache/libdnf5', entries: true },
];

/** Where the memo is kept and how it is written; without it nothing is kept between checks. */
export interface PendingMemoPlace {
  readonly dataDir: string;
  readonly writer: MutableHost;
}

/** The pending-updates answer and what to say about the memo in the evidence. */
export interface MemoizedPending {
  readonly pending: Pending;
  readonly evidence: readonly Evidence[];
}

/** What a memo file must hold, built on first use (a check that reads no memo never loads zod). */
const memoSchema = lazySchema((z) => {
  const stamp = z.array(
    z.union([
      z.object({ path: z.string(), missing: z.literal(true) }).strict(),
      z.object({ path: z.string(), type: z.enum(['file', 'dir', 'symlink', 'other']), size: z.number(), mtimeMs: z.number() }).strict(),
    ]),
  );
  return z
    .object({
      version: z.literal(MEMO_VERSION),
      manager: z.enum(['apt', 'dnf']),
      at: z.iso.datetime(),
      inputs: stamp,
      pending: z.union([
        z.object({ kind: z.literal('none'), tool: z.string().min(1) }).strict(),
        z.object({ kind: z.literal('some'), tool: z.string().min(1), count: z.number().int().min(1), security: z.number().int().min(0) }).strict(),
      ]),
    })
    .strict();
});

type Memo = z.infer<ReturnType<typeof memoSchema>>;
type Stamp = Memo['inputs'];

/** Size, type and time of every input (and of each entry of the folders that count entries), in a fixed order. */
export async function stampInputs(host: Host, inputs: readonly MemoInput[]): Promise<Stamp> {
  const one = async (path: string): Promise<Stamp[number]> => {
    const s = await host.stat(path);
    return s ? { path, type: s.type, size: s.size, mtimeMs: s.mtimeMs } : { path, missing: true };
  };
  const groups = await Promise.all(
    inputs.map(async (input): Promise<Stamp> => {
      const top = await one(input.path);
      if (!input.entries || !('type' in top) || top.type !== 'dir') return [top];
      const names = (await host.list(input.path)).map((e) => e.name).sort();
      return [top, ...(await Promise.all(names.map((n) => one(host.path.join(input.path, n)))))];
    }),
  );
  return groups.flat();
}

type MemoRead = { readonly kind: 'absent' } | { readonly kind: 'ok'; readonly memo: Memo } | { readonly kind: 'broken'; readonly why: string; readonly corrupt: boolean };

async function readMemo(host: Host, file: string): Promise<MemoRead> {
  let text: string;
  try {
    // In our own data folder: a link, a FIFO or a device there is refused unread (and moved aside below).
    text = await host.readText(file, { maxBytes: MAX_MEMO_BYTES, links: 'refuse' });
  } catch (e) {
    // No memo, or no data folder to hold one (a file in its place: the write says so).
    if (isHostError(e) && (e.code === 'not-found' || e.code === 'not-a-directory')) return { kind: 'absent' };
    // Too large or not a file (a folder, a link, a FIFO or device) is corrupt (move it aside); unreadable is left where it is.
    return { kind: 'broken', why: `unreadable: ${errorText(e)}`, corrupt: isHostError(e) && ['too-large', 'is-a-directory', 'is-a-link', 'not-a-file'].includes(e.code) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'broken', why: `not JSON: ${errorText(e)}`, corrupt: true };
  }
  const parsed = memoSchema().safeParse(json);
  if (!parsed.success) return { kind: 'broken', why: `unexpected content: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`.slice(0, 300), corrupt: true };
  return { kind: 'ok', memo: parsed.data };
}

const sameStamp = (a: Stamp, b: Stamp): boolean => JSON.stringify(a) === JSON.stringify(b);
const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The evidence that an answer was reused, and from when. */
function reusedEvidence(file: string, memo: Memo): Evidence {
  const at = new Date(memo.at);
  return {
    kind: 'update',
    path: file,
    detail: `${memo.pending.tool}: result of ${memo.at} reused (package database, lists and configuration unchanged since)`,
    label: { key: 'patch:evidence.pendingReused', params: { tool: memo.pending.tool, date: displayDate(isoDay(at.getTime())), time: hhmm(at) } },
    data: { reusedFrom: memo.at, tool: memo.pending.tool },
  };
}

/**
 * The pending updates from the memo when nothing they rest on changed since and it is younger than a
 * day, else from `compute` (whose 'none'/'some' answer is then kept for the next check).
 */
export async function memoizedPending(
  host: Host,
  place: PendingMemoPlace | undefined,
  manager: 'apt' | 'dnf',
  inputs: readonly MemoInput[],
  now: Date,
  compute: () => Promise<Pending>,
): Promise<MemoizedPending> {
  if (!place) return { pending: await compute(), evidence: [] };
  const file = host.path.join(place.dataDir, PENDING_MEMO_FILE);
  const [stamp, read] = await Promise.all([stampInputs(host, inputs).catch(() => null), readMemo(host, file)]);
  const evidence: Evidence[] = [];
  if (read.kind === 'ok') {
    const { memo } = read;
    const age = now.getTime() - Date.parse(memo.at);
    if (stamp && memo.manager === manager && age >= 0 && age < PENDING_MEMO_MAX_AGE_MS && sameStamp(memo.inputs, stamp)) {
      return { pending: memo.pending, evidence: [reusedEvidence(file, memo)] };
    }
  } else if (read.kind === 'broken') {
    let movedTo: string | null = null;
    if (read.corrupt) {
      movedTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
      await place.writer.rename(file, movedTo).catch(() => (movedTo = null));
    }
    evidence.push({
      kind: 'update',
      path: file,
      detail: `memo ${read.why}${movedTo ? `; moved to ${movedTo}` : ''}; the updates were checked again`,
      label: { key: movedTo ? 'patch:evidence.pendingMemoCorrupt' : 'patch:evidence.pendingMemoUnreadable' },
    });
  }
  const pending = await compute();
  // Only an answer is worth keeping: an unknown is asked again next time. No stamp (an input could not be
  // looked at) means the answer cannot be proven current later, so it is not kept either.
  if (stamp && (pending.kind === 'none' || pending.kind === 'some')) {
    const memo: Memo = { version: MEMO_VERSION, manager, at: now.toISOString(), inputs: stamp, pending: pending.kind === 'none' ? { kind: 'none', tool: pending.tool } : { kind: 'some', tool: pending.tool, count: pending.count, security: pending.security } };
    try {
      await place.writer.writeFileAtomic(file, `${JSON.stringify(memo)}\n`);
    } catch (e) {
      evidence.push({ kind: 'update', path: file, detail: `memo not saved: ${errorText(e)}`, label: { key: 'patch:evidence.pendingMemoNotSaved' } });
    }
  }
  return { pending, evidence };
}
