import type { Evidence, Finding, Message } from '../../../shared/finding';
import type { BannedApp } from '../../policy/policy-schema';
import type { CheckContext } from '../check';

/** What a hit is: an installed copy, a running process, an installer file, or a leftover. */
export type HitKind = 'installed' | 'running' | 'installer' | 'leftover';

/** One sighting of a banned app. Hits sharing `install` become one finding with all their evidence. */
export interface Hit {
  readonly kind: HitKind;
  /**
   * Identity of the install or artifact, stable across runs: `dpkg:NAME`,
   * `registry:HKCU\...\Uninstall\KEY`, `app:/Applications/X.app`, `process:APPID`, `file:/home/u/Downloads/app_amd64.deb`.
   */
  readonly install: string;
  /** Short technical name of where it was seen, shown as is (not translated): `dpkg`, `HKCU\...\KEY`. */
  readonly source: string;
  readonly evidence: Evidence;
  /** Remediation plan kind that can remove it, e.g. `uninstall.dpkg`, `uninstall.windows-registry`. */
  readonly remediation?: string;
  /** What the user should do, when the kind's usual action does not fit (e.g. remove a browser extension by hand). */
  readonly action?: Message;
  /** The finding's explanation, when the kind's usual one does not fit (an installer that is likely a fake). */
  readonly detail?: Message;
  /** The finding's title, when the kind's usual one (the product and whose account) does not fit: a form in words, no path. */
  readonly title?: Message;
  /** The finding's status and severity (and further points), when the kind's usual ones do not fit (an installer from a fake site is a violation, of point 2 too). */
  readonly judgement?: Pick<Finding, 'status' | 'severity' | 'alsoPoints'>;
}

/** What one probe found: hits, or that it could not look (with the reason), or that it does not apply here. */
export type ProbeResult =
  | { readonly status: 'ran'; readonly hits: readonly Hit[]; readonly looked: string }
  | { readonly status: 'unknown'; readonly reason: Message; readonly looked: string }
  | { readonly status: 'not-applicable'; readonly why: string };

/** One place a banned app can hide on one platform (a package manager, the registry, a folder...). */
export interface Probe {
  /** Stable id, e.g. `linux.dpkg`, `windows.uninstall-keys`. */
  readonly id: string;
  run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult>;
}

/** Result of a probe that ran. */
export function ran(looked: string, hits: readonly Hit[]): ProbeResult {
  return { status: 'ran', hits, looked };
}

/** Result of a probe that could not look. */
export function couldNotLook(looked: string, key: string, params?: Record<string, string | number>): ProbeResult {
  return { status: 'unknown', looked, reason: params ? { key, params } : { key } };
}

/** Result of a probe that does not apply to this machine (e.g. no rpm database on Debian). */
export function notApplicable(why: string): ProbeResult {
  return { status: 'not-applicable', why };
}
