/**
 * Where the browser said a downloaded file came from, read without opening the file:
 * Linux the `user.xdg.origin.url` / `user.xdg.referrer.url` extended attributes (Chromium writes them),
 * macOS `com.apple.metadata:kMDItemWhereFroms` (macos/where-froms.ts),
 * Windows the `PATH:Zone.Identifier` stream (Mark of the Web). Never guessed: a missing record is `none`,
 * a record that could not be read is `unknown` with the reason.
 */
import type { EvidenceData } from '../../../shared/evidence-data';
import { isHostError, type Host } from '../../host/host';
import { decodeWhereFroms, hexBytes } from './macos/where-froms';

/** What is known of a file's download origin. */
export type DownloadOrigin =
  | {
      readonly state: 'recorded';
      readonly url?: string;
      readonly referrer?: string;
      readonly zoneId?: string;
      /** macOS: the program that downloaded it, as com.apple.quarantine names it (`Safari`), when no address was kept. */
      readonly agent?: string;
    }
  | { readonly state: 'none' }
  | { readonly state: 'unknown'; readonly reason: string };

/** A Zone.Identifier stream is a few lines; anything larger is not one. */
const MAX_ZONE_BYTES = 64 * 1024;

/** The fields of a Zone.Identifier stream (`[ZoneTransfer]` ZoneId=, HostUrl=, ReferrerUrl=); tolerant of a BOM, CRLF and garbage lines. */
export function parseZoneIdentifier(text: string): { readonly zoneId?: string; readonly url?: string; readonly referrer?: string } {
  const fields: Record<string, string> = {};
  let inTransfer = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inTransfer = /^\[zonetransfer\]$/i.test(line);
      continue;
    }
    const eq = line.indexOf('=');
    if (!inTransfer || eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    if (value !== '' && !(key in fields)) fields[key] = value;
  }
  return {
    ...(fields.zoneid !== undefined ? { zoneId: fields.zoneid } : {}),
    ...(fields.hosturl !== undefined ? { url: fields.hosturl } : {}),
    ...(fields.referrerurl !== undefined ? { referrer: fields.referrerurl } : {}),
  };
}

/** One extended attribute through getfattr: its value, `null` when the file has none by that name, or a failure reason. */
async function linuxAttribute(host: Host, path: string, name: string): Promise<string | null | { readonly reason: string }> {
  // -h: a link's own attributes (it has none), never those of what it points at, which may lie outside the folder.
  const r = await host.run(['getfattr', '-h', '--only-values', '-n', name, '--', path], { env: { LC_ALL: 'C' }, timeoutMs: 5_000, maxOutputBytes: 64 * 1024 });
  if (r.error) return { reason: r.error.code === 'not-found' ? 'getfattr is not installed (package attr)' : `getfattr: ${r.error.message}` };
  if (r.exitCode === 0) return r.stdout.trim() === '' ? null : r.stdout.trim();
  if (/No such attribute/i.test(r.stderr)) return null;
  return { reason: `getfattr: ${r.stderr.trim() || `exit ${String(r.exitCode)}`}` };
}

async function linuxOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  const url = await linuxAttribute(host, path, 'user.xdg.origin.url');
  if (url !== null && typeof url === 'object') return { state: 'unknown', reason: url.reason };
  const referrer = await linuxAttribute(host, path, 'user.xdg.referrer.url');
  const ref = typeof referrer === 'string' ? referrer : undefined;
  if (url === null && ref === undefined) return referrer !== null && typeof referrer === 'object' ? { state: 'unknown', reason: referrer.reason } : { state: 'none' };
  return { state: 'recorded', ...(url !== null ? { url } : {}), ...(ref !== undefined ? { referrer: ref } : {}) };
}

async function windowsOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  let text: string;
  try {
    text = await host.readText(`${path}:Zone.Identifier`, { links: 'refuse', maxBytes: MAX_ZONE_BYTES });
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { state: 'none' };
    return { state: 'unknown', reason: `Zone.Identifier: ${isHostError(e) ? e.code : String(e)}` };
  }
  const z = parseZoneIdentifier(text);
  return z.url === undefined && z.referrer === undefined && z.zoneId === undefined ? { state: 'none' } : { state: 'recorded', ...z };
}

async function macosOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  // -s: a link's own attribute, never that of what it points at.
  const r = await host.run(['xattr', '-s', '-px', 'com.apple.metadata:kMDItemWhereFroms', path], { env: { LC_ALL: 'C' }, timeoutMs: 5_000, maxOutputBytes: 256 * 1024 });
  if (r.error) return { state: 'unknown', reason: r.error.code === 'not-found' ? 'xattr is not installed' : `xattr: ${r.error.message}` };
  if (r.exitCode !== 0) return /No such xattr/i.test(r.stderr) ? quarantineOrigin(host, path) : { state: 'unknown', reason: `xattr: ${r.stderr.trim() || `exit ${String(r.exitCode)}`}` };
  let froms: readonly string[];
  try {
    froms = decodeWhereFroms(hexBytes(r.stdout));
  } catch (e) {
    return { state: 'unknown', reason: `kMDItemWhereFroms: ${e instanceof Error ? e.message : String(e)}` };
  }
  const [url, referrer] = froms.filter((f) => f.trim() !== '');
  return url === undefined ? quarantineOrigin(host, path) : { state: 'recorded', url, ...(referrer !== undefined ? { referrer } : {}) };
}

