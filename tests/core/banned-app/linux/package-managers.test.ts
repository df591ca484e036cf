import { describe, expect, it } from 'vitest';
import { FLATPAK_ARGV, flatpakProbe } from '../../../../src/core/checks/banned-app/linux/flatpak';
import { RPM_ARGV, rpmProbe } from '../../../../src/core/checks/banned-app/linux/rpm';
import { SNAP_ARGV, snapProbe } from '../../../../src/core/checks/banned-app/linux/snap';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../../src/core/host/fixture-host';
import { fixture, hitsOf, runProbe } from './harness';

function host(commands: FixtureCommand[], files: Record<string, FixtureNode> = {}, homedir = '/home/nguyễn'): FixtureHost {
  return new FixtureHost({ platform: 'linux', homedir, files, commands });
}

describe('rpm probe (recorded rpm -qa output)', () => {
  it('finds zoom with epoch-less version-release and arch; never zoomer or libzoom', async () => {
    const hits = hitsOf(await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: fixture('linux', 'rpm-qa-zoom.txt') }])));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'installed', install: 'rpm:zoom', evidence: { version: '6.1.11.1545-1', data: { manager: 'rpm', name: 'zoom', arch: 'x86_64' } } });
  });

  it('runs clean without zoom', async () => {
    expect(hitsOf(await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: fixture('linux', 'rpm-qa-clean.txt') }])))).toEqual([]);
  });

  it('is clean on empty output when there is no rpm database file (rpm tool on Debian)', async () => {
    expect(hitsOf(await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: '' }], { '/var/lib/rpm': { type: 'dir' } })))).toEqual([]);
  });

  it('is unknown on empty output when an rpm database exists', async () => {
    const r = await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: '' }], { '/var/lib/rpm/rpmdb.sqlite': 'SQLite format 3\0' }));
    expect(r).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:linux.reason.emptyDatabase', params: { tool: 'rpm' } } });
  });

  it('is unknown on garbled and on truncated output', async () => {
    const garbled = await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: 'bash-5.2.26-1.fc40.x86_64\nkernel-core-6.8.9-300.fc40.x86_64\n' }]));
    expect(garbled).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    const cut = await runProbe(rpmProbe, host([{ argv: RPM_ARGV, stdout: fixture('linux', 'rpm-qa-clean.txt').slice(0, 40) }]));
    expect(cut).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:linux.reason.truncated' } });
  });

  it('is unknown on a timeout, and on a missing tool when the database folder exists', async () => {
    expect(await runProbe(rpmProbe, host([{ argv: RPM_ARGV, error: 'timeout' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
    expect(await runProbe(rpmProbe, host([], { '/usr/lib/sysimage/rpm/rpmdb.sqlite': 'x' }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing' } });
  });

  it('does not apply without rpm and its database', async () => {
    expect((await runProbe(rpmProbe, host([]))).status).toBe('not-applicable');
  });
});

describe('snap probe (recorded snap list output)', () => {
  it('finds zoom-client with version and revision; the header and zoomer are not hits', async () => {
    const hits = hitsOf(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: fixture('linux', 'snap-list-zoom.txt') }])));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ install: 'snap:zoom-client', evidence: { version: '6.0.2.4680', data: { manager: 'snap', name: 'zoom-client', revision: '225' } } });
  });

  it('finds a parallel instance zoom-client_work', async () => {
    const out = 'Name              Version     Rev  Tracking       Publisher  Notes\nzoom-client_work  6.0.2.4680  225  latest/stable  ogra       -\n';
    expect(hitsOf(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: out }]))).map((h) => h.install)).toEqual(['snap:zoom-client_work']);
  });

  it('is clean with snaps but no zoom, and with "No snaps are installed yet"', async () => {
    expect(hitsOf(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: fixture('linux', 'snap-list-clean.txt') }])))).toEqual([]);
    expect(hitsOf(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: '', stderr: fixture('linux', 'snap-none-stderr.txt') }])))).toEqual([]);
  });

  it('is unknown when snapd does not answer, on empty output, garbled output and a timeout', async () => {
    const noSnapd = await runProbe(snapProbe, host([{ argv: SNAP_ARGV, exitCode: 1, stderr: fixture('linux', 'snap-no-snapd-stderr.txt') }]));
    expect(noSnapd).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.exitCode', params: { tool: 'snap', code: 1 } } });
    expect(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: '' }]))).toMatchObject({ status: 'unknown' });
    expect(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, stdout: '<html>proxy error</html>\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await runProbe(snapProbe, host([{ argv: SNAP_ARGV, error: 'timeout' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
  });

  it('is unknown when snap is missing but /snap exists; not applicable when neither', async () => {
    expect(await runProbe(snapProbe, host([], { '/snap': { type: 'dir' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing' } });
    expect((await runProbe(snapProbe, host([]))).status).toBe('not-applicable');
  });
});

describe('flatpak probe (recorded flatpak list output)', () => {
  it('finds us.zoom.Zoom system-wide and per-user as two installs; com.example.zoomer is not a hit', async () => {
    const hits = hitsOf(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, stdout: fixture('linux', 'flatpak-list-zoom.txt') }])));
    expect(hits.map((h) => [h.install, h.evidence.version, h.evidence.data?.scope])).toEqual([
      ['flatpak:system:us.zoom.Zoom', '6.0.2.4680', 'system'],
      ['flatpak:user:us.zoom.Zoom', '6.1.0.198', 'user'],
    ]);
    expect(hits[0]!.evidence.data).toMatchObject({ manager: 'flatpak', name: 'us.zoom.Zoom' });
  });

  it('is clean without zoom and with no app at all (empty output is normal)', async () => {
    expect(hitsOf(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, stdout: fixture('linux', 'flatpak-list-clean.txt') }])))).toEqual([]);
    expect(hitsOf(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, stdout: '' }])))).toEqual([]);
  });

  it('skips the header a terminal-style output carries', async () => {
    const out = 'Application ID\tVersion\tInstallation\nus.zoom.Zoom\t6.1.0.198\tsystem\n';
    expect(hitsOf(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, stdout: out }]))).map((h) => h.install)).toEqual(['flatpak:system:us.zoom.Zoom']);
  });

  it('falls back to the deploy folders when flatpak is too old for --columns (per-user under a Vietnamese home)', async () => {
    const h = host([{ argv: FLATPAK_ARGV, exitCode: 1, stderr: fixture('linux', 'flatpak-old-stderr.txt') }], {
      '/var/lib/flatpak/app/org.gnome.Calculator': { type: 'dir' },
      '/home/nguyễn/.local/share/flatpak/app/us.zoom.Zoom/current': { type: 'symlink', target: 'x86_64/stable' },
      '/home/nguyễn/.local/share/flatpak/app/us.zoom.Zoom/x86_64/stable': { type: 'dir' },
    });
    const r = await runProbe(flatpakProbe, h);
    expect(hitsOf(r).map((x) => [x.install, x.evidence.path])).toEqual([['flatpak:user:us.zoom.Zoom', '/home/nguyễn/.local/share/flatpak/app/us.zoom.Zoom']]);
  });

  it('is unknown on a timeout and on garbled output; not applicable with no flatpak at all', async () => {
    expect(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, error: 'timeout' }], { '/var/lib/flatpak': { type: 'dir' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
    expect(await runProbe(flatpakProbe, host([{ argv: FLATPAK_ARGV, stdout: 'Zoom 6.1 system\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect((await runProbe(flatpakProbe, host([]))).status).toBe('not-applicable');
  });

  it('is unknown when flatpak fails and the system installation cannot be read', async () => {
    const h = host([{ argv: FLATPAK_ARGV, exitCode: 1, stderr: 'error: x' }], { '/var/lib/flatpak': { type: 'error', code: 'permission' } });
    expect(await runProbe(flatpakProbe, h)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });
});
