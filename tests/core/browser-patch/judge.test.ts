// The browser judgement on the frozen catalog: behind beyond the allowance, a major no longer patched (and one whose
// announced end has passed: Firefox ESR 140), ESR lines judged apart, newer than known, a browser or an OS the
// catalog has nothing for, versions that cannot be read, and a catalog entry older than allowed.
import { describe, expect, it } from 'vitest';
import { judgeBrowsers, verdictOf } from '../../../src/core/checks/browser-patch/judge-browser';
import type { BrowserSighting } from '../../../src/core/checks/browser-patch/browser-sighting';
import { parseBrowserVersion } from '../../../src/core/checks/browser-patch/browser-version';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Platform } from '../../../src/core/host/host';
import type { Finding } from '../../../src/shared/finding';
import builtinJson from '../../../data/catalog.json';
import { parseCatalog } from '../../../src/core/catalog/catalog-schema';
import { frozenCatalog, inUse } from './catalog';

const policy = builtinPolicy();
const browser = (id: string) => policy.browsers.list.find((b) => b.id === id)!;
const POLICY = { maxBehindDays: 14, catalogMaxAgeDays: 60 };

function seen(id: string, rawVersion: string | undefined, install = `dpkg:${id}`): BrowserSighting {
  return { browser: browser(id), install, ...(rawVersion !== undefined ? { rawVersion } : {}), evidence: [{ kind: 'package', detail: `dpkg: ${id}`, ...(rawVersion ? { version: rawVersion } : {}) }] };
}

function judge(sightings: BrowserSighting[], now: string, platform: Platform = 'linux', catalog = inUse()): Finding[] {
  return judgeBrowsers({ sightings, unlooked: [], looked: ['dpkg (dpkg-query -W)'] }, { platform, now: new Date(now), policy: POLICY, catalog, browserNames: policy.browsers.list.map((b) => b.name) });
}

describe('browser versions as their sources spell them', () => {
  it('reads the leading numbers of package versions, DisplayVersions and bundle versions', () => {
    expect(parseBrowserVersion('155.0.8059.39-1')?.text).toBe('155.0.8059.39');
    expect(parseBrowserVersion('1:155.0.8059.39-1~deb13u1')?.text).toBe('155.0.8059.39');
    expect(parseBrowserVersion('153.0esr-1~deb12u1')?.text).toBe('153.0');
    expect(parseBrowserVersion('157.0~build2')?.text).toBe('157.0');
    expect(parseBrowserVersion(' 152.0.4191.66 ')?.parts).toEqual([152, 0, 4191, 66]);
  });

  it('refuses what is not a version: Ubuntu transitional debs, words, one number, garbage', () => {
    for (const raw of ['1:1snap1-0ubuntu5', 'latest', '155', '', 'v155.0', '155..0', '155.0.8059.39.1.2']) expect(parseBrowserVersion(raw), raw).toBeNull();
  });
});

