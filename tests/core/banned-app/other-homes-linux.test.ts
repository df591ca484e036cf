import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/checks/banned-app/banned-app-check';
import { otherUsersFlatpakProbe, otherUsersInstallersProbe, otherUsersLeftoversProbe } from '../../../src/core/checks/banned-app/linux/other-users-probes';
import { linuxProbes } from '../../../src/core/checks/banned-app/linux/linux-probes';
import { isPerson, parsePasswd } from '../../../src/core/checks/banned-app/linux/passwd-parse';
import { listOtherHomes } from '../../../src/core/checks/banned-app/other-homes';
import type { Probe } from '../../../src/core/checks/banned-app/probe';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import { ctxOf, fixture, hitsOf, runProbe, zoom } from './linux/harness';

const FLATPAK = '.local/share/flatpak/app/us.zoom.Zoom';
const METAINFO = `${FLATPAK}/current/active/files/share/metainfo/us.zoom.Zoom.metainfo.xml`;
/** The homes that exist on the recorded office PC (da-nghi has an account but no home). */
const HOMES = ['/root', '/home/lan', '/home/nguyễn', '/home/hoa', '/home/sao-luu', '/home/ftp-cu', '/home/minh'];

/** A Linux PC with the office passwd, run by lan (uid 1000) or by root; more files on top. */
function pc(files: Record<string, FixtureNode> = {}, uid = '1000', passwd: FixtureNode = fixture('linux', 'passwd-office.txt')): FixtureHost {
  const dirs = Object.fromEntries(HOMES.map((h) => [h, { type: 'dir' } as FixtureNode]));
  return new FixtureHost({
    platform: 'linux',
    homedir: uid === '0' ? '/root' : '/home/lan',
    files: { '/etc/passwd': passwd, ...dirs, ...files },
    commands: [{ argv: ['id', '-u'], stdout: `${uid}\n` }],
  });
}

describe('/etc/passwd', () => {
  it('reads people (uid 1000..65533, a login shell; empty = /bin/sh) and leaves services, nologin/false and nobody out', () => {
    const p = parsePasswd(fixture('linux', 'passwd-office.txt'));
    expect(p.bad).toEqual([]);
    expect(p.entries.filter(isPerson).map((e) => [e.name, e.home])).toEqual([
      ['lan', '/home/lan'],
      ['nguyễn', '/home/nguyễn'],
      ['hoa', '/home/hoa'],
      ['da-nghi', '/home/da-nghi'],
      ['minh', '/home/minh'],
    ]);
  });

  it('skips comments and NIS lines but reports garbled and cut-short lines', () => {
    const p = parsePasswd(fixture('linux', 'passwd-garbled.txt'));
    expect(p.entries.map((e) => e.name)).toEqual(['root', 'daemon', 'lan']);
    expect(p.bad).toEqual(['hoa:x:1O02:1002::/home/hoa:/usr/bin/zsh', 'mai:x:1007:1007:Ph\uFFFD\uFFFDng Mai:/home/mai:/bin/bash', 'tuan:x:1008:10']);
    expect(parsePasswd(fixture('linux', 'passwd-truncated.txt')).bad).toEqual(['quang:x:1009:1009::/ho']);
  });
});

