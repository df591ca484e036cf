// The installer-origin check (point 2): installers of any app in the current user's download folders, judged by
// where the browser recorded they came from. Real user.xdg.* attributes on real files (setfattr) in a temporary
// home, recorded Zone.Identifier streams (the bytes Edge and Chrome write) and kMDItemWhereFroms binary plists
// (written by Python's plistlib), look-alike hosts, hostile names, links, and a folder too full to judge.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/core/checks/check';
import { isIpHost, isOfficialHost, NO_XATTR_TOOL, originHostname } from '../../../src/core/checks/banned-app/download-origin';
import { hasInstallerExtension, MAX_INSTALLERS } from '../../../src/core/checks/installer-origin/installer-files';
import { installerOriginCheck } from '../../../src/core/checks/installer-origin/installer-origin-check';
import { riskyHost, riskyOrigin } from '../../../src/core/checks/installer-origin/origin-source';
import { USER_SHELL_FOLDERS } from '../../../src/core/checks/installer-origin/windows-folders';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { RealHost } from '../../../src/core/host/real-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Policy } from '../../../src/core/policy/policy-schema';
import type { Finding } from '../../../src/shared/finding';
import { SystemToolsHost } from '../../helpers/system-tools-host';
import { userXattrsRefusal } from '../../helpers/user-xattrs';

const BUILT_IN = builtinPolicy();
const LISTS = BUILT_IN.installerOrigin!;

/** The built-in policy: Zalo's installer is named in its onlineApps entry with its official domains (winget's InstallerUrl host). */
const policyWithZalo = (): Policy => BUILT_IN;

const run = (host: Host, policy: Policy = policyWithZalo()): Promise<readonly Finding[]> =>
  installerOriginCheck().run({ host, policy, now: new Date('2026-11-25T08:00:00Z') } satisfies CheckContext);

/** The finding whose evidence is the file named `name`. */
const about = (findings: readonly Finding[], name: string): Finding | undefined =>
  findings.find((f) => f.status !== 'ok' && f.status !== 'unknown' && f.evidence.some((e) => e.path?.endsWith(name)));

