/**
 * Where the browser said a downloaded file came from, read without opening the file:
 * Linux the `user.xdg.origin.url` / `user.xdg.referrer.url` extended attributes (Chromium writes them; read with
 * getfattr, else python3's os.getxattr where the attr package is not installed),
 * macOS `com.apple.metadata:kMDItemWhereFroms` (macos/where-froms.ts),
 * Windows the `PATH:Zone.Identifier` stream (Mark of the Web). Never guessed: a missing record is `none`,
 * a record that could not be read is `unknown` with the reason.
 */
import type { EvidenceData } from '../../../shared/evidence-data';
import { isHostError, type Host } from '../../host/host';
import { trustedProgram } from '../../remediation/elevation';
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
  | {
      readonly state: 'unknown';
      readonly reason: string;
      /** Linux: no tool here reads extended attributes (neither getfattr nor python3). */
      readonly missingTool?: true;
    };

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

/** The attributes Chromium-based browsers (and `wget --xattr`, `curl --xattr`) write on a download. */
const XDG_ORIGIN = 'user.xdg.origin.url';
const XDG_REFERRER = 'user.xdg.referrer.url';

/** Linux allows an attribute value of at most 64 KiB (XATTR_SIZE_MAX); a URL is far shorter. */
const MAX_XATTR_BYTES = 64 * 1024;

/** How long one read of a file's attributes may take before the tool is given up for the run. */
export const XATTR_TIMEOUT_MS = 5_000;

/**
 * The python3 fallback, run as `python3 -I -S -c PROGRAM -- PATH` (isolated: no PYTHON* variables, no user or site
 * packages; the path an argument, never code): each attribute as hex (any bytes survive), null when absent, else the
 * errno's name; one JSON line. `follow_symlinks=False` is getfattr's `-h`.
 */
export const PYTHON_XATTR_PROGRAM = [
  'import errno, json, os, sys',
  "if len(sys.argv) != 3 or sys.argv[1] != '--': sys.exit(2)",
  'out = {}',
  `for n in (${JSON.stringify(XDG_ORIGIN)}, ${JSON.stringify(XDG_REFERRER)}):`,
  '    try:',
  `        out[n] = os.getxattr(sys.argv[2], n, follow_symlinks=False)[:${String(MAX_XATTR_BYTES)}].hex()`,
  '    except OSError as e:',
  "        out[n] = None if e.errno == errno.ENODATA else {'error': errno.errorcode.get(e.errno, str(e.errno))}",
  'sys.stdout.write(json.dumps(out))',
].join('\n');

/** The reason when no tool reads extended attributes (the check turns it into words: install the attr package). */
export const NO_XATTR_TOOL = 'neither getfattr (package attr) nor python3 is installed';

/** What reads the attributes here: getfattr, else python3, both taken from the system folders (never the person's PATH). */
type XattrReader = { readonly tool: 'getfattr' | 'python3'; readonly program: string; broken?: string } | { readonly tool: 'none' };

/** One lookup of the tools per host (a check reads up to hundreds of files). */
const readers = new WeakMap<Host, Promise<XattrReader>>();

function xattrReader(host: Host): Promise<XattrReader> {
  let r = readers.get(host);
  if (!r) {
    r = (async (): Promise<XattrReader> => {
      const getfattr = await trustedProgram(host, 'getfattr');
      if (getfattr) return { tool: 'getfattr', program: getfattr };
      const python = await trustedProgram(host, 'python3');
      return python ? { tool: 'python3', program: python } : { tool: 'none' };
    })();
    readers.set(host, r);
  }
  return r;
}

/** An attribute's value: text, `null` when the file has none by that name, or why it could not be read. */
type AttrValue = string | null | { readonly reason: string };