describe('other homes on Linux', () => {
  it('are the people with a home folder, never the current one; root only when we are root', async () => {
    expect(await listOtherHomes(pc())).toEqual({ homes: [{ user: 'nguyễn', home: '/home/nguyễn' }, { user: 'hoa', home: '/home/hoa' }, { user: 'minh', home: '/home/minh' }], problem: null, privileged: false });
    const asRoot = await listOtherHomes(pc({}, '0'));
    expect(asRoot.privileged).toBe(true);
    // root's own home is the current one here; lan is now another user.
    expect(asRoot.homes.map((h) => h.user)).toEqual(['lan', 'nguyễn', 'hoa', 'minh']);
  });

  it('takes root\'s home as another one when root runs with a person\'s HOME (sudo keeping HOME)', async () => {
    const h = new FixtureHost({ platform: 'linux', homedir: '/home/lan', files: { '/etc/passwd': fixture('linux', 'passwd-office.txt'), '/root': { type: 'dir' }, '/home/hoa': { type: 'dir' } }, commands: [{ argv: ['id', '-u'], stdout: '0\n' }] });
    expect((await listOtherHomes(h)).homes.map((x) => x.home)).toEqual(['/root', '/home/hoa']);
  });

  it('a missing user database means nobody else to look for; an unreadable or garbled one is a problem', async () => {
    const none = new FixtureHost({ platform: 'linux', homedir: '/home/lan' });
    expect(await runProbe(otherUsersLeftoversProbe, none)).toMatchObject({ status: 'not-applicable' });
    expect(await runProbe(otherUsersLeftoversProbe, pc({}, '1000', { type: 'error', code: 'permission' }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission', params: { path: '/etc/passwd' } } });
    expect(await runProbe(otherUsersLeftoversProbe, pc({}, '1000', fixture('linux', 'passwd-garbled.txt')))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled', params: { tool: '/etc/passwd', sample: 'hoa:x:1O02:1002::/home/hoa:/usr/bin/zsh' } } });
    expect(await runProbe(otherUsersLeftoversProbe, pc({}, '1000', ''))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.garbled' } });
  });

  it('hits still count when the user database is garbled', async () => {
    const h = pc({ '/home/lan/.zoom': { type: 'dir' } }, '0', fixture('linux', 'passwd-garbled.txt'));
    expect(hitsOf(await runProbe(otherUsersLeftoversProbe, h)).map((x) => x.install)).toEqual(['leftover:/home/lan/.zoom']);
  });
});

describe('per-user Zoom of other Linux users', () => {
  it('finds hoa\'s flatpak user install from its deploy folder, with the version of its AppStream file and one identity per user', async () => {
    const h = pc({
      [`/home/hoa/${METAINFO}`]: fixture('linux', 'us.zoom.Zoom.metainfo.xml'),
      [`/home/minh/${FLATPAK}`]: { type: 'dir' },
      '/home/lan/.local/share/flatpak/app/us.zoom.Zoom': { type: 'dir' },
    });
    const hits = hitsOf(await runProbe(otherUsersFlatpakProbe, h));
    expect(hits.map((x) => [x.install, x.evidence.version, x.evidence.data])).toEqual([
      ['flatpak:user:hoa:us.zoom.Zoom', '6.2.0.1855', { manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'user', installation: 'user', version: '6.2.0.1855', user: 'hoa', home: '/home/hoa' }],
      ['flatpak:user:minh:us.zoom.Zoom', undefined, { manager: 'flatpak', name: 'us.zoom.Zoom', scope: 'user', installation: 'user', user: 'minh', home: '/home/minh' }],
    ]);
    expect(hits[0]).toMatchObject({ kind: 'installed', source: 'flatpak us.zoom.Zoom (user hoa)', evidence: { kind: 'package', path: `/home/hoa/${FLATPAK}` } });
  });

  it('finds installers in another user\'s Vietnamese XDG folders and their leftovers', async () => {
    const h = pc({
      '/home/nguyễn/.config/user-dirs.dirs': fixture('linux', 'user-dirs.dirs'),
      '/home/nguyễn/Tải về/zoom_amd64.deb': 'x'.repeat(10),
      '/home/nguyễn/Tải về/zoom.txt': 'không phải bộ cài',
      '/home/hoa/Desktop/ZoomInstallerFull.exe': 'MZ',
      '/home/nguyễn/.zoom/data/zoomus.db': 'db',
      '/home/hoa/.config/zoomus.conf': '[General]\n',
    });
    const installers = hitsOf(await runProbe(otherUsersInstallersProbe, h));
    expect(installers.map((x) => [x.install, x.evidence.data?.user, x.evidence.data?.size])).toEqual([
      ['installer:/home/nguyễn/Tải về/zoom_amd64.deb', 'nguyễn', '10'],
      ['installer:/home/hoa/Desktop/ZoomInstallerFull.exe', 'hoa', '2'],
    ]);
    const leftovers = hitsOf(await runProbe(otherUsersLeftoversProbe, h));
    expect(leftovers.map((x) => [x.install, x.evidence.data?.user, x.evidence.data?.home])).toEqual([
      ['leftover:/home/nguyễn/.zoom', 'nguyễn', '/home/nguyễn'],
      ['leftover:/home/hoa/.config/zoomus.conf', 'hoa', '/home/hoa'],
    ]);
  });

  it('a home a normal user may not read is counted as "not readable as this user", never unknown', async () => {
    const h = pc({ '/home/hoa': { type: 'error', code: 'permission' }, '/home/minh/.local/share/flatpak': { type: 'error', code: 'permission' } });
    const r = await runProbe(otherUsersFlatpakProbe, h);
    expect(r).toMatchObject({ status: 'ran', hits: [] });
    expect(r.status === 'ran' && r.looked).toBe('/home/nguyễn/.local/share/flatpak, /home/hoa, /home/minh/.local/share/flatpak; not readable as this user: hoa, minh');
  });

  it('run as root, an unreadable home is unknown with the reason (it should have been readable)', async () => {
    const h = pc({ '/home/hoa': { type: 'error', code: 'permission' } }, '0');
    expect(await runProbe(otherUsersLeftoversProbe, h)).toMatchObject({ status: 'unknown', reason: { key: 'bannedApp:otherUsers.reason.unreadableAsAdmin', params: { user: 'hoa', path: '/home/hoa' } } });
    // A hit elsewhere still wins over the failure.
    h.add('/home/minh/.zoom', { type: 'dir' });
    expect(hitsOf(await runProbe(otherUsersLeftoversProbe, h)).map((x) => x.install)).toEqual(['leftover:/home/minh/.zoom']);
  });

  it('an other-user hit beside the current user\'s own makes two findings, each with its user', async () => {
    const h = pc({
      '/home/hoa/.local/share/flatpak/app/us.zoom.Zoom': { type: 'dir' },
      '/home/lan/.local/share/flatpak/app/us.zoom.Zoom': { type: 'dir' },
      '/var/lib/flatpak': { type: 'dir' },
    });
    const probes: Probe[] = linuxProbes.filter((p) => p.id.startsWith('linux.flatpak'));
    const results = await Promise.all(probes.map(async (p) => [p, await p.run(ctxOf(h), zoom())] as const));
    const findings = judge(zoom(), results).filter((f) => f.status === 'violation');
    expect(findings.map((f) => f.evidence.map((e) => `${e.data?.scope}:${e.data?.user ?? '(current user)'}`).join()).sort()).toEqual(['user:(current user)', 'user:hoa']);
  });
});
