/**
 * Judges each browser install against the catalog's browser part (point 2 of the advisory: applications patched
 * too): a major its vendor no longer patches is a violation; behind a release it lacks for longer than the policy's
 * allowance is a warning; a browser or an OS the catalog has no release for, or a version that cannot be read, is
 * `unknown` with the reason; a catalog entry older than `catalogMaxAgeDays` is said to be possibly stale.
 */
import type { Evidence, Finding, Message } from '../../../shared/finding';
import type { CatalogInUse } from '../../catalog/choose-catalog';
import type { BrowserRelease, CatalogBrowser } from '../../catalog/catalog-schema';
import { daysSince, displayDate, isAfterDay } from '../../catalog/dates';
import type { Platform } from '../../host/host';
import { findingId, msg } from '../check';
import type { BrowserSighting, BrowserSightings } from './browser-sighting';
import { compareVersions, majorOf, parseBrowserVersion, type BrowserVersion } from './browser-version';

/** Id of the browser patch check. */
export const BROWSER_PATCH_CHECK = 'browser-patch';

/** The policy numbers the judgement uses. */
export interface BrowserPolicy {
  readonly maxBehindDays: number;
  readonly catalogMaxAgeDays: number;
}

/** What judging needs besides the sightings. */
export interface BrowserJudgeInput {
  readonly platform: Platform;
  readonly now: Date;
  readonly policy: BrowserPolicy;
  readonly catalog: CatalogInUse;
  /** The names of every browser the policy lists, for the `ok` finding when none is installed. */
  readonly browserNames: readonly string[];
}

function finding(f: Omit<Finding, 'check' | 'advisoryPoint'>): Finding {
  return { check: BROWSER_PATCH_CHECK, advisoryPoint: 2, ...f };
}

/** Evidence naming the catalog entry a judgement rests on. */
function catalogEvidence(catalog: CatalogInUse, entry: CatalogBrowser, latest: string | undefined): Evidence {
  const origin = catalog.origin === 'builtin' ? 'built-in catalog' : `signed catalog ${catalog.file ?? ''}`.trim();
  return {
    kind: 'catalog',
    detail: `${origin}: ${entry.name} as of ${entry.asOf}${latest ? `, latest ${latest}` : ''}${catalog.testKey ? ' (signed with a TEST key)' : ''}`,
    label: msg('patch:browser.evidence.catalog', { browser: entry.name, asOf: displayDate(entry.asOf) }),
    version: entry.asOf,
    ...(catalog.origin === 'file' && catalog.file ? { path: catalog.file } : {}),
    data: { from: 'catalog', origin: catalog.origin, asOf: entry.asOf, browser: entry.id, ...(latest ? { latest } : {}), ...(catalog.keyId ? { keyId: catalog.keyId } : {}) },
  };
}

const versionOf = (r: BrowserRelease): BrowserVersion => parseBrowserVersion(r.version)!;
const newest = (rs: readonly BrowserRelease[]): BrowserRelease => rs.reduce((a, b) => (compareVersions(versionOf(b), versionOf(a)) > 0 ? b : a));

/** The verdict on one install's version, before it becomes a finding. */
type Verdict =
  | { readonly kind: 'unpatched'; readonly major: number; readonly ended?: string; readonly latest: BrowserRelease }
  | { readonly kind: 'behind'; readonly latest: BrowserRelease; readonly days: number }
  | { readonly kind: 'within'; readonly latest: BrowserRelease; readonly days: number }
  | { readonly kind: 'current'; readonly latest: BrowserRelease }
  | { readonly kind: 'newer'; readonly latest: BrowserRelease };