describe('the verdict on one version', () => {
  const c = frozenCatalog();
  const chrome = c.browsers.find((b) => b.id === 'chrome')!;
  const v = (s: string) => parseBrowserVersion(s)!;

  it('counts behind from the first release the install lacks, not from the latest', () => {
    // 155.0.8059.20 lacks only 155.0.8059.39 (2026-10-06).
    expect(verdictOf(v('155.0.8059.20'), chrome, chrome.releases, new Date('2026-10-30T00:00:00Z'), 14)).toMatchObject({ kind: 'behind', days: 24, latest: { version: '155.0.8059.39' } });
    expect(verdictOf(v('155.0.8059.20'), chrome, chrome.releases, new Date('2026-10-15T00:00:00Z'), 14)).toMatchObject({ kind: 'within', days: 9 });
    expect(verdictOf(v('155.0.8059.39'), chrome, chrome.releases, new Date('2026-10-30T00:00:00Z'), 14).kind).toBe('current');
    expect(verdictOf(v('155.0.8059.40'), chrome, chrome.releases, new Date('2026-10-30T00:00:00Z'), 14).kind).toBe('newer');
    expect(verdictOf(v('158.0.8100.2'), chrome, chrome.releases, new Date('2026-10-30T00:00:00Z'), 14).kind).toBe('newer');
  });

  it('says a major the vendor no longer patches, and one whose announced end has passed', () => {
    expect(verdictOf(v('154.0.8037.97'), chrome, chrome.releases, new Date('2026-10-07T00:00:00Z'), 14)).toMatchObject({ kind: 'unpatched', major: 154 });
    const esr = c.browsers.find((b) => b.id === 'firefox-esr')!;
    // ESR 140 is its own line until 2026-10-13 (judged against 140.13.0, not 153.0), then it is ended.
    expect(verdictOf(v('140.13.0'), esr, esr.releases, new Date('2026-10-13T12:00:00Z'), 14).kind).toBe('current');
    expect(verdictOf(v('140.12.0'), esr, esr.releases, new Date('2026-08-20T00:00:00Z'), 14)).toMatchObject({ kind: 'behind', latest: { version: '140.13.0' } });
    expect(verdictOf(v('140.13.0'), esr, esr.releases, new Date('2026-10-14T00:00:00Z'), 14)).toMatchObject({ kind: 'unpatched', major: 140, ended: '2026-10-13' });
    // A major between the patched lines was never an ESR still patched.
    expect(verdictOf(v('145.0'), esr, esr.releases, new Date('2026-08-01T00:00:00Z'), 14)).toMatchObject({ kind: 'unpatched', major: 145 });
  });

  it('never calls a major unpatched for a vendor whose patch policy is not known (Cốc Cốc)', () => {
    const coccoc = c.browsers.find((b) => b.id === 'coccoc')!;
    expect(verdictOf(v('110.0.150'), coccoc, coccoc.releases, new Date('2026-12-02T00:00:00Z'), 14)).toMatchObject({ kind: 'behind' });
    expect(verdictOf(v('147.0.190'), coccoc, coccoc.releases, new Date('2026-12-02T00:00:00Z'), 14).kind).toBe('newer');
  });
});

