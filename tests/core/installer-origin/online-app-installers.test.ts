// The installers of Skype, Messenger, TrueConf, GoTo Meeting and join.me, named in the built-in policy with the
// domains their vendors really serve them from (winget's InstallerUrl hosts; sources in docs/online-apps.md): a
// real-shaped download of each from its official host is no finding, the same file from a look-alike host is a
// violation naming the official domains. Windows: Zone.Identifier streams as browsers write them (recorded);
// Linux: real user.xdg.* attributes on real files in a temporary home.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/core/checks/check';
import { installerOriginCheck } from '../../../src/core/checks/installer-origin/installer-origin-check';
import { USER_SHELL_FOLDERS } from '../../../src/core/checks/installer-origin/windows-folders';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { RealHost } from '../../../src/core/host/real-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { userXattrsRefusal } from '../../helpers/user-xattrs';

const run = (host: Host): Promise<readonly Finding[]> => installerOriginCheck().run({ host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') } satisfies CheckContext);
const about = (findings: readonly Finding[], name: string): Finding | undefined => findings.find((f) => f.status !== 'ok' && f.status !== 'unknown' && f.evidence.some((e) => e.path?.endsWith(`\\${name}`) || e.path?.endsWith(`/${name}`)));

/** One vendor's installer: its file name, the URL its vendor serves it from, a look-alike's, and what the title must name. */
interface Case {
  readonly app: string;
  readonly name: string;
  readonly file: string;
  readonly official: string;
  readonly referrer?: string;
  readonly fake: string;
  readonly fakeHost: string;
  readonly naming: Readonly<Record<string, string>>;
}

const CASES: readonly Case[] = [
  // winget Microsoft.Skype 8.136 InstallerUrl.
  { app: 'skype', name: 'Skype', file: 'Skype-8.136.0.203.exe', official: 'https://download.skype.com/s4l/production/win/Skype-8.136.0.203.exe', fake: 'https://skype.com.download-free.example/Skype-8.136.0.203.exe', fakeHost: 'skype.com.download-free.example', naming: { official: 'skype.com' } },
  // winget Meta.Messenger 215.6.643112060 InstallerUrl; the file as the redirect names it (Messenger.VERSION.exe).
  { app: 'messenger', name: 'Messenger', file: 'Messenger.215.6.643112060.exe', official: 'https://www.messenger.com/messenger/desktop/downloadV2/?platform=win', referrer: 'https://www.messenger.com/desktop', fake: 'https://messenger-desktop.example/Messenger.215.6.643112060.exe', fakeHost: 'messenger-desktop.example', naming: { official: 'messenger.com', officialLast: 'facebook.com' } },
  // winget TrueConf.TrueConf 8.5.5.173 InstallerUrl.
  { app: 'trueconf', name: 'TrueConf', file: 'trueconf_client_x64.msi', official: 'https://trueconf.com/download/client/windows/trueconf_client_x64.msi', fake: 'https://xn--trueconf-0ya.com/download/trueconf_client_x64.msi', fakeHost: 'xn--trueconf-0ya.com', naming: { official: 'trueconf.com', officialLast: 'trueconf.ru' } },
  // winget GoTo.GoTo 4.20.3 InstallerUrl.
  { app: 'goto-meeting', name: 'GoTo Meeting', file: 'GoToSetup-4.20.3.exe', official: 'https://goto-desktop.goto.com/GoToSetup-4.20.3.exe', fake: 'https://gotomeeting.com.example.net/GoToSetup-4.20.3.exe', fakeHost: 'gotomeeting.com.example.net', naming: { official: 'goto.com, gotomeeting.com', officialLast: 'getgo.com' } },
  // GoToMeeting's MSI where link.gotomeeting.com/latest-msi (winget LogMeIn.GoToMeeting) leads: builds.cdn.getgo.com.
  { app: 'goto-meeting', name: 'GoTo Meeting', file: 'G2MSetup10.18.19932_IT.msi', official: 'https://builds.cdn.getgo.com/builds/g2m/19932/G2MSetup10.18.19932_IT.msi', fake: 'http://203.0.113.9/G2MSetup10.18.19932_IT.msi', fakeHost: '203.0.113.9', naming: { official: 'goto.com, gotomeeting.com', officialLast: 'getgo.com' } },
  // join.me's download page (Chocolatey's join.me package, Homebrew's joinme cask) and its installer's name.
  { app: 'join-me', name: 'join.me', file: 'join.me.installer.exe', official: 'https://secure.join.me/Download.aspx?installer=win', fake: 'https://join-me.example/join.me.installer.exe', fakeHost: 'join-me.example', naming: { official: 'join.me' } },
];

describe('Windows: each vendor\'s installer from its official host and from a look-alike (recorded Zone.Identifier streams)', () => {
  const home = 'C:\\Users\\Trần Thị B';
  const dl = `${home}\\Downloads`;
  const desk = `${home}\\Desktop`;
  const zone = (url: string, referrer?: string): string => `[ZoneTransfer]\r\nZoneId=3\r\n${referrer ? `ReferrerUrl=${referrer}\r\n` : ''}HostUrl=${url}\r\n`;
  const files: Record<string, FixtureNode> = {};
  for (const c of CASES) {
    files[`${dl}\\${c.file}`] = 'MZ';
    files[`${dl}\\${c.file}:Zone.Identifier`] = zone(c.official, c.referrer);
    files[`${desk}\\${c.file}`] = 'MZ';
    files[`${desk}\\${c.file}:Zone.Identifier`] = zone(c.fake);
  }
  // Messenger's desktop app ended on 15 December 2025: a "Messenger" installer sent in a chat (Meta's attachment CDN) is no Meta download.
  files[`${dl}\\Messenger.216.0.1.exe`] = 'MZ';
  files[`${dl}\\Messenger.216.0.1.exe:Zone.Identifier`] = zone('https://scontent.xx.fbcdn.net/v/t39.8562-6/Messenger.216.0.1.exe', 'https://www.facebook.com/');
  const SHELL_FOLDERS = {
    argv: ['reg', 'query', USER_SHELL_FOLDERS],
    stdout: ['', `HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders`, '    Desktop    REG_EXPAND_SZ    %USERPROFILE%\\Desktop', '    {374DE290-123F-4565-9164-39C4925E467B}    REG_EXPAND_SZ    %USERPROFILE%\\Downloads', '', ''].join('\r\n'),
  };
  const host = new FixtureHost({ platform: 'win32', homedir: home, env: { USERPROFILE: home }, files, commands: [SHELL_FOLDERS] });

  it.each(CASES)('$name ($file): official is nothing, a look-alike is a likely fake naming the official domains', async (c) => {
    const findings = await run(host);
    const mine = findings.filter((f) => f.evidence.some((e) => e.path?.endsWith(`\\${c.file}`)) && f.status !== 'ok');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      status: 'violation',
      app: c.app,
      evidence: [{ path: `${desk}\\${c.file}`, data: { downloadHost: c.fakeHost } }],
      title: { key: c.naming.officialLast ? 'installerOrigin:fake.titleEither' : 'installerOrigin:fake.title', params: { app: c.name, host: c.fakeHost, ...c.naming } },
      action: { params: { official: c.naming.official!.split(', ')[0] } },
    });
  });

  it('a Messenger installer from Meta\'s attachment CDN (a file sent in a chat) is a likely fake too', async () => {
    expect(about(await run(host), 'Messenger.216.0.1.exe')).toMatchObject({ status: 'violation', app: 'messenger', title: { params: { host: 'scontent.xx.fbcdn.net' } } });
  });

  it('the findings are the look-alikes and the chat file only', async () => {
    const findings = await run(host);
    expect(findings.filter((f) => f.status === 'violation')).toHaveLength(CASES.length + 1);
    expect(findings.filter((f) => f.status !== 'violation')).toEqual([]);
  });
});

