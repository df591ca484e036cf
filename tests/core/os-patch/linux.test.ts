import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../src/core/checks/os-patch/linux-release';
import { parseAptCheck, parseAptSimulate, parseDnfSecurity } from '../../../src/core/checks/os-patch/linux-updates';
import { osPatchCheck } from '../../../src/core/checks/os-patch/os-patch-check';
import { runChecks } from '../../../src/core/engine';
import type { RunOptions } from '../../../src/core/host/host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { apt, builtinInUse, byTitle, linuxHost, rec, runOsPatch, summary } from './fixtures';

const DAY = 86_400_000;

describe('os-patch on Linux (recorded os-release, apt and dnf outputs)', () => {
  it('parses os-release with quotes and without VERSION_ID', () => {
    expect(parseOsRelease(rec('linux/os-release.ubuntu1804'))).toMatchObject({ id: 'ubuntu', versionId: '18.04', codename: 'bionic', idLike: ['debian'], prettyName: 'Ubuntu 18.04.6 LTS' });
    expect(parseOsRelease(rec('linux/os-release.debian-sid'))?.versionId).toBeUndefined();
    expect(parseOsRelease('garbage\n\u0000\u0001')).toBeNull();
    expect(parseOsRelease('')).toBeNull();
  });

  it('parses apt-get -s upgrade as root and as a user; refuses truncated, garbled and empty output', () => {
    const root = parseAptSimulate(rec('linux/apt-get-s-upgrade.debian12-root.txt'));
    expect(root?.count).toBe(114);
    expect(root?.security).toBe(74);
    expect(parseAptSimulate(rec('linux/apt-get-s-upgrade.ubuntu1804-user.txt'))).toMatchObject({ count: 3, security: 2 });
    expect(parseAptSimulate(rec('linux/apt-get-s-upgrade.none.txt'))).toMatchObject({ count: 0, security: 0 });
    expect(parseAptSimulate(rec('linux/apt-get-s-upgrade.truncated.txt'))).toBeNull();
    expect(parseAptSimulate(rec('linux/apt-get-s-upgrade.garbled.txt'))).toBeNull();
    expect(parseAptSimulate('')).toBeNull();
    expect(parseAptCheck('14;6\n')).toEqual({ count: 14, security: 6 });
    expect(parseAptCheck('E: lỗi\n')).toBeNull();
    expect(parseDnfSecurity(rec('linux/dnf-updateinfo-security.fedora40.txt'))).toEqual({ count: 3 });
    expect(parseDnfSecurity('')).toEqual({ count: 0 });
    expect(parseDnfSecurity('Lỗi: không tải được siêu dữ liệu\n')).toBeNull();
  });

  it('Debian 12 during LTS with pending security updates: supported ok plus a pending warning', async () => {
    const now = '2026-08-01T00:00:00Z';
    const host = linuxHost('os-release.debian12', { apt: apt('apt-get-s-upgrade.debian12-root.txt'), files: { '/var/lib/apt/lists': { type: 'dir', mtimeMs: Date.parse(now) - DAY } } });
    const f = await runOsPatch(host, now);
    expect(summary(f).sort()).toEqual(['ok patch:ok.supported', 'warning patch:pending.titleSecurity']);
    expect(byTitle(f, 'patch:ok')?.title.params).toMatchObject({ until: '30/06/2028', via: 'lts' });
    expect(byTitle(f, 'patch:pending')?.title.params).toMatchObject({ count: 114, security: 74 });
    // The source is the evidence's, not the title's.
    expect(byTitle(f, 'patch:pending')?.title.params).not.toHaveProperty('tool');
    expect(byTitle(f, 'patch:pending')?.evidence.find((e) => e.kind === 'update' && e.label?.key === 'patch:evidence.pending')?.label?.params).toMatchObject({ tool: 'apt-get -s upgrade' });
  });

  it('Debian 10 is past its LTS end: a violation with the date', async () => {
    const f = await runOsPatch(linuxHost('os-release.debian10'), '2026-01-01T00:00:00Z');
    expect(byTitle(f, 'patch:eol.title')).toMatchObject({ status: 'violation', title: { params: { ended: '30/06/2024' } } });
  });

  it('Ubuntu 18.04 without ESM is a violation from 31/05/2023; with an ESM source it is supported until 2028', async () => {
    const plain = await runOsPatch(linuxHost('os-release.ubuntu1804', { apt: apt('apt-get-s-upgrade.ubuntu1804-user.txt') }), '2026-01-01T00:00:00Z');
    expect(byTitle(plain, 'patch:eol.title')?.title.params).toMatchObject({ ended: '31/05/2023' });
    const esm = await runOsPatch(
      linuxHost('os-release.ubuntu1804', { apt: apt('apt-get-s-upgrade.ubuntu1804-user.txt'), files: { '/etc/apt/sources.list.d/ubuntu-esm-infra.list': 'deb https://esm.ubuntu.com/infra/ubuntu bionic-infra-security main\n' } }),
      '2026-01-01T00:00:00Z',
    );
    expect(esm.some((x) => x.status === 'violation')).toBe(false);
    expect(byTitle(esm, 'patch:ok')?.title.params).toMatchObject({ until: '26/04/2028', via: 'esm' });
  });

  it('stale package lists and a pending restart are warnings', async () => {
    const now = '2026-08-01T00:00:00Z';
    const host = linuxHost('os-release.debian12', {
      files: { '/var/lib/apt/lists': { type: 'dir', mtimeMs: Date.parse(now) - 45 * DAY }, '/var/run/reboot-required': '*** System restart required ***\n' },
    });
    const f = await runOsPatch(host, now);
    expect(summary(f).sort()).toEqual(['ok patch:ok.supported', 'warning patch:listsStale.title', 'warning patch:reboot.title']);
    expect(byTitle(f, 'patch:listsStale')?.title.params).toMatchObject({ count: 45 });
  });

  it.each([
    ['truncated', apt('apt-get-s-upgrade.truncated.txt'), 'common:reason.garbled'],
    ['garbled', apt('apt-get-s-upgrade.garbled.txt'), 'common:reason.garbled'],
    ['empty', apt('apt-get-s-upgrade.none.txt', { stdout: '' }), 'common:reason.garbled'],
    ['failing', apt('apt-get-s-upgrade.none.txt', { stdout: '', stderr: rec('linux/apt-get-s-upgrade.error-stderr.txt'), exitCode: 100 }), 'common:reason.exitCode'],
    ['hung', apt('apt-get-s-upgrade.none.txt', { error: 'timeout' }), 'common:reason.timeout'],
  ])('%s apt output gives an unknown for pending updates', async (_n, answer, reason) => {
    const f = await runOsPatch(linuxHost('os-release.debian12', { apt: answer }), '2026-08-01T00:00:00Z');
    expect(byTitle(f, 'patch:unknown.pending')?.reason?.key).toBe(reason);
    expect(byTitle(f, 'patch:ok')).toBeDefined();
  });

  it('a distribution the catalog does not know is unknown; testing/sid too', async () => {
    const arch = await runOsPatch(linuxHost('os-release.arch', { apt: null }), '2026-08-01T00:00:00Z');
    expect(byTitle(arch, 'patch:unknown.lifecycle')?.reason).toEqual({ key: 'patch:reason.unknownDistro', params: { release: 'Arch Linux' } });
    expect(arch.some((x) => x.status === 'violation')).toBe(false);
    const sid = await runOsPatch(linuxHost('os-release.debian-sid'), '2026-08-01T00:00:00Z');
    expect(byTitle(sid, 'patch:unknown.lifecycle')?.reason?.key).toBe('patch:reason.rollingRelease');
  });

  it('RPM systems: pending security updates from dnf', async () => {
    const host = linuxHost('os-release.fedora40', { apt: null, commands: [{ argv: ['dnf', '-q', 'updateinfo', 'list', 'security'], stdout: rec('linux/dnf-updateinfo-security.fedora40.txt') }] });
    const f = await runOsPatch(host, '2026-08-01T00:00:00Z');
    expect(byTitle(f, 'patch:pending')?.title.params).toMatchObject({ count: 3, security: 3 });
    // The source is the evidence's, not the title's.
    expect(byTitle(f, 'patch:pending')?.title.params).not.toHaveProperty('tool');
    expect(byTitle(f, 'patch:pending')?.evidence.find((e) => e.kind === 'update' && e.label?.key === 'patch:evidence.pending')?.label?.params).toMatchObject({ tool: 'dnf updateinfo' });
    expect(byTitle(f, 'patch:unknown.lifecycle')).toBeDefined();
  });

  it('no os-release at all gives an unknown OS', async () => {
    const { FixtureHost } = await import('../../../src/core/host/fixture-host');
    const f = await runOsPatch(new FixtureHost({ platform: 'linux', homedir: '/home/an' }), '2026-08-01T00:00:00Z');
    expect(summary(f)).toEqual(['unknown patch:unknown.os']);
    expect(f[0]!.reason?.key).toBe('patch:reason.noOsRelease');
  });

  it('prefers the system distro-info CSV when it is newer than the catalog', async () => {
    // A CSV dated after the catalog that moves Debian 12's LTS end earlier: the CSV must win.
    const csv = rec('distro-info/debian.csv').replace('12,Bookworm,bookworm,2021-08-14,2023-06-10,2026-07-11,2028-06-30', '12,Bookworm,bookworm,2021-08-14,2023-06-10,2026-07-11,2026-07-20');
    const host = linuxHost('os-release.debian12', { files: { '/usr/share/distro-info/debian.csv': { type: 'file', content: csv, mtimeMs: Date.parse('2026-09-01T00:00:00Z') } } });
    const f = await runOsPatch(host, '2026-10-01T00:00:00Z');
    expect(byTitle(f, 'patch:eol.title')?.title.params).toMatchObject({ ended: '20/07/2026' });
    // An older CSV loses to the catalog.
    const old = linuxHost('os-release.debian12', { files: { '/usr/share/distro-info/debian.csv': { type: 'file', content: csv, mtimeMs: Date.parse('2025-10-18T00:00:00Z') } } });
    expect(byTitle(await runOsPatch(old, '2026-10-01T00:00:00Z'), 'patch:ok')).toBeDefined();
  });
});