/** The verdict for an installed version against a catalog entry's releases for this platform (at least one). */
export function verdictOf(installed: BrowserVersion, entry: CatalogBrowser, releases: readonly BrowserRelease[], now: Date, maxBehindDays: number): Verdict {
  const major = majorOf(installed);
  const overall = newest(releases);
  const patched = entry.patchedMajors;
  let line = releases;
  if (patched && patched.length > 0) {
    const maxPatched = Math.max(...patched.map((m) => m.major));
    const mine = patched.find((m) => m.major === major);
    if (!mine && major > maxPatched) return { kind: 'newer', latest: overall };
    if (!mine || (mine.until && isAfterDay(mine.until, now))) {
      return { kind: 'unpatched', major, ...(mine?.until ? { ended: mine.until } : {}), latest: overall };
    }
    // A patched line is judged against its own releases (Firefox ESR 140 beside ESR 153).
    line = releases.filter((r) => majorOf(versionOf(r)) === major);
  }
  const latest = newest(line);
  const lacking = line.filter((r) => compareVersions(versionOf(r), installed) > 0);
  if (lacking.length === 0) return compareVersions(installed, versionOf(latest)) > 0 ? { kind: 'newer', latest } : { kind: 'current', latest };
  // Behind since the first release it lacks: that is when an update became due.
  const first = lacking.reduce((a, b) => (b.date < a.date ? b : a));
  const days = daysSince(first.date, now);
  return days > maxBehindDays ? { kind: 'behind', latest, days } : { kind: 'within', latest, days };
}

/**
 * The channel an install judged as unpatched on its own line could have been on: its entry names a channel by
 * machine policy (Chrome Extended Stable), that channel still patches the installed major on this OS, but no policy
 * put the install there (or it could not be looked at). The finding then says so rather than only "not patched".
 */
function otherChannel(s: BrowserSighting, installed: BrowserVersion, input: BrowserJudgeInput): { readonly kind: string; readonly entry: CatalogBrowser; readonly reason?: Message } | undefined {
  const cp = s.channelPolicy;
  if (!cp) return undefined;
  const entry = input.catalog.catalog.browsers.find((b) => b.id === cp.browser);
  const os = input.platform === 'win32' || input.platform === 'darwin' ? input.platform : 'linux';
  const patched = entry?.patchedMajors?.find((m) => m.major === majorOf(installed));
  if (!entry || !patched || (patched.until && isAfterDay(patched.until, input.now))) return undefined;
  if (!entry.releases.some((r) => majorOf(versionOf(r)) === patched.major && (!r.platforms || r.platforms.includes(os)))) return undefined;
  return { kind: cp.kind, entry, ...(cp.reason ? { reason: cp.reason } : {}) };
}

