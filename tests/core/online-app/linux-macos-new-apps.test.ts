// The identifiers added for TrueConf on Linux and for GoTo Meeting and join.me on macOS (docs/online-apps.md):
// TrueConf's `trueconf` package in a real private dpkg database (dpkg-query reads a status file laid out as dpkg
// writes it), beside TrueConf Room's `trueconf-room`, which is not the client; the running `TrueConf` program
// under /opt/trueconf/client (recorded /proc entries), and a program of that name elsewhere; on a Mac, the
// `GoToMeeting` and `Join.me` processes of their bundles, and a process of the same name in another app's bundle.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dpkgProbe } from '../../../src/core/checks/banned-app/linux/dpkg';
import { linuxProcessesProbe } from '../../../src/core/checks/banned-app/linux/processes';
import { macosProcessesProbe, MAC_PS_ARGV } from '../../../src/core/checks/banned-app/macos/processes';
import type { Probe } from '../../../src/core/checks/banned-app/probe';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import { dpkgAdmindirRewrite } from '../../../src/core/host/host-from-env';
import type { Host } from '../../../src/core/host/host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { dpkgAvailable } from '../../helpers/dpkg-sandbox';

async function run(host: Host, probe: Probe): Promise<readonly Finding[]> {
  return onlineAppCheck({ linux: [probe], darwin: [probe], win32: [probe] }).run({ host, policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
}

const notices = (found: readonly Finding[]): Finding[] => found.filter((f) => f.status === 'notice');

/** A dpkg status stanza as dpkg writes it. */
const stanza = (name: string, version: string, maintainer: string, description: string): string =>
  `Package: ${name}\nStatus: install ok installed\nPriority: optional\nSection: non-free/net\nInstalled-Size: 412345\nMaintainer: ${maintainer}\nArchitecture: amd64\nVersion: ${version}\nDescription: ${description}\n`;

describe.runIf(process.platform === 'linux' && dpkgAvailable())('TrueConf on Linux, in a real private dpkg database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attt-trueconf-dpkg-'));
    mkdirSync(join(dir, 'info'), { recursive: true });
    writeFileSync(join(dir, 'available'), '');
    // TrueConf's client (package `trueconf`; 8.5.0.2881 is the version of TrueConf LLC's own Arch package) and TrueConf Room
    // (`trueconf-room`, the name and version of TrueConf's own Ubuntu 20.04 .deb): the same vendor, another product.
    writeFileSync(
      join(dir, 'status'),
      [
        stanza('base-files', '12.4+deb12u5', 'Santiago Vila <sanvila@debian.org>', 'Debian base system miscellaneous files'),
        stanza('trueconf', '8.5.0.2881-1', 'TrueConf LLC <packager@trueconf.com>', 'TrueConf client for Linux'),
        stanza('trueconf-room', '4.0.0.1401-1~ubt20.04', 'TrueConf LLC <packager@trueconf.com>', 'TrueConf Room'),
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the `trueconf` package is a notice of TrueConf with its version; TrueConf Room\'s package is not', async () => {
    const host = new SandboxHost({ homedir: dir, env: { PATH: process.env.PATH }, rewrite: dpkgAdmindirRewrite(dir) });
    const found = notices(await run(host, dpkgProbe));
    expect(found.map((f) => f.app)).toEqual(['trueconf']);
    expect(found[0]!.evidence).toEqual([expect.objectContaining({ kind: 'package', version: '8.5.0.2881-1', data: expect.objectContaining({ name: 'trueconf', manager: 'dpkg' }) })]);
  });
});

describe('TrueConf running on Linux (recorded /proc)', () => {
  const proc = (pid: number, comm: string, exe: string): Record<string, FixtureNode> => ({
    [`/proc/${pid}/comm`]: `${comm}\n`,
    [`/proc/${pid}/cmdline`]: `${exe}\0`,
    [`/proc/${pid}/exe`]: { type: 'symlink', target: exe },
  });
  const linux = (files: Record<string, FixtureNode>): FixtureHost =>
    new FixtureHost({ platform: 'linux', homedir: '/home/lan', files: { '/proc/self': { type: 'symlink', target: '1' }, '/proc/meminfo': 'MemTotal: 1 kB\n', '/opt/trueconf/client/TrueConf': 'ELF', ...files } });

  it('the TrueConf program under /opt/trueconf/client is TrueConf running', async () => {
    const found = notices(await run(linux(proc(4242, 'TrueConf', '/opt/trueconf/client/TrueConf')), linuxProcessesProbe));
    expect(found.map((f) => [f.app, f.evidence[0]!.kind, f.evidence[0]!.data?.name, f.evidence[0]!.label?.key])).toEqual([['trueconf', 'process', 'TrueConf', 'bannedApp:evidence.processOfPlace']]);
  });

  it('another program named TrueConf, outside TrueConf\'s folder and no package\'s, is said as not confirmed', async () => {
    const found = notices(await run(linux({ ...proc(4243, 'TrueConf', '/home/lan/Tải về/TrueConf'), '/home/lan/Tải về/TrueConf': 'ELF' }), linuxProcessesProbe));
    expect(found.map((f) => [f.app, f.evidence[0]!.data?.identity, f.evidence[0]!.label?.key])).toEqual([['trueconf', 'unconfirmed', 'bannedApp:evidence.processElsewhere']]);
  });
});

/** A minimal Info.plist as Xcode writes it. */
function infoPlist(id: string, executable: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>${executable}</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>${id}</string>\n\t<key>CFBundlePackageType</key>\n\t<string>APPL</string>\n</dict>\n</plist>\n`;
}

describe('GoTo Meeting and join.me running on a Mac', () => {
  const mac = (ps: string, files: Record<string, FixtureNode>): FixtureHost => new FixtureHost({ platform: 'darwin', homedir: '/Users/lan', files, commands: [{ argv: [...MAC_PS_ARGV], stdout: ps }] });
  const G2M = '/Applications/GoToMeeting.app';
  const JOIN = '/Applications/join.me.app';
  const OTHER = '/Users/lan/Applications/Meeting Helper.app';

  it('GoToMeeting and Join.me from their bundles are notices; a «GoToMeeting» in another app\'s bundle is not GoTo Meeting', async () => {
    const ps = [
      '    1 /sbin/launchd',
      `  501 ${G2M}/Contents/MacOS/GoToMeeting`,
      `  502 ${JOIN}/Contents/MacOS/Join.me`,
      `  503 ${OTHER}/Contents/MacOS/GoToMeeting`,
      '',
    ].join('\n');
    const found = notices(
      await run(
        mac(ps, {
          [`${G2M}/Contents/Info.plist`]: infoPlist('com.logmein.GoToMeeting', 'GoToMeeting'),
          [`${JOIN}/Contents/Info.plist`]: infoPlist('com.logmein.join.me', 'Join.me'),
          [`${OTHER}/Contents/Info.plist`]: infoPlist('com.example.meeting-helper', 'GoToMeeting'),
        }),
        macosProcessesProbe,
      ),
    );
    expect(found.map((f) => [f.app, f.evidence.map((e) => e.data?.pid).join(','), f.evidence[0]!.data?.bundleId]).sort()).toEqual([
      ['goto-meeting', '501', 'com.logmein.GoToMeeting'],
      ['join-me', '502', 'com.logmein.join.me'],
    ]);
  });
});