describe('hosts as the URL parser gives them, matched on label boundaries', () => {
  it.each([
    ['https://zoom.us@evil.example/ZoomInstaller.exe', 'evil.example'],
    ['https://ZALO.ME./download', 'zalo.me'],
    ['https://zalo.me:8443/x.exe', 'zalo.me'],
    ['http://3232235777/setup.exe', '192.168.1.1'],
    ['http://0xC0.0xA8.1.1/setup.exe', '192.168.1.1'],
    ['http://0300.0250.1.1/setup.exe', '192.168.1.1'],
    ['http://[::ffff:192.168.1.1]/setup.exe', '[::ffff:c0a8:101]'],
    ['blob:https://zalo-pc.example/6f1c', 'zalo-pc.example'],
    ['https://zаlo.me/ZaloSetup.exe', 'xn--zlo-6cd.me'], // Cyrillic а
  ])('%s → %s', (url, host) => {
    expect(originHostname(url)).toBe(host);
  });

  it('names no host for what is no web download (a share, about:internet, garbage)', () => {
    for (const url of ['file://fileserver/phanmem/setup.exe', 'about:internet', 'not a url', '', 'data:application/octet-stream;base64,TVo=']) expect(originHostname(url)).toBeUndefined();
  });

  it('official only on label boundaries; IPs in every form; lists by label too', () => {
    const official = ['zalo.me', 'zdn.vn'];
    for (const h of ['zalo.me', 'res-zaloapp-aka-jpt.zdn.vn', 'chat.zalo.me']) expect(isOfficialHost(h, official)).toBe(true);
    for (const h of ['zalo-me.example', 'zalo.me.example.com', 'notzalo.me', 'xn--zlo-6cd.me', 'zdn.vn.evil.example']) expect(isOfficialHost(h, official)).toBe(false);
    for (const u of ['http://3232235777/', 'http://0x7f.1/', 'http://[2001:db8::1]/', 'http://1.2.3.4./']) expect(isIpHost(originHostname(u)!)).toBe(true);
    expect(riskyHost('drive.usercontent.google.com', LISTS)).toBe('file-sharing');
    expect(riskyHost('doc-0s-8c-docs.googleusercontent.com', LISTS)).toBe('file-sharing');
    expect(riskyHost('www.mediafire.com', LISTS)).toBe('file-sharing');
    expect(riskyHost('bit.ly', LISTS)).toBe('shortener');
    expect(riskyHost('link4m.com', LISTS)).toBe('shortener');
    // Look-alikes of the list's hosts are not the services themselves; Google's own download host is not file sharing.
    for (const h of ['bit.ly.example', 'notbit.ly', 'google.com', 'dl.google.com', 'github.com', 'mega.nz.example']) expect(riskyHost(h, LISTS)).toBeUndefined();
  });

  it('the linking page counts for an IP or a shortener, never for file sharing; without a file URL the page stands for it', () => {
    expect(riskyOrigin('cdn.example.net', 'link4m.com', LISTS)).toEqual({ source: 'shortener', host: 'link4m.com', of: 'referrer' });
    expect(riskyOrigin('cdn.example.net', 'drive.google.com', LISTS)).toBeUndefined();
    expect(riskyOrigin(undefined, 'drive.google.com', LISTS)).toEqual({ source: 'file-sharing', host: 'drive.google.com', of: 'url' });
    expect(riskyOrigin('mega.nz', 'bit.ly', LISTS)).toEqual({ source: 'file-sharing', host: 'mega.nz', of: 'url' });
  });

  it('installer extensions, case-insensitive, the last one only', () => {
    for (const n of ['Setup.EXE', 'tool-x86_64.AppImage', 'a.msixbundle', 'pkg.Deb', 'ảnh\u202Egpj.exe']) expect(hasInstallerExtension(n, LISTS.extensions)).toBe(true);
    for (const n of ['.exe', 'exe', 'setup.exe.txt', 'report\u202Eexe.pdf', 'setup.', 'Setup.zip']) expect(hasInstallerExtension(n, LISTS.extensions)).toBe(false);
  });
});

