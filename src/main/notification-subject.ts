/**
 * What a notification names: the product and its version as the install names itself (Uninstall DisplayName
 * and DisplayVersion, a program's ProductName, the OS product), read from the evidence; never a path, key, SID
 * or PID (the finding's title may carry those today). Cleaned of control and bidi characters and kept short,
 * since an install's own name is text written by whoever made it.
 */
import type { Evidence, Finding } from '../shared/finding';

/** The longest product line a notification shows. */
export const SUBJECT_MAX = 60;

function clean(text: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- control, bidi and line-separator characters are what is removed
  const t = text?.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

const data = (e: Evidence, key: 'displayName' | 'productName' | 'product' | 'displayVersion' | 'version'): string | undefined => clean(e.data?.[key]);

/** The product's name and version, e.g. "Product 6.1.11"; null when the evidence names no product. */
export function notificationSubject(finding: Pick<Finding, 'evidence' | 'title'>): string | null {
  const ev = finding.evidence;
  const os = ev.find((e) => e.kind === 'os');
  let name: string | undefined;
  let version: string | undefined;
  if (os) {
    name = data(os, 'productName') ?? data(os, 'product') ?? clean(os.detail);
    version = data(os, 'displayVersion') ?? clean(os.version);
  } else {
    const named = ev.find((e) => data(e, 'displayName') !== undefined) ?? ev.find((e) => data(e, 'productName') !== undefined);
    const app = finding.title.params?.app;
    name = (named && (data(named, 'displayName') ?? data(named, 'productName'))) ?? clean(typeof app === 'string' ? app : undefined);
    const versioned = (named && (clean(named.version) ?? data(named, 'displayVersion'))) !== undefined ? named : ev.find((e) => clean(e.version) !== undefined || data(e, 'displayVersion') !== undefined);
    version = versioned && (clean(versioned.version) ?? data(versioned, 'displayVersion'));
  }
  if (!name) return null;
  const line = version && !name.includes(version) ? `${name} ${version}` : name;
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : line;
}
