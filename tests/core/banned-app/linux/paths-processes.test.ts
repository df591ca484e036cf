import { describe, expect, it } from 'vitest';
import { judge } from '../../../../src/core/checks/banned-app/banned-app-check';
import { dpkgProbe, DPKG_ARGV } from '../../../../src/core/checks/banned-app/linux/dpkg';
import { installPathsProbe } from '../../../../src/core/checks/banned-app/linux/install-paths';
import { linuxInstallersProbe, linuxLeftoversProbe } from '../../../../src/core/checks/banned-app/linux/linux-probes';
import { linuxProcessesProbe, PS_ARGV } from '../../../../src/core/checks/banned-app/linux/processes';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../../src/core/host/fixture-host';
import { planFindings } from '../../../../src/core/remediation/plan-findings';
import { fixture, hitsOf, runProbe, zoom } from './harness';

const HOME = '/home/nguyễn';

function host(files: Record<string, FixtureNode>, commands: FixtureCommand[] = []): FixtureHost {
  return new FixtureHost({ platform: 'linux', homedir: HOME, files, commands });
}

/** /proc entries for processes: pid -> [comm, cmdline, exe?] (exe: the link's target, by default argv[0]; or a node, e.g. an error). */
function proc(list: Record<number, [string, string, (string | FixtureNode)?]>): Record<string, FixtureNode> {
  const out: Record<string, FixtureNode> = { '/proc/self': { type: 'symlink', target: '1' }, '/proc/meminfo': 'MemTotal: 1 kB\n' };
  for (const [pid, [comm, cmdline, exe]] of Object.entries(list)) {
    out[`/proc/${pid}/comm`] = `${comm}\n`;
    out[`/proc/${pid}/cmdline`] = cmdline;
    const target = exe ?? cmdline.split('\0')[0];
    if (typeof target === 'string' && target.startsWith('/')) out[`/proc/${pid}/exe`] = { type: 'symlink', target };
    else if (target && typeof target !== 'string') out[`/proc/${pid}/exe`] = target;
  }
  return out;
}

