/** What a scan of browser profiles saw: each installed extension, the browsers present, what could not be read. */
import type { Message } from '../../../shared/finding';
import type { BrowserLocation } from './browser-extensions-locations';

/** One extension installed in one browser profile, as read from disk (names and versions may be missing). */
export interface SeenExtension {
  readonly browser: BrowserLocation;
  /** The profile's folder name: `Default`, `Profile 2`, or Firefox's `abcd1234.default-release`. */
  readonly profile: string;
  readonly id: string;
  /** Display name, with Chromium's `__MSG_key__` resolved; absent when it could not be read. */
  readonly name?: string;
  readonly version?: string;
  /** Chromium manifest `author`, Firefox `creator`. */
  readonly author?: string;
  /** The file it was read from: Chromium's manifest.json, Firefox's extensions.json (or the .xpi). */
  readonly manifestPath: string;
  /** Firefox only: whether the add-on is enabled. */
  readonly active?: boolean;
}

/** The result of scanning one browser family for the current user. */
export interface FamilyScan {
  /** Browser data folders that exist (Chromium User Data, Firefox folders with profiles.ini). */
  readonly found: readonly string[];
  /** Profile folders looked into. */
  readonly profiles: readonly string[];
  readonly seen: readonly SeenExtension[];
  /** Folders or files that could not be read, with why. */
  readonly failures: readonly Message[];
}

/** Reason for a browser file that could not be understood (garbled, truncated, empty). */
export function garbledFile(path: string, text: string): Message {
  const one = text.replace(/\s+/g, ' ').trim();
  return { key: 'bannedApp:extension.reason.garbled', params: { path, sample: one.length > 80 ? `${one.slice(0, 77)}...` : one } };
}

/** Text of a file without a leading byte-order mark (Windows editors and some stores add one). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
