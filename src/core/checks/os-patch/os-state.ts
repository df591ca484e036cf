import type { Evidence, Message } from '../../../shared/finding';

/** Whether the vendor still ships security updates for this release. */
export type Lifecycle =
  | { readonly kind: 'supported'; readonly until?: string; readonly via?: 'esu' | 'lts' | 'esm' }
  | { readonly kind: 'ended'; readonly ended?: string }
  | { readonly kind: 'unknown'; readonly reason: Message };

/** How the installed patch level compares with the latest update the catalog knows. */
export type PatchLevel =
  | { readonly kind: 'current'; readonly installed: string; readonly latest: string }
  /** A newer update exists; `days` since the first update newer than the installed one came out. */
  | { readonly kind: 'behind'; readonly installed: string; readonly latest: string; readonly latestDate: string; readonly days: number }
  | { readonly kind: 'unknown'; readonly reason: Message }
  /** Not judged from the catalog on this OS (Linux: the package manager says what is missing). */
  | { readonly kind: 'not-judged' };

/** Updates waiting to be installed, as the OS's own tool reports them. */
export type Pending =
  | { readonly kind: 'none'; readonly tool: string }
  | { readonly kind: 'some'; readonly tool: string; readonly count: number; readonly security: number }
  | { readonly kind: 'unknown'; readonly reason: Message }
  | { readonly kind: 'not-applicable' };

/** Whether a restart is needed to finish installing updates. */
export type Reboot = { readonly kind: 'pending'; readonly source: string } | { readonly kind: 'none' } | { readonly kind: 'unknown'; readonly reason: Message } | { readonly kind: 'not-applicable' };

/** A further problem a probe found (Windows Update off by policy, stale package lists). */
export interface ExtraWarning {
  readonly id: string;
  readonly title: Message;
  readonly action: Message;
  readonly evidence: readonly Evidence[];
}

/** Everything a platform probe learned about the OS, ready to be judged. */
export interface OsState {
  /** Technical name shown as is, e.g. `Windows 11 Pro 24H2 (build 26100.8875)`, `Debian GNU/Linux 12 (bookworm)`. */
  readonly name: string;
  /** Stable identity for finding ids, e.g. `windows:26100`, `debian:12`. */
  readonly identity: string;
  readonly evidence: readonly Evidence[];
  readonly lifecycle: Lifecycle;
  readonly level: PatchLevel;
  readonly pending: Pending;
  /** Linux: the package manager the pending updates were asked of; the action names only its command. */
  readonly packageManager?: 'apt' | 'dnf';
  readonly reboot: Reboot;
  readonly extra: readonly ExtraWarning[];
  /** Further aspects that could not be read (e.g. `updatePolicy`), each an `unknown` finding with its reason. */
  readonly unread?: readonly { readonly aspect: string; readonly reason: Message }[];
  /** Date of the data the lifecycle and level rest on (catalog asOf, or the distro-info CSV's date). */
  readonly knowledgeAsOf: string;
  /** Where that data came from, for the evidence: `catalog` or `distro-info`. */
  readonly knowledgeFrom: 'catalog' | 'distro-info';
}

/** The OS could not be identified at all: no judgement is possible. */
export interface OsUnidentified {
  readonly unidentified: true;
  readonly reason: Message;
  readonly looked: string;
}
