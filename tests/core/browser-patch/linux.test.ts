// The browser-patch check on recorded Linux PCs: a Debian office PC (Chrome from Google's repository, Edge from
// Microsoft's, Debian's Firefox ESR and Chromium, Cốc Cốc's own deb) and an Ubuntu PC whose Firefox and Chromium
// are snaps behind transitional debs; garbled, cut and missing package data; a vendor folder no package owns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DPKG_ARGV } from '../../../src/core/checks/banned-app/linux/dpkg';
import { FLATPAK_ARGV } from '../../../src/core/checks/banned-app/linux/flatpak';
import { RPM_ARGV } from '../../../src/core/checks/banned-app/linux/rpm';
import { SNAP_ARGV } from '../../../src/core/checks/banned-app/linux/snap';
import { browserPatchCheck } from '../../../src/core/checks/browser-patch/browser-patch-check';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { frozenCatalog, inUse } from './catalog';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'browser-patch', 'linux');
const rec = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const NOW = new Date('2026-10-30T08:00:00Z');

// The frozen browser part plus Edge and Chromium as first recorded, so every browser of the office PC is known.
const CATALOG = inUse(
  frozenCatalog([
    ...frozenCatalog().browsers,
    { id: 'edge', name: 'Microsoft Edge', asOf: '2026-09-04', releases: [{ version: '152.0.4191.66', date: '2026-09-04', security: true, sources: ['edge-relnote-152-66'] }], patchedMajors: [{ major: 152, sources: ['edge-relnote-152-66'] }] },
    { id: 'chromium', name: 'Chromium', asOf: '2026-10-06', releases: [{ version: '155.0.8059.39', date: '2026-10-06', security: true, sources: ['chrome-2026-10-06'] }], patchedMajors: [{ major: 155, sources: ['chrome-2026-10-06'] }] },
    { id: 'firefox', name: 'Mozilla Firefox', asOf: '2026-09-29', releases: [{ version: '157.0', date: '2026-09-29', security: true, sources: ['firefox-157-notes'] }], patchedMajors: [{ major: 157, sources: ['firefox-157-notes'] }] },
  ]),
);

function pc(commands: FixtureCommand[], files: Record<string, FixtureNode> = {}): FixtureHost {
  return new FixtureHost({ platform: 'linux', homedir: '/home/nguyễn', files: { '/var/lib/dpkg/status': 'Package: dpkg\n', ...files }, commands });
}

async function check(host: FixtureHost, now = NOW): Promise<readonly Finding[]> {
  return browserPatchCheck({ catalog: async () => CATALOG }).run({ host, policy: builtinPolicy(), now });
}

const absent = (argv: readonly string[]): FixtureCommand => ({ argv, error: 'not-found' });

