import { describe, expect, it } from 'vitest';
import { compareVersions, macosMajor, parseSoftwareUpdate, parseSwVers } from '../../../src/core/checks/os-patch/macos-probe';
import { byTitle, macHost, rec, runOsPatch, scenarioCatalog, summary } from './fixtures';

describe('os-patch on macOS (recorded sw_vers and softwareupdate outputs)', () => {
  it('parses sw_vers, old and new spellings, and refuses an empty version', () => {
    expect(parseSwVers(rec('macos/sw_vers.26.5.txt'))).toEqual({ productName: 'macOS', version: '26.5', build: '25F71' });
    expect(parseSwVers(rec('macos/sw_vers.10.15.7.txt'))).toEqual({ productName: 'Mac OS X', version: '10.15.7', build: '19H2026' });
    expect(parseSwVers(rec('macos/sw_vers.empty-version.txt'))).toBeNull();
    expect(parseSwVers('')).toBeNull();
    expect(macosMajor('10.15.7')).toBe(10.15);
    expect(compareVersions('15.7.2', '15.7.7')).toBeLessThan(0);
    expect(compareVersions('26.5', '26.5.0')).toBe(0);
  });

  it('macOS 12 Monterey is past support: a violation with the date of its last security update', async () => {
    const f = await runOsPatch(macHost('sw_vers.12.7.6.txt', null), '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['violation patch:eol.title']);
    expect(f[0]!.title.params).toMatchObject({ ended: '29/07/2024' });
    expect(String(f[0]!.title.params?.os)).toContain('Monterey 12.7.6');
  });

  it('a current macOS with no pending update is ok, with the version and the catalog date as evidence', async () => {
    const f = await runOsPatch(macHost('sw_vers.26.5.txt'), '2026-06-01T00:00:00Z');
    expect(summary(f)).toEqual(['ok patch:ok.currentNoEnd']);
    expect(f[0]!.evidence.find((e) => e.kind === 'os')?.version).toBe('26.5');
    expect(f[0]!.evidence.find((e) => e.kind === 'catalog')?.version).toBe(scenarioCatalog().asOf);
  });

  it('an older point release more than maxBehindDays behind is a warning; pending updates too', async () => {
    const f = await runOsPatch(macHost('sw_vers.15.7.2.txt', { stdout: rec('macos/softwareupdate.two.stdout.txt'), stderr: '' }), '2026-07-01T00:00:00Z');
    expect(summary(f).sort()).toEqual(['warning patch:behind.title', 'warning patch:pending.titleSecurity']);
    expect(byTitle(f, 'patch:behind.title')?.title.params).toMatchObject({ installed: '15.7.2', latest: '15.7.7', count: 51 });
    expect(byTitle(f, 'patch:pending')?.title.params).toMatchObject({ count: 2, security: 1 });
  });

  it('at the latest known version but with updates pending: supported, without claiming it has the latest update', async () => {
    const f = await runOsPatch(macHost('sw_vers.26.5.txt', { stdout: rec('macos/softwareupdate.two.stdout.txt'), stderr: '' }), '2026-06-01T00:00:00Z');
    expect(summary(f).sort()).toEqual(['ok patch:ok.supportedNoEnd', 'warning patch:pending.titleSecurity']);
  });

  it('offline or hung softwareupdate gives unknown, never ok', async () => {
    const offline = await runOsPatch(macHost('sw_vers.26.5.txt', { stdout: rec('macos/softwareupdate.offline.stdout.txt'), stderr: rec('macos/softwareupdate.offline.stderr.txt') }), '2026-06-01T00:00:00Z');
    expect(byTitle(offline, 'patch:unknown.pending')?.reason?.key).toBe('patch:reason.softwareupdateNoAnswer');
    const hung = await runOsPatch(macHost('sw_vers.26.5.txt', { error: 'timeout' }), '2026-06-01T00:00:00Z');
    expect(byTitle(hung, 'patch:unknown.pending')?.reason?.key).toBe('common:reason.timeout');
    const silent = await runOsPatch(macHost('sw_vers.26.5.txt', { stdout: '', stderr: '' }), '2026-06-01T00:00:00Z');
    expect(byTitle(silent, 'patch:unknown.pending')).toBeDefined();
    expect(parseSoftwareUpdate('Software Update Tool\n\nFinding available software\n', 'No new software available.\n')).toEqual({ kind: 'none', tool: 'softwareupdate' });
  });

  it('a macOS the catalog does not know (27, newer than the catalog) is unknown, not a violation', async () => {
    const f = await runOsPatch(macHost('sw_vers.27.1.txt'), '2026-11-01T00:00:00Z');
    expect(f.some((x) => x.status === 'violation')).toBe(false);
    expect(byTitle(f, 'patch:unknown.lifecycle')?.reason).toEqual({ key: 'patch:reason.unknownRelease', params: { release: 'macOS 27' } });
  });

  it('garbled or missing sw_vers gives an unknown OS with the reason', async () => {
    const empty = await runOsPatch(macHost('sw_vers.empty-version.txt'), '2026-06-01T00:00:00Z');
    expect(empty[0]!.reason?.key).toBe('common:reason.garbled');
    const { FixtureHost } = await import('../../../src/core/host/fixture-host');
    const none = await runOsPatch(new FixtureHost({ platform: 'darwin', homedir: '/Users/an' }), '2026-06-01T00:00:00Z');
    expect(none[0]!.reason?.key).toBe('common:reason.toolMissing');
  });
});