/** One extended attribute through getfattr: its value, `null` when the file has none by that name, or a failure reason. */
async function getfattrAttribute(host: Host, reader: { readonly program: string; broken?: string }, path: string, name: string): Promise<AttrValue> {
  // -h: a link's own attributes (it has none), never those of what it points at, which may lie outside the folder.
  const r = await host.run([reader.program, '-h', '--only-values', '-n', name, '--', path], { env: { LC_ALL: 'C' }, timeoutMs: XATTR_TIMEOUT_MS, maxOutputBytes: MAX_XATTR_BYTES });
  if (r.error?.code === 'timeout') return { reason: (reader.broken = `getfattr: no answer in ${String(XATTR_TIMEOUT_MS / 1000)} s`) };
  if (r.error) return { reason: r.error.code === 'not-found' ? 'getfattr is not installed (package attr)' : `getfattr: ${r.error.message}` };
  if (r.exitCode === 0) return r.stdout.trim() === '' ? null : r.stdout.trim();
  if (/No such attribute/i.test(r.stderr)) return null;
  return { reason: `getfattr: ${r.stderr.trim() || `exit ${String(r.exitCode)}`}` };
}

/** Decodes the python3 fallback's JSON line into each attribute's value; throws on anything else. */
export function parsePythonXattrs(stdout: string): { readonly url: AttrValue; readonly referrer: AttrValue } {
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  const obj = parsed as Record<string, unknown>;
  const value = (name: string): AttrValue => {
    const v = obj[name];
    if (v === null) return null;
    if (typeof v === 'string') {
      if (v.length % 2 !== 0 || !/^[0-9a-f]*$/.test(v)) throw new Error(`${name}: not hex`);
      const text = Buffer.from(v, 'hex').toString('utf8').trim();
      return text === '' ? null : text;
    }
    if (typeof v === 'object' && !Array.isArray(v) && typeof (v as { error?: unknown }).error === 'string') {
      const code = (v as { error: string }).error;
      if (/^[A-Z0-9]{1,20}$/.test(code)) return { reason: `python3 os.getxattr: ${code}` };
    }
    throw new Error(`${name}: unexpected value`);
  };
  return { url: value(XDG_ORIGIN), referrer: value(XDG_REFERRER) };
}

/** Both attributes through python3's os.getxattr, in one bounded run. */
async function pythonAttributes(host: Host, reader: { readonly program: string; broken?: string }, path: string): Promise<{ readonly url: AttrValue; readonly referrer: AttrValue }> {
  const fail = (reason: string): { readonly url: AttrValue; readonly referrer: AttrValue } => ({ url: { reason }, referrer: { reason } });
  const r = await host.run([reader.program, '-I', '-S', '-c', PYTHON_XATTR_PROGRAM, '--', path], { env: { LC_ALL: 'C' }, timeoutMs: XATTR_TIMEOUT_MS, maxOutputBytes: 4 * MAX_XATTR_BYTES + 1024 });
  if (r.error) {
    const reason = `python3: ${r.error.code === 'timeout' ? `no answer in ${String(XATTR_TIMEOUT_MS / 1000)} s` : r.error.message}`;
    // A tool that hangs once would hang for each file: given up for the rest of the run.
    if (r.error.code === 'timeout') reader.broken = reason;
    return fail(reason);
  }
  if (r.exitCode !== 0) return fail(`python3: ${r.stderr.trim().split('\n').pop()?.slice(0, 200) || `exit ${String(r.exitCode)}`}`);
  if (r.truncated) return fail('python3: output too large');
  try {
    return parsePythonXattrs(r.stdout);
  } catch (e) {
    return fail(`python3: unexpected output (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Both attributes through whichever tool is here (getfattr first, as it always was). */
async function linuxAttributes(host: Host, path: string): Promise<{ readonly url: AttrValue; readonly referrer: AttrValue } | { readonly missing: true }> {
  const reader = await xattrReader(host);
  if (reader.tool === 'none') return { missing: true };
  if (reader.broken !== undefined) return { url: { reason: reader.broken }, referrer: { reason: reader.broken } };
  if (reader.tool === 'python3') return pythonAttributes(host, reader, path);
  const url = await getfattrAttribute(host, reader, path, XDG_ORIGIN);
  if (url !== null && typeof url === 'object') return { url, referrer: url };
  return { url, referrer: await getfattrAttribute(host, reader, path, XDG_REFERRER) };
}

async function linuxOrigin(host: Host, path: string): Promise<DownloadOrigin> {
  const attrs = await linuxAttributes(host, path);
  if ('missing' in attrs) return { state: 'unknown', reason: NO_XATTR_TOOL, missingTool: true };
  const { url, referrer } = attrs;
  if (url !== null && typeof url === 'object') return { state: 'unknown', reason: url.reason };
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
