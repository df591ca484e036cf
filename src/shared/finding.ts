import type { EvidenceData } from './evidence-data';

/**
 * Status of one finding. `unknown` means the check could not look; it always carries a reason. `notice` is
 * something to know, not a fault (an online meeting app on the PC, with the rules for using it): it never
 * changes the exit code or the tray's colour, and is notified once.
 */
export type FindingStatus = 'violation' | 'warning' | 'ok' | 'unknown' | 'notice';

/** How urgent a finding is, for sorting and for the tray colour. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** The numbered point of Công văn 1981/UBND-VHTT a finding concerns. */
export type AdvisoryPoint = 1 | 2 | 3 | 4;

/** A user-visible text: an i18n key (namespace:key) and its parameters, rendered by the UI or the CLI. */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** What kind of thing a piece of evidence points at. */
export type EvidenceKind =
  | 'package' // an installed package (dpkg, rpm, snap, flatpak, msix)
  | 'registry' // a Windows registry key
  | 'file'
  | 'folder'
  | 'app-bundle' // a macOS .app
  | 'receipt' // a macOS pkg receipt
  | 'launch-agent' // a macOS launchd job
  | 'process' // a running process
  | 'installer' // an installer file lying on disk
  | 'browser-extension'
  | 'port' // a listening local port
  | 'launcher' // what starts the app: a menu or autostart entry, a shortcut, a Run value
  | 'url-handler' // the app registered as the handler of its links (its URL schemes)
  | 'os' // facts about the operating system
  | 'update' // pending or installed updates
  | 'catalog' // the release catalog a judgement rests on
  | 'probe'; // a probe and what it said (used for unknown/ok)

/**
 * One observed fact behind a finding: where it was found and, where known, which version.
 * `data` carries the raw attributes a remediation plan is derived from (uninstall string,
 * package manager, install scope, ...), under the keys of `EVIDENCE_DATA_KEYS` only.
 */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly path?: string;
  readonly version?: string;
  /** Technical description, shown as is (not translated): `dpkg: NAME (amd64)`, a registry value. */
  readonly detail: string;
  /** Prose about the fact, translated; shown instead of `detail` where present. */
  readonly label?: Message;
  readonly data?: EvidenceData;
}

/** One result of a check: a stable id, a status, the advisory point, text keys, evidence and a fix. */
export interface Finding {
  /** Stable: the same thing found twice gives the same id (see `findingId`). */
  readonly id: string;
  /** Id of the check that produced it, e.g. `banned-app`, `os-patch`. */
  readonly check: string;
  /** The policy's id of the banned app it is about (banned-app findings): `fix APP-ID` plans it with that app's entry. */
  readonly app?: string;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly advisoryPoint: AdvisoryPoint;
  /** Further points the finding concerns besides `advisoryPoint` (an online app: points 3 and 4); absent: none. */
  readonly alsoPoints?: readonly AdvisoryPoint[];
  /** One line: what was found. */
  readonly title: Message;
  /** Longer explanation: why it matters, citing the advisory. */
  readonly detail?: Message;
  /** What the user should do. */
  readonly action?: Message;
  /** Why the check could not look. Always present when status is `unknown`. */
  readonly reason?: Message;
  readonly evidence: readonly Evidence[];
  /** Id of the remediation plan kind that can fix it, e.g. `uninstall.package`. */
  readonly remediation?: string;
}

/** Order of statuses from worst to best, for sorting and summaries. */
export const STATUS_ORDER: readonly FindingStatus[] = ['violation', 'warning', 'unknown', 'notice', 'ok'];

/** Every finding status, for schemas that read stored reports. */
export const FINDING_STATUSES = ['violation', 'warning', 'ok', 'unknown', 'notice'] as const satisfies readonly FindingStatus[];

/** Whether a finding (or a check) concerns point `n` of the advisory: its own point or one of its further ones. */
export function concernsPoint(f: { readonly advisoryPoint: AdvisoryPoint; readonly alsoPoints?: readonly AdvisoryPoint[] }, n: AdvisoryPoint): boolean {
  return f.advisoryPoint === n || (f.alsoPoints ?? []).includes(n);
}