/** The program of a `com.apple.quarantine` value (`FLAGS;HEXTIME;AGENT;UUID`), or undefined when it names none. */
export function quarantineAgent(value: string): string | undefined {
  const fields = value.trim().split(';');
  if (fields.length < 3 || !/^[0-9a-f]{1,8}$/i.test(fields[0]!)) return undefined;
  // eslint-disable-next-line no-control-regex -- a name to show: no control characters
  const agent = fields[2]!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return agent === '' ? undefined : agent.slice(0, 80);
}

/**
 * macOS without kMDItemWhereFroms: com.apple.quarantine says a program downloaded the file (the Internet, as a
 * zone does on Windows) and which, never where from; without it, nothing was recorded.
 */
async function quarantineOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  const r = await host.run(['xattr', '-s', '-p', 'com.apple.quarantine', path], { env: { LC_ALL: 'C' }, timeoutMs: 5_000, maxOutputBytes: 4 * 1024 });
  if (r.error || r.exitCode !== 0) return { state: 'none' };
  const agent = quarantineAgent(r.stdout);
  return agent === undefined ? { state: 'none' } : { state: 'recorded', agent };
}

/** Reads where a downloaded file came from: Linux user.xdg.* attributes, Windows Zone.Identifier, macOS kMDItemWhereFroms. */
export async function readDownloadOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  if (host.platform === 'linux') return linuxOrigin(host, path);
  if (host.platform === 'win32') return windowsOrigin(host, path);
  return macosOrigin(host, path);
}

/** The schemes a download is fetched over: a `file:` URL (a copy from a share) or `about:internet` names no web host to judge. */
const WEB_SCHEMES = new Set(['http:', 'https:', 'ftp:']);

/**
 * The host name of a URL as the URL parser normalises it (lower case, punycode, an IPv4 address in any form
 * browsers accept written as four decimals, IPv6 in brackets, no userinfo, no port, no trailing dot), or undefined
 * when it is no web URL with a host. A `blob:` URL (a download made by the page's script) names its page's origin.
 */
export function originHostname(url: string): string | undefined {
  try {
    let u = new URL(url.trim());
    if (u.protocol === 'blob:') u = new URL(u.pathname);
    if (!WEB_SCHEMES.has(u.protocol)) return undefined;
    const h = u.hostname.replace(/\.$/, '');
    return h === '' ? undefined : h;
  } catch {
    return undefined;
  }
}

/** True when `hostname` is one of the official domains or a subdomain of one (label boundary: `vendor.example.evil.com` is not). */
export function isOfficialHost(hostname: string, officialDomains: readonly string[]): boolean {
  return officialDomains.some((d) => {
    const dom = d.toLowerCase().replace(/\.$/, '');
    return hostname === dom || hostname.endsWith(`.${dom}`);
  });
}

/** True for an IPv4 or IPv6 literal host (as `new URL().hostname` gives it, IPv6 in brackets). */
export function isIpHost(hostname: string): boolean {
  return /^\[.*\]$/.test(hostname) || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * How a title names a vendor's official domains: one as `official`; more as `official` (all but the last, comma
 * separated) and `officialLast`, for the key's `Either` form («a.example hoặc b.example»). Needs at least one domain.
 */
export function officialNaming(domains: readonly string[]): { readonly either: boolean; readonly params: { readonly official: string; readonly officialLast?: string } } {
  if (domains.length < 2) return { either: false, params: { official: domains[0] ?? '' } };
  return { either: true, params: { official: domains.slice(0, -1).join(', '), officialLast: domains[domains.length - 1]! } };
}

/** How an installer's origin is judged: the evidence data, the evidence line's key and, for a fake one, the finding's title and judgement. */
export interface OriginJudgement {
  readonly data: EvidenceData;
  readonly verdict: 'official' | 'unofficial' | 'ip' | 'unjudged' | 'none' | 'unknown';
  readonly host?: string;
}

/** Judges a read origin against the app's official domains (an empty list judges nothing). */
export function judgeOrigin(origin: DownloadOrigin, officialDomains: readonly string[]): OriginJudgement {
  if (origin.state === 'none') return { verdict: 'none', data: { downloadOrigin: 'none' } };
  if (origin.state === 'unknown') return { verdict: 'unknown', data: { downloadOrigin: 'unknown', downloadOriginReason: origin.reason } };
  const host = (origin.url !== undefined ? originHostname(origin.url) : undefined) ?? (origin.referrer !== undefined ? originHostname(origin.referrer) : undefined);
  const verdict: OriginJudgement['verdict'] = host === undefined || officialDomains.length === 0 ? 'unjudged' : isIpHost(host) ? 'ip' : isOfficialHost(host, officialDomains) ? 'official' : 'unofficial';
  const data = {
    downloadOrigin: verdict,
    ...(origin.url !== undefined ? { downloadUrl: origin.url } : {}),
    ...(origin.referrer !== undefined ? { downloadReferrer: origin.referrer } : {}),
    ...(host !== undefined ? { downloadHost: host } : {}),
    ...(origin.zoneId !== undefined ? { downloadZone: origin.zoneId } : {}),
    ...(origin.agent !== undefined ? { downloadAgent: origin.agent } : {}),
  };
  return { verdict, data, ...(host !== undefined ? { host } : {}) };
}
