import type { Catalog } from '../../catalog/catalog-schema';
import { daysSince } from '../../catalog/dates';
import type { Host } from '../../host/host';
import { isOverlong, splitLines } from '../../text/lines';
import { commandFailure, garbled } from '../reasons';
import type { Lifecycle, OsState, OsUnidentified, PatchLevel, Pending } from './os-state';

/** softwareupdate asks Apple's servers and can hang when the network is half up. */
const SOFTWAREUPDATE_TIMEOUT_MS = 60_000;

/** What sw_vers says. */
export interface SwVers {
  readonly productName: string;
  readonly version: string;
  readonly build?: string;
}

/** Parses `sw_vers` output (`ProductVersion:\t15.7.7`); null when there is no usable version. */
export function parseSwVers(text: string): SwVers | null {
  const lines = splitLines(text);
  const get = (k: string): string | undefined => lines.map((l) => (l.startsWith(`${k}:`) && !isOverlong(l) ? l.slice(k.length + 1).trim() : '')).find((v) => v !== '');
  const version = get('ProductVersion');
  if (!version || !/^\d+(\.\d+){0,2}$/.test(version)) return null;
  const build = get('BuildVersion');
  return { productName: get('ProductName') ?? 'macOS', version, ...(build ? { build } : {}) };
}

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The major line of a macOS version: 15 for 15.7.7, but 10.15 for the 10.x era. */
export function macosMajor(version: string): number {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a === 10 ? Number(`10.${b}`) : a;
}

/** Lifecycle and level of a macOS version, from the catalog. */
export function macosJudgement(catalog: Catalog, version: string, now: Date): { lifecycle: Lifecycle; level: PatchLevel } {
  const major = macosMajor(version);
  const r = catalog.macos.releases.find((x) => x.major === major);
  if (!r) {
    const reason = { key: 'patch:reason.unknownRelease', params: { release: `macOS ${major}` } };
    return { lifecycle: { kind: 'unknown', reason }, level: { kind: 'unknown', reason } };
  }
  if (!r.securityUpdates) return { lifecycle: r.lastSecurityUpdate ? { kind: 'ended', ended: r.lastSecurityUpdate } : { kind: 'ended' }, level: { kind: 'not-judged' } };
  const lifecycle: Lifecycle = { kind: 'supported' };
  if (!r.latest) return { lifecycle, level: { kind: 'unknown', reason: { key: 'patch:reason.noLatest', params: { release: `macOS ${major}` } } } };
  if (compareVersions(version, r.latest.version) >= 0) return { lifecycle, level: { kind: 'current', installed: version, latest: r.latest.version } };
  // Apple does not date each point release in the catalog: count from the latest one (a lower bound).
  return { lifecycle, level: { kind: 'behind', installed: version, latest: r.latest.version, latestDate: r.latest.date, days: daysSince(r.latest.date, now) } };
}

/**
 * Parses `softwareupdate --list`. Items are `* Label: ...` lines. "No new software available"
 * means none, but only when nothing on stderr says the server could not be reached (offline
 * looks like "no updates" otherwise; the exact offline text is unconfirmed, so any error word counts).
 */
export function parseSoftwareUpdate(stdout: string, stderr: string): Pending | null {
  const lines = splitLines(stdout);
  if (lines.some(isOverlong)) return null;
  const labels = lines.flatMap((l) => /^\s*\*\s*Label:(.+)$/.exec(l)?.[1]?.trim() ?? []);
  if (labels.length > 0) {
    const security = labels.filter((l) => /security|macOS|Background Security/i.test(l)).length;
    return { kind: 'some', tool: 'softwareupdate', count: labels.length, security };
  }
  const all = `${stdout}\n${stderr}`;
  if (/error|cannot|could not|can't|unable|network|connection|offline|timed out/i.test(all)) return null;
  if (/No new software available/i.test(all)) return { kind: 'none', tool: 'softwareupdate' };
  return null;
}

async function pending(host: Host): Promise<Pending> {
  const r = await host.run(['softwareupdate', '--list'], { timeoutMs: SOFTWAREUPDATE_TIMEOUT_MS, env: { LC_ALL: 'C', LANG: 'C' } });
  const fail = commandFailure(r);
  if (fail) return { kind: 'unknown', reason: fail };
  const p = parseSoftwareUpdate(r.stdout, r.stderr);
  if (p) return p;
  return { kind: 'unknown', reason: { key: 'patch:reason.softwareupdateNoAnswer', params: { sample: garbled('softwareupdate', `${r.stdout} ${r.stderr}`).params?.sample ?? '' } } };
}

/** Reads the macOS version and pending updates, and judges them against the catalog. */
export async function probeMacos(host: Host, catalog: Catalog, now: Date): Promise<OsState | OsUnidentified> {
  const r = await host.run(['sw_vers'], { timeoutMs: 10_000 });
  const fail = commandFailure(r);
  if (fail) return { unidentified: true, reason: fail, looked: 'sw_vers' };
  const sv = parseSwVers(r.stdout);
  if (!sv) return { unidentified: true, reason: garbled('sw_vers', r.stdout), looked: 'sw_vers' };
  const major = macosMajor(sv.version);
  const release = catalog.macos.releases.find((x) => x.major === major);
  const name = `${sv.productName} ${release ? `${release.name} ` : ''}${sv.version}${sv.build ? ` (${sv.build})` : ''}`;
  const { lifecycle, level } = macosJudgement(catalog, sv.version, now);
  return {
    name,
    identity: `macos:${major}`,
    evidence: [{ kind: 'os', detail: name, version: sv.version, data: { product: sv.productName, version: sv.version, ...(sv.build ? { build: sv.build } : {}) } }],
    lifecycle,
    level,
    // No need to ask Apple's servers about a release that gets no updates any more.
    pending: lifecycle.kind === 'ended' ? { kind: 'not-applicable' } : await pending(host),
    reboot: { kind: 'not-applicable' },
    extra: [],
    knowledgeAsOf: catalog.asOf,
    knowledgeFrom: 'catalog',
  };
}