describe('os-patch on Linux: the pending-updates command does not wait for the catalog', () => {
  it('apt-get runs while the catalog is still being found; the result is judged with it once found', async () => {
    const host = linuxHost('os-release.debian12');
    let found: ((c: ReturnType<typeof builtinInUse>) => void) | undefined;
    let aptBeforeCatalog = false;
    const run = host.run.bind(host);
    // The catalog is found only when apt-get has been started: a check that waited for it first would never end.
    const watched = Object.assign(host, { run: (argv: readonly string[], o?: RunOptions) => (argv[0] === 'apt-get' && found && ((aptBeforeCatalog = true), found(builtinInUse())), run(argv, o)) });
    const check = osPatchCheck({ catalog: () => new Promise((resolve) => (found = resolve)) });
    const f = await check.run({ host: watched, policy: builtinPolicy(), now: new Date('2026-08-01T00:00:00Z') });
    expect(aptBeforeCatalog).toBe(true);
    expect(summary(f)).toEqual(summary(await runOsPatch(linuxHost('os-release.debian12'), '2026-08-01T00:00:00Z')));
  }, 10_000);

  it('a catalog that cannot be found still fails the check (the engine says so), even after the probe ran', async () => {
    const check = osPatchCheck({ catalog: () => new Promise((_, reject) => setTimeout(() => reject(new Error('catalog folder: io error')), 10)) });
    const report = await runChecks({ host: linuxHost('os-release.debian12'), policy: builtinPolicy(), now: new Date('2026-08-01T00:00:00Z') }, { checks: [check] });
    expect(report.findings).toEqual([expect.objectContaining({ status: 'unknown', reason: expect.objectContaining({ key: 'common:reason.checkCrashed', params: expect.objectContaining({ message: expect.stringMatching(/catalog folder: io error/) }) }) })]);
  });
});
