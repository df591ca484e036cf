/**
 * A browser's version as its sources spell it: a package version (`1:155.0.8059.39-1`, `153.4.0esr-1~deb13u1`,
 * `157.0~build2`), a DisplayVersion, a version resource or a CFBundleShortVersionString. Only the leading dotted
 * numbers count; a text without at least two of them is not a browser version.
 */

/** The numbers of a version and the text they were read from. */
export interface BrowserVersion {
  readonly parts: readonly number[];
  /** The numbers joined by dots, as the finding names the version. */
  readonly text: string;
}

// An epoch (`1:`), then two to four dotted numbers not followed by another digit or dot.
const VERSION = /^(?:\d{1,4}:)?(\d{1,6}(?:\.\d{1,9}){1,3})(?![\d.])/;

/** Reads the leading version numbers; null when the text does not start with a version. */
export function parseBrowserVersion(raw: string): BrowserVersion | null {
  const m = VERSION.exec(raw.trim());
  if (!m) return null;
  const parts = m[1]!.split('.').map(Number);
  return { parts, text: m[1]! };
}

/** The major version (the first number). */
export function majorOf(v: BrowserVersion): number {
  return v.parts[0]!;
}

/** Compares two versions number by number (a missing number is 0): negative, 0 or positive. */
export function compareVersions(a: BrowserVersion, b: BrowserVersion): number {
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