function judgeOne(s: BrowserSighting, input: BrowserJudgeInput): Finding {
  const { catalog, now, policy, platform } = input;
  const name = s.browser.name;
  const base = { browser: name };
  const id = (aspect: string): string => findingId(BROWSER_PATCH_CHECK, s.browser.id, s.install, aspect);
  const unknown = (title: Message, reason: Message, evidence: readonly Evidence[]): Finding =>
    finding({ id: id('unknown'), status: 'unknown', severity: 'medium', title, reason, action: msg('patch:browser.unknown.action', base), evidence });
  const installed = s.rawVersion === undefined ? null : parseBrowserVersion(s.rawVersion);
  if (!installed) {
    const reason = s.rawVersion === undefined ? (s.versionUnread ?? msg('patch:browser.reason.noVersion', base)) : msg('patch:browser.reason.badVersion', { ...base, version: s.rawVersion });
    return unknown(msg('patch:browser.unknown.version', base), reason, s.evidence);
  }
  const shown = { ...base, installed: installed.text };
  const entry = catalog.catalog.browsers.find((b) => b.id === s.browser.id);
  if (!entry) return unknown(msg('patch:browser.unknown.title', shown), msg('patch:browser.reason.notInCatalog', { ...base, asOf: displayDate(catalog.catalog.asOf) }), s.evidence);
  const releases = entry.releases.filter((r) => !r.platforms || r.platforms.includes(platform === 'win32' || platform === 'darwin' ? platform : 'linux'));
  if (releases.length === 0) return unknown(msg('patch:browser.unknown.title', shown), msg(`patch:browser.reason.noRelease.${platform}`, { ...base, asOf: displayDate(entry.asOf) }), [...s.evidence, catalogEvidence(catalog, entry, undefined)]);

  const v = verdictOf(installed, entry, releases, now, policy.maxBehindDays);
  const age = daysSince(entry.asOf, now);
  const stale = age > policy.catalogMaxAgeDays;
  // Older than the allowance: a newer release may be due already, so "current" holds only as of the facts' date.
  const aged = age > policy.maxBehindDays;
  const facts = { ...shown, latest: v.latest.version, latestDate: displayDate(v.latest.date), asOf: displayDate(entry.asOf), maxDays: policy.catalogMaxAgeDays, maxBehindDays: policy.maxBehindDays };
  const evidence = [...s.evidence, catalogEvidence(catalog, entry, v.latest.version)];
  const staleNote = stale ? { detail: msg('patch:browser.staleDetail', facts), action: msg('patch:browser.staleAction', facts) } : {};
  switch (v.kind) {
    case 'unpatched': {
      const other = otherChannel(s, installed, input);
      return finding({
        id: id('unpatched'),
        status: 'violation',
        severity: 'high',
        title: msg(v.ended ? 'patch:browser.unpatched.titleEnded' : 'patch:browser.unpatched.title', { ...facts, major: v.major, ...(v.ended ? { ended: displayDate(v.ended) } : {}) }),
        detail: other
          ? msg(`patch:browser.channel.${other.kind}`, { ...facts, major: v.major, channelName: other.entry.name, channelAsOf: displayDate(other.entry.asOf) })
          : msg(stale ? 'patch:browser.unpatched.detailStale' : 'patch:browser.unpatched.detail', facts),
        action: msg('patch:browser.action', facts),
        evidence: other ? [...evidence, ...(other.reason ? [{ kind: 'probe' as const, detail: `${other.entry.name}: channel policy not read`, label: other.reason }] : []), catalogEvidence(catalog, other.entry, undefined)] : evidence,
      });
    }
    case 'behind':
      return finding({
        id: id('behind'),
        status: 'warning',
        severity: 'medium',
        title: msg('patch:browser.behind.title', { ...facts, count: v.days }),
        detail: msg(stale ? 'patch:browser.behind.detailStale' : 'patch:browser.behind.detail', facts),
        action: msg('patch:browser.action', facts),
        evidence,
      });
    case 'within':
      return finding({ id: id('ok'), status: 'ok', severity: 'info', title: msg('patch:browser.ok.within', { ...facts, count: v.days }), ...staleNote, evidence });
    case 'newer':
      return finding({ id: id('ok'), status: 'ok', severity: 'info', title: msg('patch:browser.ok.newer', facts), ...staleNote, evidence });
    case 'current':
      if (aged) {
        return finding({
          id: id('ok'),
          status: 'ok',
          severity: 'info',
          title: msg('patch:browser.ok.currentAsOf', { ...facts, count: age }),
          detail: msg(stale ? 'patch:browser.staleDetail' : 'patch:browser.agedDetail', { ...facts, count: age }),
          action: msg('patch:browser.staleAction', facts),
          evidence,
        });
      }
      return finding({ id: id('ok'), status: 'ok', severity: 'info', title: msg('patch:browser.ok.current', facts), ...staleNote, evidence });
  }
}

/** Turns what the probes saw into findings: one per install, one `unknown` per place not looked at, or one `ok`. */
export function judgeBrowsers(seen: BrowserSightings, input: BrowserJudgeInput): Finding[] {
  const out = seen.sightings.map((s) => judgeOne(s, input));
  const rank = (f: Finding): number => ['violation', 'warning', 'unknown', 'ok'].indexOf(f.status);
  out.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  for (const u of seen.unlooked) {
    out.push(
      finding({
        id: findingId(BROWSER_PATCH_CHECK, 'unlooked', u.probe),
        status: 'unknown',
        severity: 'medium',
        title: msg('patch:browser.unknown.unlooked'),
        reason: u.reason,
        action: msg('patch:browser.unknown.actionUnlooked'),
        evidence: [{ kind: 'probe', detail: u.looked, data: { probe: u.probe } }],
      }),
    );
  }
  if (seen.sightings.length === 0 && seen.unlooked.length === 0) {
    const browsers = input.browserNames.join(', ');
    out.push(
      seen.looked.length > 0
        ? finding({ id: findingId(BROWSER_PATCH_CHECK, 'none'), status: 'ok', severity: 'info', title: msg('patch:browser.ok.none', { browsers }), evidence: seen.looked.map((l) => ({ kind: 'probe', detail: l })) })
        : finding({ id: findingId(BROWSER_PATCH_CHECK, 'no-probe'), status: 'unknown', severity: 'low', title: msg('patch:browser.unknown.noProbe', { browsers }), reason: msg('common:reason.noProbe'), evidence: [] }),
    );
  }
  return out;
}
