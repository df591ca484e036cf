// Where an installer came from, as the browser recorded it: real user.xdg.* attributes on real files (setfattr),
// recorded Zone.Identifier streams, judged against the policy's installers.officialDomains.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/checks/banned-app/banned-app-check';
import { isOfficialHost, judgeOrigin, NO_XATTR_TOOL, originHostname, parseZoneIdentifier, readDownloadOrigin } from '../../../src/core/checks/banned-app/download-origin';
import { decodeWhereFroms, hexBytes } from '../../../src/core/checks/banned-app/macos/where-froms';
import { originRule, scanInstallers } from '../../../src/core/checks/banned-app/installers';
import type { Probe } from '../../../src/core/checks/banned-app/probe';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { RealHost } from '../../../src/core/host/real-host';
import { zoom } from './linux/harness';
import { SystemToolsHost } from '../../helpers/system-tools-host';
import { userXattrsRefusal } from '../../helpers/user-xattrs';

const OFFICIAL = ['zoom.us', 'zoom.com'];

describe('official domains (label boundary, normalised by the URL parser)', () => {
  it.each([
    ['https://zoom.us/client/latest/zoom_amd64.deb', true],
    ['https://cdn.zoom.us/prod/6.1/zoom_amd64.deb', true],
    ['https://ZOOM.COM./download', true],
    ['https://zoom.us.example.com/zoom_amd64.deb', false],
    ['https://zoom-us.example/zoom_amd64.deb', false],
    ['https://notzoom.us/zoom_amd64.deb', false],
    ['https://zооm.us/zoom_amd64.deb', false], // Cyrillic o: the parser gives xn--zm-...
  ])('%s official: %s', (url, official) => {
    const host = originHostname(url)!;
    expect(host).toBeDefined();
    expect(isOfficialHost(host, OFFICIAL)).toBe(official);
  });

  it('a look-alike in Cyrillic is punycode after parsing, and named so', () => {
    expect(originHostname('https://zооm.us/x')).toMatch(/^xn--/);
  });

  it('judges fake, IP, no URL host and nothing recorded', () => {
    expect(judgeOrigin({ state: 'recorded', url: 'https://zoom-us.example/a.deb' }, OFFICIAL)).toMatchObject({ verdict: 'unofficial', host: 'zoom-us.example', data: { downloadOrigin: 'unofficial', downloadHost: 'zoom-us.example' } });
    expect(judgeOrigin({ state: 'recorded', url: 'http://203.0.113.7/zoom.deb' }, OFFICIAL).verdict).toBe('ip');
    expect(judgeOrigin({ state: 'recorded', url: 'http://[2001:db8::1]/zoom.deb' }, OFFICIAL).verdict).toBe('ip');
    expect(judgeOrigin({ state: 'recorded', url: 'garbage' }, OFFICIAL).verdict).toBe('unjudged');
    expect(judgeOrigin({ state: 'recorded', url: 'https://zoom-us.example/a.deb' }, []).verdict).toBe('unjudged');
    expect(judgeOrigin({ state: 'none' }, OFFICIAL).data).toEqual({ downloadOrigin: 'none' });
    expect(judgeOrigin({ state: 'unknown', reason: 'getfattr is not installed (package attr)' }, OFFICIAL).data).toEqual({ downloadOrigin: 'unknown', downloadOriginReason: 'getfattr is not installed (package attr)' });
  });
});

