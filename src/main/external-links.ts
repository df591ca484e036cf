/** The only web addresses the app opens (in the user's browser, never inside the app). */

/** Hosts of official sources the advisory page links to. Subdomains are allowed. */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = ['campha.quangninh.gov.vn', 'quangninh.gov.vn', 'mic.gov.vn', 'ais.gov.vn', 'vncert.vn', 'support.microsoft.com', 'support.apple.com'];

/** Whether a URL may be opened with shell.openExternal: https, no credentials, an allowlisted host. */
export function isAllowedExternal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return false;
  const host = u.hostname.toLowerCase();
  return EXTERNAL_HOST_ALLOWLIST.some((h) => host === h || host.endsWith(`.${h}`));
}