describe('browser findings', () => {
  it('a browser behind beyond the allowance is a warning naming the version in use and the latest', () => {
    const [f] = judge([seen('chrome', '155.0.8059.20-1')], '2026-10-30T08:00:00Z');
    expect(f).toMatchObject({ check: 'browser-patch', status: 'warning', advisoryPoint: 2, title: { key: 'patch:browser.behind.title', params: { browser: 'Google Chrome', installed: '155.0.8059.20', latest: '155.0.8059.39', latestDate: '06/10/2026', count: 24 } } });
    expect(f!.detail?.key).toBe('patch:browser.behind.detail');
    expect(f!.action?.key).toBe('patch:browser.action');
    expect(f!.evidence.map((e) => e.kind)).toEqual(['package', 'catalog']);
    expect(f!.evidence[1]).toMatchObject({ data: { from: 'catalog', origin: 'builtin', asOf: '2026-10-06', browser: 'chrome', latest: '155.0.8059.39' } });
  });

  it('a major no longer patched is a violation; ESR 140 after its end names the day it ended', () => {
    expect(judge([seen('chrome', '154.0.8037.97-1')], '2026-10-08T08:00:00Z')[0]).toMatchObject({ status: 'violation', severity: 'high', title: { key: 'patch:browser.unpatched.title', params: { major: 154, installed: '154.0.8037.97', latest: '155.0.8059.39' } } });
    const esr = judge([seen('firefox-esr', '140.13.0esr-1~deb12u1')], '2026-10-20T08:00:00Z')[0]!;
    expect(esr).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.titleEnded', params: { browser: 'Mozilla Firefox ESR', installed: '140.13.0', ended: '13/10/2026' } } });
  });

  it('within the allowance, current and newer are ok, each with what it rests on', () => {
    expect(judge([seen('chrome', '155.0.8059.20-1')], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.within', params: { count: 4, maxBehindDays: 14 } } });
    expect(judge([seen('chrome', '155.0.8059.39-1')], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.current' } });
    expect(judge([seen('chrome', '156.0.8078.114-1')], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.newer', params: { installed: '156.0.8078.114', latest: '155.0.8059.39' } } });
  });

  it('a catalog entry older than allowed says so on every finding it judges, like the OS part', () => {
    const late = '2026-12-10T08:00:00Z'; // Chrome's facts of 2026-10-06 are 65 days old
    const ok = judge([seen('chrome', '156.0.8078.114-1')], late)[0]!;
    expect(ok).toMatchObject({ status: 'ok', detail: { key: 'patch:browser.staleDetail', params: { asOf: '06/10/2026', maxDays: 60 } }, action: { key: 'patch:browser.staleAction' } });
    expect(judge([seen('chrome', '155.0.8059.20-1')], late)[0]).toMatchObject({ status: 'warning', detail: { key: 'patch:browser.behind.detailStale' } });
    expect(judge([seen('chrome', '154.0.8037.97-1')], late)[0]).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.unpatched.detailStale' } });
    expect(judge([seen('chrome', '155.0.8059.39-1')], '2026-10-20T08:00:00Z')[0]!.detail).toBeUndefined();
  });

  it('a browser the catalog does not know, or knows for no release on this OS, is unknown with the reason', () => {
    const edge = judge([seen('edge', '152.0.4191.66-1')], '2026-10-10T08:00:00Z')[0]!;
    expect(edge).toMatchObject({ status: 'unknown', title: { key: 'patch:browser.unknown.title', params: { browser: 'Microsoft Edge', installed: '152.0.4191.66' } }, reason: { key: 'patch:browser.reason.notInCatalog', params: { browser: 'Microsoft Edge', asOf: '26/10/2026' } } });
    const coccoc = judge([seen('coccoc', '147.0.7727.150-1', 'dpkg:coccoc-browser-stable')], '2026-10-10T08:00:00Z', 'linux')[0]!;
    expect(coccoc).toMatchObject({ status: 'unknown', reason: { key: 'patch:browser.reason.noRelease.linux', params: { browser: 'Cốc Cốc', asOf: '24/11/2023' } } });
    // The same release judged on Windows, where the vendor numbered it: newer than the 2023 fact, said stale.
    const win = judge([seen('coccoc', '130.0.210', 'registry:HKCU\\…\\CocCocBrowser')], '2026-10-10T08:00:00Z', 'win32')[0]!;
    expect(win).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.newer' }, detail: { key: 'patch:browser.staleDetail' } });
  });

  it('a version that cannot be read, or none recorded, is unknown (never ok) with the reason', () => {
    expect(judge([seen('chrome', 'garbage-1')], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'unknown', title: { key: 'patch:browser.unknown.version' }, reason: { key: 'patch:browser.reason.badVersion', params: { version: 'garbage-1' } } });
    expect(judge([seen('chrome', undefined)], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'unknown', reason: { key: 'patch:browser.reason.noVersion', params: { browser: 'Google Chrome' } } });
  });

  it('one finding per install, worst first; a place not looked at is unknown; none found is one ok', () => {
    const found = judge([seen('chrome', '155.0.8059.39-1'), seen('firefox-esr', '145.0esr-1'), seen('chrome', '155.0.8059.20', 'flatpak:com.google.Chrome')], '2026-10-30T08:00:00Z');
    expect(found.map((f) => f.status)).toEqual(['violation', 'warning', 'ok']);
    expect(new Set(found.map((f) => f.id)).size).toBe(3);
    const none = judgeBrowsers({ sightings: [], unlooked: [], looked: ['dpkg (dpkg-query -W)'] }, { platform: 'linux', now: new Date('2026-10-30T08:00:00Z'), policy: POLICY, catalog: inUse(), browserNames: ['Google Chrome', 'Cốc Cốc'] });
    expect(none).toEqual([expect.objectContaining({ status: 'ok', title: { key: 'patch:browser.ok.none', params: { browsers: 'Google Chrome, Cốc Cốc' } } })]);
    const blind = judgeBrowsers(
      { sightings: [], unlooked: [{ probe: 'linux.dpkg', looked: 'dpkg (dpkg-query -W)', reason: { key: 'common:reason.timeout' } }], looked: [] },
      { platform: 'linux', now: new Date('2026-10-30T08:00:00Z'), policy: POLICY, catalog: inUse(), browserNames: ['Google Chrome'] },
    );
    expect(blind).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'common:reason.timeout' } })]);
  });
});

describe('facts older than the days a browser may lag: "current" only as of their date', () => {
  it('matching the newest known release is said as of the facts\' date once they are older than maxBehindDays', () => {
    // Chrome's facts of 06/10: 14 days later still current; 19 days later only "the latest known on 06/10".
    expect(judge([seen('chrome', '155.0.8059.39-1')], '2026-10-20T08:00:00Z')[0]).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.current' } });
    const aged = judge([seen('chrome', '155.0.8059.39-1')], '2026-10-25T08:00:00Z')[0]!;
    expect(aged).toMatchObject({
      status: 'ok',
      title: { key: 'patch:browser.ok.currentAsOf', params: { browser: 'Google Chrome', installed: '155.0.8059.39', asOf: '06/10/2026', count: 19, maxBehindDays: 14 } },
      detail: { key: 'patch:browser.agedDetail', params: { asOf: '06/10/2026', count: 19 } },
      action: { key: 'patch:browser.staleAction' },
    });
    // Past catalogMaxAgeDays (60) the note is the stale one, the title still as of 06/10.
    const stale = judge([seen('chrome', '155.0.8059.39-1')], '2026-12-02T08:00:00Z')[0]!;
    expect(stale).toMatchObject({ title: { key: 'patch:browser.ok.currentAsOf', params: { count: 57 } }, detail: { key: 'patch:browser.agedDetail' } });
    expect(judge([seen('chrome', '155.0.8059.39-1')], '2026-12-10T08:00:00Z')[0]).toMatchObject({ title: { key: 'patch:browser.ok.currentAsOf', params: { count: 65 } }, detail: { key: 'patch:browser.staleDetail', params: { maxDays: 60 } } });
  });
});

describe('Chrome Extended Stable: its own line, reached only by the machine policy', () => {
  // The frozen browsers with the Extended Stable line of 22/09/2026 (152.0.7977.140, Windows and Mac only).
  const EXTENDED = { id: 'chrome-extended', name: 'Google Chrome Extended Stable', asOf: '2026-09-22', releases: [{ version: '152.0.7977.140', date: '2026-09-22', platforms: ['win32', 'darwin'], sources: ['chrome-2026-09-22'] }], patchedMajors: [{ major: 152, sources: ['chrome-2026-09-22', 'chrome-release-cycle'] }] };
  const withExtended = inUse(frozenCatalog([...frozenCatalog().browsers, EXTENDED]));
  const onWindows = (s: BrowserSighting[], now = '2026-10-01T08:00:00Z', platform: Platform = 'win32'): Finding[] => judge(s, now, platform, withExtended);
  const registry = (id: string, version: string, channelPolicy?: BrowserSighting['channelPolicy']): BrowserSighting => ({
    browser: browser(id),
    install: 'registry:HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Google Chrome',
    rawVersion: version,
    evidence: [{ kind: 'registry', detail: 'Google Chrome', version }],
    ...(channelPolicy ? { channelPolicy } : {}),
  });

  it('a Chrome on Extended Stable is judged against the extended line, not against stable 155', () => {
    expect(onWindows([registry('chrome-extended', '152.0.7977.140')])[0]).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.current', params: { browser: 'Google Chrome Extended Stable', installed: '152.0.7977.140' } } });
    // Behind its own line's release of 22/09 for 18 days: a warning naming 152.0.7977.140, not 155.
    expect(onWindows([registry('chrome-extended', '152.0.7977.100')], '2026-10-10T08:00:00Z')[0]).toMatchObject({ status: 'warning', title: { key: 'patch:browser.behind.title', params: { installed: '152.0.7977.100', latest: '152.0.7977.140', count: 18 } } });
    // A major the extended line no longer patches is still a violation.
    expect(onWindows([registry('chrome-extended', '150.0.7871.100')])[0]).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.title', params: { major: 150, latest: '152.0.7977.140' } } });
  });

  it('a Chrome of the extended major without the policy stays judged as stable, and the finding says why', () => {
    const absent = onWindows([registry('chrome', '152.0.7977.140', { kind: 'absent', browser: 'chrome-extended' })])[0]!;
    expect(absent).toMatchObject({
      status: 'violation',
      title: { key: 'patch:browser.unpatched.title', params: { browser: 'Google Chrome', installed: '152.0.7977.140', major: 152, latest: '155.0.8059.39' } },
      detail: { key: 'patch:browser.channel.absent', params: { major: 152, channelName: 'Google Chrome Extended Stable', channelAsOf: '22/09/2026' } },
    });
    expect(absent.evidence.filter((e) => e.kind === 'catalog').map((e) => e.data?.browser)).toEqual(['chrome', 'chrome-extended']);
    const unread = onWindows([registry('chrome', '152.0.7977.140', { kind: 'unread', browser: 'chrome-extended', reason: { key: 'common:reason.timeout' } })])[0]!;
    expect(unread).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.channel.unread' } });
    expect(unread.evidence.find((e) => e.kind === 'probe')?.label).toEqual({ key: 'common:reason.timeout' });
    expect(onWindows([registry('chrome', '152.0.7977.140', { kind: 'notLooked', browser: 'chrome-extended' })], '2026-10-01T08:00:00Z', 'darwin')[0]).toMatchObject({ detail: { key: 'patch:browser.channel.notLooked' } });
  });

  it('no explanation where the extended line could not help: another major, Linux (no extended channel), an unknown line', () => {
    expect(onWindows([registry('chrome', '150.0.7871.100', { kind: 'absent', browser: 'chrome-extended' })])[0]).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.unpatched.detail' } });
    expect(onWindows([registry('chrome', '152.0.7977.140', { kind: 'absent', browser: 'chrome-extended' })], '2026-10-01T08:00:00Z', 'linux')[0]).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.unpatched.detail' } });
    // A catalog without the extended line (made before it): judged as stable, said as before.
    expect(judge([registry('chrome', '152.0.7977.140', { kind: 'absent', browser: 'chrome-extended' })], '2026-10-01T08:00:00Z', 'win32')[0]).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.unpatched.detail' } });
  });
});

describe('the catalog schema refuses browser data that cannot be right', () => {
  it('a release after the entry’s date, a patched major with no release, a browser listed twice', () => {
    const chrome = { id: 'chrome', name: 'Google Chrome', asOf: '2026-10-06', releases: [{ version: '155.0.8059.39', date: '2026-10-06', sources: ['chrome-2026-10-06'] }] };
    expect(() => frozenCatalog([{ ...chrome, releases: [{ version: '156.0.1.2', date: '2026-10-20', sources: ['chrome-2026-10-06'] }] }])).toThrow(/dated after/);
    expect(() => frozenCatalog([{ ...chrome, patchedMajors: [{ major: 156, sources: ['chrome-2026-10-06'] }] }])).toThrow(/major 156 has no release/);
    expect(() => frozenCatalog([chrome, chrome])).toThrow(/listed twice/);
    expect(() => frozenCatalog([{ ...chrome, releases: [{ version: '155.0.8059.39', date: '2026-10-06', sources: ['nowhere'] }] }])).toThrow(/unknown source id/);
    expect(() => frozenCatalog([{ ...chrome, asOf: '2026-11-01', releases: chrome.releases }])).toThrow(/after the catalog/);
  });

  it('a catalog without a browser part (made before this check) still loads, with none', () => {
    const { browsers: _browsers, ...old } = builtinJson;
    const r = parseCatalog(old);
    expect(r.ok && r.catalog.browsers).toEqual([]);
  });
});