describe('Zone.Identifier streams', () => {
  it('reads a stream Edge writes (CRLF, BOM)', () => {
    const text = '\uFEFF[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://zoom-download.example.net/\r\nHostUrl=https://zoom-download.example.net/ZoomInstallerFull.exe\r\n';
    expect(parseZoneIdentifier(text)).toEqual({ zoneId: '3', url: 'https://zoom-download.example.net/ZoomInstallerFull.exe', referrer: 'https://zoom-download.example.net/' });
  });
  it('ignores garbage lines, other sections and empty values; the first value wins', () => {
    const text = 'junk\n\u0000\u0001\n[Other]\nHostUrl=https://wrong.example/\n[zonetransfer]\nnot a line\nZoneId=3\nHostUrl=\nHostUrl = https://zoom.us/x.exe \nHostUrl=https://later.example/\n';
    expect(parseZoneIdentifier(text)).toEqual({ zoneId: '3', url: 'https://zoom.us/x.exe' });
    expect(parseZoneIdentifier('\u00ff\u00fe binary')).toEqual({});
  });
  it('through a recorded Windows host: a fake site is a violation naming both domains; no stream is "no recorded origin"', async () => {
    const dl = 'C:\\Users\\an\\Downloads';
    const host = new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\an',
      files: {
        [`${dl}\\ZoomInstallerFull.exe`]: 'MZ',
        [`${dl}\\ZoomInstallerFull.exe:Zone.Identifier`]: '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://zoom.us.example.com/ZoomInstallerFull.exe\r\n',
        [`${dl}\\ZoomInstaller.exe`]: 'MZ',
      },
    });
    expect(await readDownloadOrigin(host, `${dl}\\ZoomInstaller.exe`)).toEqual({ state: 'none' });
    const scan = await scanInstallers(host, [dl], zoom().installers.filePatterns, originRule(zoom()));
    const probe: Probe = { id: 'windows.installers', run: () => Promise.reject(new Error('not run')) };
    const findings = judge(zoom(), [[probe, { status: 'ran', looked: dl, hits: scan.hits }]]);
    const fake = findings.find((f) => f.evidence[0]?.path?.endsWith('ZoomInstallerFull.exe'))!;
    expect(fake).toMatchObject({ status: 'violation', alsoPoints: [2], title: { key: 'bannedApp:installer.fakeTitleEither', params: { host: 'zoom.us.example.com', official: 'zoom.us', officialLast: 'zoom.com' } }, detail: { key: 'bannedApp:installer.fakeDetail' } });
    expect(fake.evidence[0]!.data).toMatchObject({ downloadOrigin: 'unofficial', downloadZone: '3', downloadUrl: 'https://zoom.us.example.com/ZoomInstallerFull.exe' });
    const plain = findings.find((f) => f.evidence[0]?.path?.endsWith('ZoomInstaller.exe'))!;
    expect(plain).toMatchObject({ status: 'warning', evidence: [{ label: { key: 'bannedApp:evidence.installerNoOrigin' }, data: { downloadOrigin: 'none' } }] });
  });
});

const canXattr = userXattrsRefusal();