describe('/opt/zoom (install paths)', () => {
  it('belongs to the dpkg package that owns it, so package and folder make one finding', async () => {
    const h = host({ '/opt/zoom/ZoomLauncher': 'ELF' }, [
      { argv: ['dpkg-query', '-S', '/opt/zoom'], stdout: 'zoom: /opt/zoom\n' },
      { argv: DPKG_ARGV, stdout: fixture('linux', 'dpkg-query-zoom-installed.txt') },
    ]);
    const folder = hitsOf(await runProbe(installPathsProbe, h));
    expect(folder.map((x) => [x.install, x.evidence.kind, x.evidence.data])).toEqual([['dpkg:zoom', 'folder', { path: '/opt/zoom', package: 'zoom', manager: 'dpkg' }]]);
    expect(folder[0]!.evidence.label).toEqual({ key: 'bannedApp:evidence.folderOfPackage', params: { path: '/opt/zoom', package: 'zoom', manager: 'dpkg' } });
    const findings = judge(zoom(), [
      [dpkgProbe, await runProbe(dpkgProbe, h)],
      [installPathsProbe, await runProbe(installPathsProbe, h)],
    ]);
    const violations = findings.filter((f) => f.status === 'violation');
    expect(violations).toHaveLength(1);
    expect(violations[0]!.evidence.map((e) => e.kind)).toEqual(['package', 'folder']);
    expect(violations[0]!.remediation).toBe('uninstall.package');
    // The package's folder is not another user's: the plan purges the package, it is not left to a person.
    const [plan] = await planFindings(h, zoom(), violations);
    expect(plan).toMatchObject({ kind: 'uninstall', steps: [{ kind: 'run', argv: ['apt-get', 'purge', '-y', 'zoom'] }] });
    expect(plan!.why).toBeUndefined();
  });

  it('a folder of a package, seen without the package evidence, still plans that package\'s removal', async () => {
    const h = host({ '/opt/zoom/ZoomLauncher': 'ELF' }, [{ argv: ['dpkg-query', '-S', '/opt/zoom'], stdout: 'zoom: /opt/zoom\n' }]);
    const findings = judge(zoom(), [[installPathsProbe, await runProbe(installPathsProbe, h)]]);
    const [plan] = await planFindings(h, zoom(), findings.filter((f) => f.status === 'violation'));
    expect(plan).toMatchObject({ kind: 'uninstall', steps: [{ kind: 'run', argv: ['apt-get', 'purge', '-y', 'zoom'] }] });
  });

  it('a folder that only another package owns is that package\'s, not Zoom: no hit, and the looked text says whose', async () => {
    const h = host({ '/opt/zoom/ZoomLauncher': 'ELF' }, [{ argv: ['dpkg-query', '-S', '/opt/zoom'], stdout: 'zoomit-viewer: /opt/zoom\n' }]);
    const r = await runProbe(installPathsProbe, h);
    expect(hitsOf(r)).toEqual([]);
    expect(r.status === 'ran' && r.looked).toContain('/opt/zoom belongs to the dpkg package zoomit-viewer');
    // Shared by Zoom and another package: Zoom's.
    const shared = host({ '/opt/zoom/ZoomLauncher': 'ELF' }, [{ argv: ['dpkg-query', '-S', '/opt/zoom'], stdout: 'zoomit-viewer, zoom: /opt/zoom\n' }]);
    expect(hitsOf(await runProbe(installPathsProbe, shared)).map((x) => x.install)).toEqual(['dpkg:zoom']);
  });

  it('belongs to the rpm package that owns it when dpkg does not know it', async () => {
    const h = host({ '/opt/zoom': { type: 'dir' } }, [
      { argv: ['dpkg-query', '-S', '/opt/zoom'], exitCode: 1, stderr: 'dpkg-query: no path found matching pattern /opt/zoom\n' },
      { argv: ['rpm', '-qf', '--qf', '%{NAME}\\n', '/opt/zoom'], stdout: 'zoom\n' },
    ]);
    expect(hitsOf(await runProbe(installPathsProbe, h)).map((x) => x.install)).toEqual(['rpm:zoom']);
  });

  it('is a manual install of its own when no package owns it (tar.xz unpacked by hand)', async () => {
    const h = host({ '/opt/zoom/zoom': 'ELF' }, [{ argv: ['dpkg-query', '-S', '/opt/zoom'], exitCode: 1, stderr: 'dpkg-query: no path found matching pattern /opt/zoom\n' }]);
    const hits = hitsOf(await runProbe(installPathsProbe, h));
    expect(hits).toMatchObject([{ kind: 'installed', install: 'folder:/opt/zoom', remediation: 'remove.allowlisted', evidence: { kind: 'folder', path: '/opt/zoom', data: { path: '/opt/zoom' }, label: { key: 'bannedApp:evidence.folderNoPackage' } } }]);
  });

  it('is clean when the folder is absent, unknown when it cannot be looked at', async () => {
    expect(hitsOf(await runProbe(installPathsProbe, host({})))).toEqual([]);
    expect(await runProbe(installPathsProbe, host({ '/opt/zoom': { type: 'error', code: 'permission' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });
});

describe('running processes (/proc)', () => {
  it('finds zoom and ZoomWebviewHost by exact name, one finding for all; zoomer and gnome-zoom are not zoom', async () => {
    const h = host(
      proc({
        1: ['systemd', '/sbin/init\0splash\0'],
        4242: ['zoom', '/opt/zoom/zoom\0'],
        4250: ['ZoomWebviewHost', '/opt/zoom/ZoomWebviewHost\0--type=renderer\0'],
        5000: ['zoomer', '/usr/bin/zoomer\0'],
        5001: ['gnome-zoom', '/usr/bin/gnome-zoom\0'],
        5002: ['Zoom', '/home/nguyễn/Zoom\0'],
        5003: ['kworker/0:1', ''],
      }),
    );
    const hits = hitsOf(await runProbe(linuxProcessesProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.data?.pid, x.evidence.data?.name, x.evidence.data?.exe, x.evidence.data?.identity])).toEqual([
      ['process:zoom', '4242', 'zoom', '/opt/zoom/zoom', 'place'],
      ['process:zoom', '4250', 'ZoomWebviewHost', '/opt/zoom/ZoomWebviewHost', 'place'],
    ]);
    const findings = judge(zoom(), [[linuxProcessesProbe, { status: 'ran', looked: 'p', hits }]]);
    expect(findings.filter((f) => f.status === 'violation')).toHaveLength(1);
  });

  it('a zoom of another package (Debian\'s zoom-player: /usr/games/zoom) is not Zoom; the looked text says whose it is', async () => {
    const h = host(proc({ 7000: ['zoom', 'zoom\0story.z5\0', '/usr/games/zoom'] }), [
      { argv: ['dpkg-query', '-S', '/usr/games/zoom'], stdout: 'zoom-player: /usr/games/zoom\n' },
    ]);
    const r = await runProbe(linuxProcessesProbe, h);
    expect(hitsOf(r)).toEqual([]);
    expect(r.status === 'ran' && r.looked).toContain('zoom (pid 7000) is /usr/games/zoom of the dpkg package zoom-player');
  });

  it('a zoom whose program a banned package owns is Zoom by package, wherever it lies; a replaced program ("(deleted)") still counts', async () => {
    const h = host(proc({ 7001: ['zoom', 'zoom\0', '/usr/lib/zoom/zoom (deleted)'] }), [
      { argv: ['dpkg-query', '-S', '/usr/lib/zoom/zoom'], stdout: 'zoom:amd64: /usr/lib/zoom/zoom\n' },
    ]);
    const [hit] = hitsOf(await runProbe(linuxProcessesProbe, h));
    expect(hit!.evidence).toMatchObject({ path: '/usr/lib/zoom/zoom', data: { pid: '7001', exe: '/usr/lib/zoom/zoom', identity: 'package', package: 'zoom', manager: 'dpkg' }, label: { key: 'bannedApp:evidence.processOfPackage', params: { package: 'zoom' } } });
  });

  it('a zoom whose program cannot be read (another user\'s process) stays, saying it is not confirmed', async () => {
    const h = host(proc({ 7002: ['zoom', '', { type: 'error', code: 'permission' }] }));
    const [hit] = hitsOf(await runProbe(linuxProcessesProbe, h));
    expect(hit!.evidence).toMatchObject({ data: { pid: '7002', name: 'zoom', identity: 'unconfirmed' }, label: { key: 'bannedApp:evidence.processUnreadable', params: { name: 'zoom', pid: 7002 } } });
    expect(hit!.evidence.data?.exe).toBeUndefined();
    expect(hit!.evidence.detail).toContain('could not be read');
  });

  it('a zoom elsewhere that no package owns: beside ZoomLauncher it is Zoom (its own folder, the tarball); alone it is not confirmed', async () => {
    const unowned = (path: string): FixtureCommand => ({ argv: ['dpkg-query', '-S', path], exitCode: 1, stderr: `dpkg-query: no path found matching pattern ${path}\n` });
    const tarball = host({ ...proc({ 7003: ['zoom', `${HOME}/zoom/zoom\0`] }), [`${HOME}/zoom/ZoomLauncher`]: 'ELF', [`${HOME}/zoom/zoom`]: 'ELF' }, [unowned(`${HOME}/zoom/zoom`)]);
    expect(hitsOf(await runProbe(linuxProcessesProbe, tarball)).map((x) => x.evidence.data?.identity)).toEqual(['folder']);
    const alone = host({ ...proc({ 7004: ['zoom', '/tmp/x/zoom\0'] }), '/tmp/x/zoom': 'ELF' }, [unowned('/tmp/x/zoom')]);
    const [hit] = hitsOf(await runProbe(linuxProcessesProbe, alone));
    expect(hit!.evidence).toMatchObject({ data: { identity: 'unconfirmed', exe: '/tmp/x/zoom' }, label: { key: 'bannedApp:evidence.processElsewhere', params: { exe: '/tmp/x/zoom' } } });
  });

  it('a process in Zoom\'s flatpak sandbox is Zoom whatever its path inside the sandbox', async () => {
    const h = host({ ...proc({ 7005: ['zoom', '/app/zoom/zoom\0'] }), '/proc/7005/root/.flatpak-info': '[Application]\nname=us.zoom.Zoom\nruntime=runtime/org.freedesktop.Platform/x86_64/23.08\n\n[Instance]\ninstance-id=1\n' });
    expect(hitsOf(await runProbe(linuxProcessesProbe, h)).map((x) => [x.evidence.data?.identity, x.evidence.data?.package, x.evidence.data?.manager])).toEqual([['package', 'us.zoom.Zoom', 'flatpak']]);
  });

  it('matches a name longer than comm holds only when argv[0] confirms it', async () => {
    const app = { ...zoom(), linux: { ...zoom().linux, processNames: ['ZoomWebviewHostHelper'] } };
    const h = host(proc({ 10: ['ZoomWebviewHost', '/opt/zoom/ZoomWebviewHostHelper\0'], 11: ['ZoomWebviewHost', '/opt/zoom/ZoomWebviewHost\0'] }));
    expect(hitsOf(await runProbe(linuxProcessesProbe, h, app)).map((x) => x.evidence.data?.pid)).toEqual(['10']);
  });

  it('falls back to ps when /proc cannot be listed', async () => {
    const ps = '    1 systemd\n 4242 zoom\n 5000 zoomer\n 6000 Web Content\n';
    const h = host({ '/proc': { type: 'error', code: 'permission' } }, [{ argv: PS_ARGV, stdout: ps }]);
    expect(hitsOf(await runProbe(linuxProcessesProbe, h)).map((x) => x.evidence.data?.pid)).toEqual(['4242']);
  });

  it('is unknown when neither /proc nor ps can be read, and on garbled ps output', async () => {
    expect(await runProbe(linuxProcessesProbe, host({}, [{ argv: PS_ARGV, error: 'timeout' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.timeout' } });
    expect(await runProbe(linuxProcessesProbe, host({}, [{ argv: PS_ARGV, stdout: 'PID COMMAND\n' }]))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
    expect(await runProbe(linuxProcessesProbe, host({}, [{ argv: PS_ARGV, stdout: '' }]))).toMatchObject({ status: 'unknown' });
  });

  it('asks ps when a /proc read fails for any reason but "the process ended", and is unknown when ps cannot answer', async () => {
    const unreadable = { '/proc/1/comm': { type: 'error', code: 'permission' }, '/proc/2/comm': { type: 'error', code: 'permission' } } as const;
    expect(await runProbe(linuxProcessesProbe, host(unreadable))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.toolMissing', params: { tool: 'ps' } } });
    // Too many open files (EMFILE is an i/o error) while reading one pid: that pid could be Zoom, so ps is asked.
    const tooMany = { '/proc/1/comm': 'systemd\n', '/proc/4242/comm': { type: 'error', code: 'io' } } as const;
    const viaPs = await runProbe(linuxProcessesProbe, host(tooMany, [{ argv: PS_ARGV, stdout: '      1 systemd\n   4242 zoom\n' }]));
    expect(hitsOf(viaPs).map((x) => x.evidence.data?.pid)).toEqual(['4242']);
  });
});

describe('installers and leftovers under a Vietnamese home', () => {
  it('finds installers in ~/Downloads, ~/Desktop and the localized XDG folders, with size; never zoom.txt', async () => {
    const h = host({
      [`${HOME}/.config/user-dirs.dirs`]: fixture('linux', 'user-dirs.dirs'),
      [`${HOME}/Downloads/zoom_amd64.deb`]: 'deb'.repeat(10),
      [`${HOME}/Downloads/zoom.txt`]: 'notes',
      [`${HOME}/Downloads/zoomer_amd64.deb`]: 'x',
      [`${HOME}/Desktop/Zoom.pkg`]: 'pkg',
      [`${HOME}/Tải về/zoom_x86_64.rpm`]: 'rpm!',
      [`${HOME}/Màn hình nền/ZoomInstallerFull.exe`]: 'MZ',
      [`${HOME}/Tải về/cài đặt`]: { type: 'dir' },
    });
    const hits = hitsOf(await runProbe(linuxInstallersProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.data?.size]).sort()).toEqual([
      [`installer:${HOME}/Desktop/Zoom.pkg`, '3'],
      [`installer:${HOME}/Downloads/zoom_amd64.deb`, '30'],
      [`installer:${HOME}/Màn hình nền/ZoomInstallerFull.exe`, '2'],
      [`installer:${HOME}/Tải về/zoom_x86_64.rpm`, '4'],
    ]);
    expect(hits[0]).toMatchObject({ kind: 'installer', remediation: 'remove.installer', evidence: { kind: 'installer' } });
  });

  it('finds ~/.zoom and ~/.config/zoomus.conf as leftovers (folder, and file with size)', async () => {
    const h = host({ [`${HOME}/.zoom/logs/a.log`]: 'x', [`${HOME}/.config/zoomus.conf`]: '[General]\nkey=1\n', [`${HOME}/.zoomer`]: { type: 'dir' } });
    const hits = hitsOf(await runProbe(linuxLeftoversProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.kind, x.evidence.data?.size])).toEqual([
      [`leftover:${HOME}/.zoom`, 'folder', undefined],
      [`leftover:${HOME}/.config/zoomus.conf`, 'file', '16'],
    ]);
  });

  it('is unknown when a leftover path or an installer folder cannot be read and nothing was found', async () => {
    expect(await runProbe(linuxLeftoversProbe, host({ [`${HOME}/.zoom`]: { type: 'error', code: 'permission' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
    expect(await runProbe(linuxInstallersProbe, host({ [`${HOME}/Downloads`]: { type: 'error', code: 'permission' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });
});
