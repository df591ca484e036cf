/**
 * What kind of place an installer came from, by the host names the browser recorded (download-origin.ts): a listed
 * app's official domains, or one of the places no installer should come from (a bare IP address, a URL shortener,
 * a file-sharing host: the policy's `installerOrigin` lists). Hosts compare on label boundaries only.
 */
import { isIpHost, isOfficialHost } from '../banned-app/download-origin';

/** A place an installer should not come from. */
export type RiskySource = 'ip' | 'shortener' | 'file-sharing';

/** The policy's lists of hosts an installer should not come from. */
export interface RiskyHosts {
  readonly shorteners: readonly string[];
  readonly fileSharing: readonly string[];
}

/** The kind of risky place a host is, or undefined for any other host. */
export function riskyHost(host: string, lists: RiskyHosts): RiskySource | undefined {
  if (isIpHost(host)) return 'ip';
  if (isOfficialHost(host, lists.shorteners)) return 'shortener';
  if (isOfficialHost(host, lists.fileSharing)) return 'file-sharing';
  return undefined;
}

/** Why an installer's origin is a concern: which host, of what kind, and whether it is the file's or the linking page's. */
export interface RiskyOrigin {
  readonly source: RiskySource;
  readonly host: string;
  /** `url`: the file itself came from there; `referrer`: the page that led to it did. */
  readonly of: 'url' | 'referrer';
}

/**
 * Judges the recorded hosts: the file's own host (the linking page's where no file URL was recorded); then the
 * linking page, for an IP address or a shortener only (an ad-funded shortener's page is often what leads to a
 * cracked installer; a file-sharing page that links elsewhere says nothing about the file).
 */
export function riskyOrigin(urlHost: string | undefined, referrerHost: string | undefined, lists: RiskyHosts): RiskyOrigin | undefined {
  const fileHost = urlHost ?? referrerHost;
  const own = fileHost !== undefined ? riskyHost(fileHost, lists) : undefined;
  if (own && fileHost !== undefined) return { source: own, host: fileHost, of: 'url' };
  const page = urlHost !== undefined && referrerHost !== undefined ? riskyHost(referrerHost, lists) : undefined;
  if (page && page !== 'file-sharing' && referrerHost !== undefined) return { source: page, host: referrerHost, of: 'referrer' };
  return undefined;
}