describe.skipIf(canXattr !== null)(`Linux user.xdg.* attributes on real files${canXattr ? ` (skipped: ${canXattr})` : ''}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'origin-home-'));
  const dl = join(home, 'Downloads');
  mkdirSync(dl);
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const put = (name: string, url?: string, referrer?: string): void => {
    writeFileSync(join(dl, name), '!<arch>\n');
    if (url) execFileSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, join(dl, name)]);
    if (referrer) execFileSync('setfattr', ['-n', 'user.xdg.referrer.url', '-v', referrer, join(dl, name)]);
  };
  put('zoom_amd64.deb', 'https://cdn.zoom.us/prod/6.1.11/zoom_amd64.deb', 'https://zoom.us/download');
  put('zoom_x86_64.rpm', 'https://zoom-us.example/zoom_x86_64.rpm');
  put('zoom_arm64.deb', 'https://xn--zm-fmca.us/zoom_arm64.deb');
  put('zoom_i386.deb', 'http://198.51.100.20/zoom_i386.deb');
  put('zoom_aarch64.deb');
  const host = new RealHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' } });

  it('reads the origin and referrer getfattr prints, and nothing for a file without them', async () => {
    expect(await readDownloadOrigin(host, join(dl, 'zoom_amd64.deb'))).toEqual({ state: 'recorded', url: 'https://cdn.zoom.us/prod/6.1.11/zoom_amd64.deb', referrer: 'https://zoom.us/download' });
    expect(await readDownloadOrigin(host, join(dl, 'zoom_aarch64.deb'))).toEqual({ state: 'none' });
  });

  it('neither getfattr nor python3 is "could not read", not "no origin"', async () => {
    const bare = new SystemToolsHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, absent: ['getfattr', 'python3'] });
    expect(await readDownloadOrigin(bare, join(dl, 'zoom_amd64.deb'))).toEqual({ state: 'unknown', reason: NO_XATTR_TOOL, missingTool: true });
  });

  it('judges each installer: official, fake, punycode look-alike, IP, no origin', async () => {
    const scan = await scanInstallers(host, [dl], zoom().installers.filePatterns, originRule(zoom()));
    const by = Object.fromEntries(scan.hits.map((h) => [h.source.slice(dl.length + 1), h]));
    expect(by['zoom_amd64.deb']!.evidence.data).toMatchObject({ downloadOrigin: 'official', downloadHost: 'cdn.zoom.us' });
    expect(by['zoom_amd64.deb']!.judgement).toBeUndefined();
    expect(by['zoom_x86_64.rpm']).toMatchObject({ judgement: { status: 'violation', alsoPoints: [2] }, title: { params: { host: 'zoom-us.example', official: 'zoom.us', officialLast: 'zoom.com', product: 'Zoom' } } });
    expect(by['zoom_arm64.deb']).toMatchObject({ judgement: { status: 'violation' }, evidence: { data: { downloadOrigin: 'unofficial', downloadHost: 'xn--zm-fmca.us' } } });
    // No vendor hands out its installer from a bare IP address: as likely a fake as any other host.
    expect(by['zoom_i386.deb']).toMatchObject({ judgement: { status: 'violation' }, title: { params: { host: '198.51.100.20' } }, evidence: { label: { key: 'bannedApp:evidence.installerFromIp' }, data: { downloadOrigin: 'ip' } } });
    expect(by['zoom_aarch64.deb']).toMatchObject({ evidence: { label: { key: 'bannedApp:evidence.installerNoOrigin' }, data: { downloadOrigin: 'none' } } });
  });
});

describe('macOS kMDItemWhereFroms (recorded `xattr -px` output)', () => {
  // Written by Python's plistlib (FMT_BINARY), printed as `xattr -px` prints: hex pairs, spaces, lines.
  const FAKE_HEX = `62 70 6C 69 73 74 30 30 A2 01 02 5F 10 2E 68 74 74 70 73 3A 2F 2F 7A 6F 6F 6D 2D 75 73 2E 64 6F 77 6E 6C 6F 61 64 2D
66 72 65 65 2E 65 78 61 6D 70 6C 65 2F 5A 6F 6F 6D 2E 70 6B 67 5F 10 26 68 74 74 70 73 3A 2F 2F 7A 6F 6F 6D 2D 75 73 2E 64 6F 77 6E 6C 6F 61 64
2D 66 72 65 65 2E 65 78 61 6D 70 6C 65 2F 08 0B 3C 00 00 00 00 00 00 01 01 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 65
`;
  const UTF16_HEX =
    '62706c6973743030a201025f101868747470733a2f2f7a6f6f6d2e75732f5a6f6f6d2e706b676f102d00680074007400700073003a002f002f00760069002e00770069006b006900700065006400690061002e006f00720067002f00770069006b0069002f005a006f006f006d005f2013005f007000681ea7006e005f006d1ec1006d080b260000000000000101000000000000000300000000000000000000000000000083';
  const argv = (p: string): string[] => ['xattr', '-s', '-px', 'com.apple.metadata:kMDItemWhereFroms', p];
  const dl = '/Users/an/Downloads';

  it('decodes ASCII and UTF-16 strings; garbage is an error', () => {
    expect(decodeWhereFroms(hexBytes(FAKE_HEX))).toEqual(['https://zoom-us.download-free.example/Zoom.pkg', 'https://zoom-us.download-free.example/']);
    expect(decodeWhereFroms(hexBytes(UTF16_HEX))).toEqual(['https://zoom.us/Zoom.pkg', 'https://vi.wikipedia.org/wiki/Zoom_–_phần_mềm']);
    expect(() => decodeWhereFroms(hexBytes(FAKE_HEX.slice(0, 120)))).toThrow();
    expect(() => hexBytes('zz')).toThrow();
  });

  it('a fake site, no attribute, a garbled one and a missing tool', async () => {
    const host = new FixtureHost({
      platform: 'darwin',
      homedir: '/Users/an',
      files: { [`${dl}/Zoom.pkg`]: 'xar!', [`${dl}/zoomusInstallerFull.pkg`]: 'xar!', [`${dl}/Zoom (1).pkg`]: 'xar!' },
      commands: [
        { argv: argv(`${dl}/Zoom.pkg`), stdout: FAKE_HEX },
        { argv: argv(`${dl}/zoomusInstallerFull.pkg`), exitCode: 1, stderr: `xattr: ${dl}/zoomusInstallerFull.pkg: No such xattr: com.apple.metadata:kMDItemWhereFroms\n` },
        { argv: argv(`${dl}/Zoom (1).pkg`), stdout: '62 70 6C 69 73 74 30 30 00 11' },
      ],
    });
    expect(await readDownloadOrigin(host, `${dl}/Zoom.pkg`)).toEqual({ state: 'recorded', url: 'https://zoom-us.download-free.example/Zoom.pkg', referrer: 'https://zoom-us.download-free.example/' });
    expect(await readDownloadOrigin(host, `${dl}/zoomusInstallerFull.pkg`)).toEqual({ state: 'none' });
    expect(await readDownloadOrigin(host, `${dl}/Zoom (1).pkg`)).toMatchObject({ state: 'unknown', reason: expect.stringContaining('kMDItemWhereFroms') });
    expect(await readDownloadOrigin(host, `${dl}/Other.pkg`)).toEqual({ state: 'unknown', reason: 'xattr is not installed' });
    const scan = await scanInstallers(host, [dl], zoom().installers.filePatterns, originRule(zoom()));
    expect(scan.hits.find((h) => h.source === `${dl}/Zoom.pkg`)).toMatchObject({ judgement: { status: 'violation' }, title: { params: { host: 'zoom-us.download-free.example', official: 'zoom.us', officialLast: 'zoom.com' } } });
  });
});