describe('Zone.Identifier streams as Windows browsers write them (recorded)', () => {
  const home = 'C:\\Users\\Nguyễn Văn A';
  const dl = `${home}\\Downloads`;
  const zone = (lines: readonly string[]): string => `[ZoneTransfer]\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
  const files: Record<string, FixtureNode> = {
    [`${dl}\\ZaloSetup-26.9.10.exe`]: 'MZ',
    [`${dl}\\ZaloSetup-26.9.10.exe:Zone.Identifier`]: zone(['ZoneId=3', 'ReferrerUrl=https://zalo.me/pc', 'HostUrl=https://res-zaloapp-aka-jpt.zdn.vn/win/ZaloSetup-26.9.10.exe']),
    [`${dl}\\ZaloSetup (1).exe`]: 'MZ',
    [`${dl}\\ZaloSetup (1).exe:Zone.Identifier`]: zone(['ZoneId=3', 'HostUrl=https://zalo.me@zalo-pc.example/ZaloSetup.exe']),
    [`${dl}\\Office2019.exe`]: 'MZ',
    [`${dl}\\Office2019.exe:Zone.Identifier`]: zone(['ZoneId=3', 'ReferrerUrl=https://onedrive.live.com/', 'HostUrl=https://public.bn.files.1drv.ms/y4m/Office2019.exe']),
    [`${dl}\\vpn.msi`]: 'MZ',
    [`${dl}\\vpn.msi:Zone.Identifier`]: zone(['ZoneId=3']),
    [`${dl}\\driver.exe`]: 'MZ',
    [`${dl}\\driver.exe:Zone.Identifier`]: zone(['ZoneId=3', 'HostUrl=about:internet']),
    [`${dl}\\garbled.exe`]: 'MZ',
    [`${dl}\\garbled.exe:Zone.Identifier`]: '\u00ff\u00fe\u0000Z\u0000o\u0000n\u0000e',
    [`${dl}\\ZoomInstaller.exe`]: 'MZ',
    [`${dl}\\ZoomInstaller.exe:Zone.Identifier`]: zone(['ZoneId=3', 'HostUrl=https://zoom-us.example/ZoomInstaller.exe']),
    [`${home}\\OneDrive\\Desktop\\copied-from-usb.exe`]: 'MZ',
  };
  /** `reg query` of Explorer's User Shell Folders as Windows prints it; the Desktop moved into OneDrive by its backup. */
  const SHELL_FOLDERS = {
    argv: ['reg', 'query', USER_SHELL_FOLDERS],
    stdout: [
      '',
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders',
      '    AppData    REG_EXPAND_SZ    %USERPROFILE%\\AppData\\Roaming',
      '    Desktop    REG_EXPAND_SZ    %USERPROFILE%\\OneDrive\\Desktop',
      '    {374DE290-123F-4565-9164-39C4925E467B}    REG_EXPAND_SZ    %USERPROFILE%\\Downloads',
      '',
      '',
    ].join('\r\n'),
  };
  const win = (nodes: Record<string, FixtureNode>, commands: FixtureCommand[] = [SHELL_FOLDERS]): FixtureHost => new FixtureHost({ platform: 'win32', homedir: home, env: { USERPROFILE: home }, files: nodes, commands });
  const host = win(files);

  it('a Zalo installer from a look-alike (userinfo) host is a likely fake naming both official domains; its official download is nothing', async () => {
    const findings = await run(host);
    expect(about(findings, 'ZaloSetup (1).exe')).toMatchObject({
      check: 'installer-origin',
      status: 'violation',
      advisoryPoint: 2,
      app: 'zalo',
      title: { key: 'installerOrigin:fake.titleEither', params: { app: 'Zalo', host: 'zalo-pc.example', official: 'zalo.me', officialLast: 'zdn.vn' } },
      evidence: [{ kind: 'installer', data: { downloadOrigin: 'unofficial', downloadHost: 'zalo-pc.example', downloadZone: '3' } }],
    });
    expect(about(findings, 'ZaloSetup-26.9.10.exe')).toBeUndefined();
  });

  it('an installer from OneDrive is a file-sharing warning; zone only, about:internet and garbage are no warning, and nothing is guessed', async () => {
    const findings = await run(host);
    expect(about(findings, 'Office2019.exe')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'public.bn.files.1drv.ms' } }, evidence: [{ data: { downloadSource: 'file-sharing' } }] });
    for (const n of ['vpn.msi', 'driver.exe', 'garbled.exe', 'copied-from-usb.exe']) expect(about(findings, n)).toBeUndefined();
    // A banned app's installer is the banned-app check's: not reported twice.
    expect(findings.some((f) => f.evidence.some((e) => e.path?.endsWith('ZoomInstaller.exe')))).toBe(false);
    expect(findings.map((f) => f.status).sort()).toEqual(['violation', 'warning']);
  });

  it('with nothing of concern, the ok finding counts the installers and those with no record, each in its evidence', async () => {
    const quiet = Object.fromEntries(Object.entries(files).filter(([p]) => !p.includes('ZaloSetup (1)') && !p.includes('Office2019')));
    const findings = await run(win(quiet));
    expect(findings).toHaveLength(1);
    const ok = findings[0]!;
    expect(ok).toMatchObject({ status: 'ok', title: { key: 'installerOrigin:ok.someUnrecorded', params: { count: 5, none: 2 } }, detail: { key: 'installerOrigin:ok.unrecordedDetail' } });
    const label = (n: string): string | undefined => ok.evidence.find((e) => e.path?.endsWith(n))?.label?.key;
    expect(label('vpn.msi')).toBe('installerOrigin:evidence.internet');
    expect(label('driver.exe')).toBe('installerOrigin:evidence.internet');
    expect(label('copied-from-usb.exe')).toBe('installerOrigin:evidence.noOrigin');
    expect(label('garbled.exe')).toBe('installerOrigin:evidence.noOrigin');
    expect(label('ZaloSetup-26.9.10.exe')).toBe('installerOrigin:evidence.from');
  });

  it('a stream that cannot be read makes the check unknown with the reason, never ok', async () => {
    const refused = win({ [`${dl}\\setup.exe`]: 'MZ', [`${dl}\\setup.exe:Zone.Identifier`]: { type: 'error', code: 'permission' } });
    const findings = await run(refused);
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'installerOrigin:reason.unread', params: { count: 1 } } })]);
    expect(findings[0]!.evidence[0]).toMatchObject({ path: `${dl}\\setup.exe`, data: { downloadOrigin: 'unknown', downloadOriginReason: 'Zone.Identifier: permission' } });
  });

  it('a folder too full to judge: the newest 200 are judged, and the check says the rest were not', async () => {
    const many: Record<string, FixtureNode> = {};
    for (let i = 0; i < MAX_INSTALLERS + 5; i++) many[`${dl}\\setup-${String(i).padStart(3, '0')}.exe`] = { type: 'file', content: 'MZ', mtimeMs: 1_700_000_000_000 + i };
    // The oldest holds a warning it would give: it is among the five not judged.
    many[`${dl}\\setup-000.exe:Zone.Identifier`] = zone(['ZoneId=3', 'HostUrl=http://203.0.113.9/setup.exe']);
    const findings = await run(win(many));
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'installerOrigin:reason.tooMany', params: { count: MAX_INSTALLERS + 5, max: MAX_INSTALLERS } } })]);
  });

  it('the Desktop where Explorer says it is (OneDrive); a registry that cannot be read is unknown, never ok', async () => {
    const ok = (await run(win({ [`${home}\\OneDrive\\Desktop\\copied-from-usb.exe`]: 'MZ' })))[0]!;
    expect(ok).toMatchObject({ status: 'ok', evidence: [{ path: `${home}\\OneDrive\\Desktop\\copied-from-usb.exe` }, { kind: 'folder' }] });
    const garbled = await run(win({ [`${dl}\\setup.exe`]: 'MZ' }, [{ argv: SHELL_FOLDERS.argv, stdout: 'ERROR: <garbled>\r\n\u0000' }]));
    expect(garbled).toEqual([expect.objectContaining({ status: 'unknown', reason: expect.objectContaining({ key: expect.stringMatching(/^common:reason\./) }) })]);
  });

  it('no policy section, or no folders: nothing to look at, nothing said', async () => {
    expect(await run(host, { ...BUILT_IN, installerOrigin: undefined })).toEqual([]);
    expect(await run(host, { ...BUILT_IN, installerOrigin: { ...LISTS, folders: [] } })).toEqual([]);
  });
});

describe('macOS kMDItemWhereFroms (recorded `xattr -s -px` output of plists written by plistlib)', () => {
  const MEDIAFIRE =
    '62706c6973743030a201025f103b68747470733a2f2f646f776e6c6f6164323339302e6d65646961666972652e636f6d2f6162632f53657475705f4f6666696365323031392e646d675f103c68747470733a2f2f7777772e6d65646961666972652e636f6d2f66696c652f6162632f53657475705f4f6666696365323031392e646d672f66696c65080b490000000000000101000000000000000300000000000000000000000000000088';
  const ZALO_USERINFO = '62706c6973743030a1015f102d68747470733a2f2f7a616c6f2e6d65407a616c6f2d70632e6578616d706c652f5a616c6f53657475702e646d67080a000000000000010100000000000000020000000000000000000000000000003a';
  const dl = '/Users/an/Downloads';
  const argv = (p: string): string[] => ['xattr', '-s', '-px', 'com.apple.metadata:kMDItemWhereFroms', p];
  const spaced = (hex: string): string => `${hex.match(/../g)!.join(' ').toUpperCase()}\n`;
  const host = new FixtureHost({
    platform: 'darwin',
    homedir: '/Users/an',
    files: { [`${dl}/Setup_Office2019.dmg`]: 'koly', [`${dl}/ZaloSetup.exe`]: 'MZ', [`${dl}/Broken.pkg`]: 'xar!' },
    commands: [
      { argv: argv(`${dl}/Setup_Office2019.dmg`), stdout: spaced(MEDIAFIRE) },
      { argv: argv(`${dl}/ZaloSetup.exe`), stdout: spaced(ZALO_USERINFO) },
      { argv: argv(`${dl}/Broken.pkg`), stdout: '62 70 6C 69 73 74 30 30 A2 01\n' },
    ],
  });

  it('MediaFire is file sharing, the userinfo trick is a fake Zalo, a garbled plist is unknown', async () => {
    const findings = await run(host);
    expect(about(findings, 'Setup_Office2019.dmg')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'download2390.mediafire.com' } } });
    expect(about(findings, 'ZaloSetup.exe')).toMatchObject({ status: 'violation', title: { params: { host: 'zalo-pc.example' } } });
    const unknown = findings.find((f) => f.status === 'unknown')!;
    expect(unknown.evidence[0]).toMatchObject({ path: `${dl}/Broken.pkg`, data: { downloadOrigin: 'unknown', downloadOriginReason: expect.stringContaining('kMDItemWhereFroms') } });
  });

  it('no kMDItemWhereFroms: com.apple.quarantine names only the program that downloaded it; a garbled one and none are nothing recorded', async () => {
    const noFroms = (p: string): FixtureCommand => ({ argv: argv(p), exitCode: 1, stderr: `xattr: ${p}: No such xattr: com.apple.metadata:kMDItemWhereFroms\n` });
    const quarantine = (p: string): string[] => ['xattr', '-s', '-p', 'com.apple.quarantine', p];
    const mac = new FixtureHost({
      platform: 'darwin',
      homedir: '/Users/an',
      files: { [`${dl}/Safari.dmg`]: 'koly', [`${dl}/Garbled.dmg`]: 'koly', [`${dl}/Copied.pkg`]: 'xar!' },
      commands: [
        noFroms(`${dl}/Safari.dmg`),
        { argv: quarantine(`${dl}/Safari.dmg`), stdout: '0083;6745f1a2;Safari;5B3C2D1E-0F4A-4B6C-8D7E-9F0A1B2C3D4E\n' },
        noFroms(`${dl}/Garbled.dmg`),
        { argv: quarantine(`${dl}/Garbled.dmg`), stdout: 'zz;;\u0001\n' },
        noFroms(`${dl}/Copied.pkg`),
        { argv: quarantine(`${dl}/Copied.pkg`), exitCode: 1, stderr: `xattr: ${dl}/Copied.pkg: No such xattr: com.apple.quarantine\n` },
      ],
    });
    const ok = (await run(mac))[0]!;
    expect(ok).toMatchObject({ status: 'ok', title: { key: 'installerOrigin:ok.someUnrecorded', params: { count: 3, none: 2 } } });
    const safari = ok.evidence.find((e) => e.path === `${dl}/Safari.dmg`)!;
    expect(safari).toMatchObject({ label: { key: 'installerOrigin:evidence.internetBy', params: { agent: 'Safari' } }, data: { downloadOrigin: 'unjudged', downloadAgent: 'Safari' } });
    expect(ok.evidence.find((e) => e.path === `${dl}/Garbled.dmg`)).toMatchObject({ label: { key: 'installerOrigin:evidence.noOrigin' } });
  });
});

const canXattr = userXattrsRefusal();

describe.skipIf(canXattr !== null)(`Linux: real user.xdg.* attributes in a temporary home${canXattr ? ` (skipped: ${canXattr})` : ''}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'installer-origin-home-'));
  const dl = join(home, 'Downloads');
  const vnDl = join(home, 'Tải về');
  const outside = mkdtempSync(join(tmpdir(), 'installer-origin-outside-'));
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  mkdirSync(dl);
  mkdirSync(vnDl);
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Tải về"\nXDG_DESKTOP_DIR="$HOME/Màn hình nền"\n');
  const put = (folder: string, name: string, url?: string, referrer?: string): string => {
    const p = join(folder, name);
    writeFileSync(p, 'MZ');
    if (url) execFileSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, p]);
    if (referrer) execFileSync('setfattr', ['-n', 'user.xdg.referrer.url', '-v', referrer, p]);
    return p;
  };
  put(dl, 'googlechrome.deb', 'https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb', 'https://www.google.com/chrome/');
  put(dl, 'tool-x86_64.AppImage', 'https://drive.usercontent.google.com/download?id=1AbC&export=download', 'https://drive.google.com/');
  put(dl, 'setup.DEB', 'http://3232235777/setup.deb');
  put(dl, 'crack\nfull.exe', 'https://cdn.files-vn.example/crack.exe', 'https://link4m.com/AbCd12');
  put(dl, 'ZaloSetup-26.9.10.exe', 'https://zalo-pc.example/ZaloSetup-26.9.10.exe', 'https://zalo-pc.example/');
  put(dl, 'zoom_amd64.deb', 'https://zoom-us.example/zoom_amd64.deb');
  put(dl, 'unrecorded.rpm');
  mkdirSync(join(dl, 'folder.exe'));
  // A link out of the folder to a file the browser marked: never followed, never judged.
  symlinkSync(put(outside, 'elsewhere.exe', 'https://bit.ly/3xyz'), join(dl, 'link.exe'));
  put(vnDl, 'Setup.MSIX', 'https://mega.nz/file/abc#key');
  const host = new RealHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' } });

  it('judges each installer in Downloads and the localized «Tải về»: fake Zalo, file sharing, IP, shortener page; official and unrecorded ones are no finding', async () => {
    const findings = await run(host);
    expect(about(findings, 'ZaloSetup-26.9.10.exe')).toMatchObject({ status: 'violation', title: { params: { host: 'zalo-pc.example' } } });
    expect(about(findings, 'tool-x86_64.AppImage')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.fileSharing.title', params: { host: 'drive.usercontent.google.com' } } });
    expect(about(findings, 'setup.DEB')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.ip.title', params: { host: '192.168.1.1' } }, evidence: [{ data: { downloadSource: 'ip', downloadUrl: 'http://3232235777/setup.deb' } }] });
    expect(about(findings, 'crack\nfull.exe')).toMatchObject({ status: 'warning', title: { key: 'installerOrigin:risky.shortenerReferrer.title', params: { host: 'link4m.com' } } });
    expect(about(findings, 'Setup.MSIX')).toMatchObject({ status: 'warning', evidence: [{ path: join(vnDl, 'Setup.MSIX') }] });
    for (const n of ['googlechrome.deb', 'unrecorded.rpm', 'link.exe', 'folder.exe', 'zoom_amd64.deb']) expect(about(findings, n)).toBeUndefined();
    expect(findings).toHaveLength(5);
    // A title names hosts and apps, never a file name (which may hold a line break or a direction override).
    for (const f of findings) expect(JSON.stringify(f.title)).not.toMatch(/crack|\.exe|\.deb|AppImage/);
  });

  it('neither getfattr nor python3: the check is unknown, saying to install attr, with each installer in its evidence', async () => {
    const bare = new SystemToolsHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' }, absent: ['getfattr', 'python3'] });
    const findings = await run(bare);
    const unknown = findings.find((f) => f.status === 'unknown')!;
    expect(unknown.reason).toEqual({ key: 'installerOrigin:reason.noTool', params: { count: 7 } });
    expect(unknown.action).toEqual({ key: 'installerOrigin:unknown.installAttr' });
    expect(unknown.evidence.find((e) => e.path === join(dl, 'setup.DEB'))?.data).toMatchObject({ downloadOrigin: 'unknown', downloadOriginReason: NO_XATTR_TOOL });
    expect(findings.filter((f) => f.status !== 'unknown')).toEqual([]);
  });
});