const canXattr = userXattrsRefusal();

describe.skipIf(canXattr !== null)(`Linux: Skype for Linux's package from its repository and from a look-alike (real user.xdg.* attributes)${canXattr ? ` (skipped: ${canXattr})` : ''}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'online-installers-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const dl = join(home, 'Downloads');
  const desk = join(home, 'Desktop');
  mkdirSync(dl);
  mkdirSync(desk);
  const put = (folder: string, name: string, url: string): void => {
    writeFileSync(join(folder, name), '!<arch>\n');
    execFileSync('setfattr', ['-n', 'user.xdg.origin.url', '-v', url, join(folder, name)]);
  };
  // What repo.skype.com/latest and go.skype.com served (install scripts on GitHub fetch them so).
  put(dl, 'skypeforlinux-64.deb', 'https://repo.skype.com/latest/skypeforlinux-64.deb');
  put(desk, 'skypeforlinux-64.deb', 'https://go-skype.com.example/skypeforlinux-64.deb');
  // TrueConf's Debian package from TrueConf's own mirror (pool/non-free/t/trueconf/trueconf_VERSION-…_amd64.deb, as Etersoft's eepm
  // play.d/trueconf.sh fetches it; 8.5.0.2881 is TrueConf's Arch package's version), and a file of that name from a look-alike.
  put(dl, 'trueconf_8.5.0.2881-1_amd64.deb', 'https://mirror.trueconf.ru/debian/pool/non-free/t/trueconf/trueconf_8.5.0.2881-1_amd64.deb');
  put(desk, 'trueconf_8.5.0.2881-1_amd64.deb', 'https://trueconf.ru.mirror-download.example/trueconf_8.5.0.2881-1_amd64.deb');
  const host = new RealHost({ homedir: home, env: { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin' } });

  it('official is nothing; the look-alikes are likely fakes naming skype.com and TrueConf\'s domains', async () => {
    const findings = await run(host);
    expect(findings).toHaveLength(2);
    expect(findings.find((f) => f.app === 'skype')).toMatchObject({ status: 'violation', evidence: [{ path: join(desk, 'skypeforlinux-64.deb') }], title: { key: 'installerOrigin:fake.title', params: { app: 'Skype', host: 'go-skype.com.example', official: 'skype.com' } } });
    expect(findings.find((f) => f.app === 'trueconf')).toMatchObject({ status: 'violation', evidence: [{ path: join(desk, 'trueconf_8.5.0.2881-1_amd64.deb') }], title: { key: 'installerOrigin:fake.titleEither', params: { app: 'TrueConf', host: 'trueconf.ru.mirror-download.example', official: 'trueconf.com', officialLast: 'trueconf.ru' } } });
  });
});