describe('browsers on a Debian office PC (dpkg)', () => {
  it('each browser package is judged by its own version; nothing else of the database is a browser', async () => {
    const found = await check(pc([{ argv: DPKG_ARGV, stdout: rec('dpkg-query-debian-office.txt') }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    const byBrowser = Object.fromEntries(found.map((f) => [String(f.title.params?.browser), f]));
    expect(Object.keys(byBrowser).sort()).toEqual(['Chromium', 'Cốc Cốc', 'Google Chrome', 'Microsoft Edge', 'Mozilla Firefox ESR']);
    // Chrome 155.0.8059.20 lacks 155.0.8059.39 of 06/10: 24 days, beyond the 14 allowed.
    expect(byBrowser['Google Chrome']).toMatchObject({ status: 'warning', title: { key: 'patch:browser.behind.title', params: { installed: '155.0.8059.20', latest: '155.0.8059.39', count: 24 } } });
    expect(byBrowser['Google Chrome']!.evidence[0]).toMatchObject({ kind: 'package', version: '155.0.8059.20-1', data: { manager: 'dpkg', name: 'google-chrome-stable' } });
    // Debian's Firefox ESR 140 after ESR 140's end (13/10/2026): a violation.
    expect(byBrowser['Mozilla Firefox ESR']).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.titleEnded', params: { installed: '140.13.0', major: 140 } } });
    // Chromium's facts of 06/10 are 24 days old, more than the 14 a browser may lag: current only as of that day.
    expect(byBrowser['Chromium']).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.currentAsOf', params: { asOf: '06/10/2026', count: 24, maxBehindDays: 14 } }, detail: { key: 'patch:browser.agedDetail' }, action: { key: 'patch:browser.staleAction' } });
    // Edge's facts of 04/09 are 56 days old: not yet stale (60), but aged; a month later they are stale, and it says so.
    expect(byBrowser['Microsoft Edge']).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.currentAsOf', params: { count: 56 } }, detail: { key: 'patch:browser.agedDetail' } });
    // Cốc Cốc's Linux build: the catalog has only its Windows numbering.
    expect(byBrowser['Cốc Cốc']).toMatchObject({ status: 'unknown', reason: { key: 'patch:browser.reason.noRelease.linux' } });
    expect(found.every((f) => f.check === 'browser-patch' && f.advisoryPoint === 2)).toBe(true);
  });

  it('garbled, cut-off or hung dpkg output is unknown with the reason, never ok', async () => {
    const garbled = await check(pc([{ argv: DPKG_ARGV, stdout: 'this is not dpkg-query output\n' }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    expect(garbled).toEqual([expect.objectContaining({ status: 'unknown', reason: expect.objectContaining({ key: 'common:reason.garbled' }) })]);
    const hung = await check(pc([{ argv: DPKG_ARGV, error: 'timeout' }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    expect(hung).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'common:reason.timeout', params: expect.anything() } })]);
    const cut = rec('dpkg-query-debian-office.txt').slice(0, 60);
    const truncated = await check(pc([{ argv: DPKG_ARGV, stdout: cut }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    expect(truncated.some((f) => f.status === 'ok')).toBe(false);
    expect(truncated.some((f) => f.status === 'unknown')).toBe(true);
  });

  it('a version dpkg prints that is not a browser version is unknown naming it', async () => {
    const odd = await check(pc([{ argv: DPKG_ARGV, stdout: 'dpkg\t1.21.22\tamd64\tinstall ok installed\ngoogle-chrome-stable\tcurrent\tamd64\tinstall ok installed\n' }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    expect(odd).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'patch:browser.reason.badVersion', params: { browser: 'Google Chrome', version: 'current' } } })]);
  });
});

describe('browsers on an Ubuntu PC (snaps behind transitional debs)', () => {
  it('the snaps carry the versions; the transitional debs and a removed Chrome (config files) are not browsers', async () => {
    const found = await check(pc([{ argv: DPKG_ARGV, stdout: rec('dpkg-query-ubuntu.txt') }, absent(RPM_ARGV), { argv: SNAP_ARGV, stdout: rec('snap-list-ubuntu.txt') }, absent(FLATPAK_ARGV)], { '/snap': { type: 'dir' } }));
    expect(found.map((f) => [f.title.params?.browser, f.status, f.title.key]).sort()).toEqual([
      ['Chromium', 'ok', 'patch:browser.ok.newer'],
      ['Mozilla Firefox', 'ok', 'patch:browser.ok.currentAsOf'],
    ]);
    expect(found.find((f) => f.title.params?.browser === 'Mozilla Firefox')!.evidence[0]).toMatchObject({ version: '157.0-1', data: { manager: 'snap', name: 'firefox' } });
  });
});

describe('a vendor folder no package owns', () => {
  it('/opt/google/chrome without a package is an install whose version is unknown, said with the folder', async () => {
    const found = await check(pc([{ argv: DPKG_ARGV, stdout: 'dpkg\t1.21.22\tamd64\tinstall ok installed\n' }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)], { '/opt/google/chrome/chrome': 'ELF' }));
    expect(found).toEqual([expect.objectContaining({ status: 'unknown', title: { key: 'patch:browser.unknown.version', params: { browser: 'Google Chrome' } }, reason: { key: 'patch:browser.reason.folderNoPackage', params: { browser: 'Google Chrome', path: '/opt/google/chrome' } } })]);
    expect(found[0]!.evidence[0]).toMatchObject({ kind: 'folder', path: '/opt/google/chrome' });
  });

  it('no browser anywhere is one ok naming what was looked for', async () => {
    const found = await check(pc([{ argv: DPKG_ARGV, stdout: 'dpkg\t1.21.22\tamd64\tinstall ok installed\n' }, absent(RPM_ARGV), absent(SNAP_ARGV), absent(FLATPAK_ARGV)]));
    expect(found).toEqual([expect.objectContaining({ status: 'ok', title: expect.objectContaining({ key: 'patch:browser.ok.none' }) })]);
  });
});
