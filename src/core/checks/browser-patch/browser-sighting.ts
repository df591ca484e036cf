import type { Evidence, Message } from '../../../shared/finding';
import type { PolicyBrowser } from '../../policy/policy-schema';

/** One install of a browser the policy lists, as a probe saw it. */
export interface BrowserSighting {
  readonly browser: PolicyBrowser;
  /** Stable identity of the install: `dpkg:google-chrome-stable`, `registry:HKLM\…\Google Chrome`, `app:/Applications/Firefox.app`. */
  readonly install: string;
  /** The version as the source states it; absent when the source states none. */
  readonly rawVersion?: string;
  /** Where it was seen (the probe's own words in `detail`). */
  readonly evidence: readonly Evidence[];
  /** Why no version could be read, when a source found the install but not its version. */
  readonly versionUnread?: Message;
  /**
   * The install could be on another channel its entry's `channelPolicies` name, but no policy puts it there:
   * `absent` (looked, not set), `unread` (could not look, `reason`), `notLooked` (no way to look on this OS).
   */
  readonly channelPolicy?: { readonly kind: 'absent' | 'unread' | 'notLooked'; readonly browser: string; readonly reason?: Message };
}

/** A place a browser probe could not look, with the reason. */
export interface BrowserUnlooked {
  readonly looked: string;
  readonly probe: string;
  readonly reason: Message;
}

/** What the browser probes of one platform saw: the installs, and the places they could not look. */
export interface BrowserSightings {
  readonly sightings: readonly BrowserSighting[];
  readonly unlooked: readonly BrowserUnlooked[];
  /** What was looked at (for the `ok` finding's evidence). */
  readonly looked: readonly string[];
}

/**
 * The policy entry a version belongs to: an entry's `variants` move a version carrying its marker to another
 * entry (Firefox «153.4.0esr» is Firefox ESR). The entry itself when no marker matches or the target is unknown.
 */
export function browserOfVersion(entry: PolicyBrowser, rawVersion: string | undefined, all: readonly PolicyBrowser[]): PolicyBrowser {
  const lower = (rawVersion ?? '').toLowerCase();
  const v = entry.variants.find((x) => lower.includes(x.marker.toLowerCase()));
  return (v && all.find((b) => b.id === v.browser)) || entry;
}
