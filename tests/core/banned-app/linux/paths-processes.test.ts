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

/** /proc entries for processes: pid -> [comm, cmdline]. */
function proc(list: Record<number, [string, string]>): Record<string, FixtureNode> {
  const out: Record<string, FixtureNode> = { '/proc/self': { type: 'symlink', target: '1' }, '/proc/meminfo': 'MemTotal: 1 kB\n' };
  for (const [pid, [comm, cmdline]] of Object.entries(list)) {
    out[`/proc/${pid}/comm`] = `${comm}\n`;
    out[`/proc/${pid}/cmdline`] = cmdline;
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

  it('a folder owned by a package the policy does not name is not removed by any manager', async () => {
    const h = host({ '/opt/zoom/ZoomLauncher': 'ELF' }, [{ argv: ['dpkg-query', '-S', '/opt/zoom'], stdout: 'zoomit-viewer: /opt/zoom\n' }]);
    const findings = judge(zoom(), [[installPathsProbe, await runProbe(installPathsProbe, h)]]);
    const [plan] = await planFindings(h, zoom(), findings.filter((f) => f.status === 'violation'));
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.unknownPackage', params: { name: 'zoomit-viewer', manager: 'dpkg' } } });
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
    expect(hits.map((x) => [x.install, x.evidence.data?.pid, x.evidence.data?.name, x.evidence.data?.exe])).toEqual([
      ['process:zoom', '4242', 'zoom', '/opt/zoom/zoom'],
      ['process:zoom', '4250', 'ZoomWebviewHost', '/opt/zoom/ZoomWebviewHost'],
    ]);
    const findings = judge(zoom(), [[linuxProcessesProbe, { status: 'ran', looked: 'p', hits }]]);
    expect(findings.filter((f) => f.status === 'violation')).toHaveLength(1);
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
