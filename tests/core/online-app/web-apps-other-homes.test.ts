// Browser web apps in every person's home, not only the current user's (docs/online-apps.md, «Browser web apps»):
// real files in a temporary root with a user database naming several homes (Chrome's menu entries and Manifest
// Resources folders, a snap Chromium profile, hand-made `--app=URL` entries), run as root as IT runs it; a macOS
// app shim in another user's ~/Applications; Windows Start-menu shortcuts in another profile. Each record names
// whose home it is (`user`), the Vietnamese text says the user name; a home that could not be read is `unknown`
// with that user named, never a clean result. Look-alikes (hosts, folders, a Firefox bookmark) are nobody's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherHomesWebAppsProbe, otherProfilesWebAppsProbe, webAppsProbe } from '../../../src/core/checks/banned-app/web-apps';
import type { Probe } from '../../../src/core/checks/banned-app/probe';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { createTranslator } from '../../../src/core/i18n/translator';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { buildShellLink } from '../../helpers/shell-link-bytes';
import { fixture, PROFILE_LIST, regS } from '../banned-app/windows/windows-host';

const MEET = 'kjgfgldnnfoeklkmfkjfagphfepbbdan';
const vi = createTranslator('vi');

async function run(host: Host, other: Probe): Promise<readonly Finding[]> {
  const probes = [webAppsProbe, other];
  return onlineAppCheck({ linux: probes, darwin: probes, win32: probes }).run({ host, policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
}

const notices = (found: readonly Finding[]): Finding[] => found.filter((f) => f.status === 'notice');

/** Chrome's menu entry for an installed web app, as shell_integration_linux writes it (an argument with a space quoted whole). */
function chromeEntry(id: string, name: string, profile = 'Default', program = '/opt/google/chrome/google-chrome'): string {
  const dir = profile.includes(' ') ? `"--profile-directory=${profile}"` : `--profile-directory=${profile}`;
  return `#!/usr/bin/env xdg-open\n[Desktop Entry]\nVersion=1.0\nTerminal=false\nType=Application\nName=${name}\nExec=${program} ${dir} --app-id=${id}\nIcon=chrome-${id}-${profile}\nStartupWMClass=crx_${id}\n`;
}

const handMade = (name: string, url: string): string => `[Desktop Entry]\nType=Application\nName=${name}\nExec=chromium --app=${url} %U\n`;

describe('on Linux, several homes in a temporary root, run as root', () => {
  let root: string;
  let an: string;
  let hoa: string;
  let nguyen: string;
  let asRoot: SandboxHost;
  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  const icons = (userData: string, profile: string, id: string): void => put(join(userData, profile, 'Web Applications', 'Manifest Resources', id, 'Icons', '256.png'), 'png');

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'attt-webapp-homes-'));
    an = join(root, 'home', 'an');
    hoa = join(root, 'home', 'hoa');
    nguyen = join(root, 'home', 'nguyễn');
    put(join(root, 'etc', 'passwd'), [
      `root:x:0:0:root:${join(root, 'root')}:/bin/bash`,
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      `an:x:1000:1000:Lê An,,,:${an}:/bin/bash`,
      `hoa:x:1001:1001:Trần Hoa,,,:${hoa}:/bin/bash`,
      `nguyễn:x:1002:1002:Nguyễn Văn Bình,,,:${nguyen}:/bin/bash`,
      '',
    ].join('\n'));
    // an (the current user, HOME kept by sudo) has Google Meet from Chrome.
    put(join(an, '.local', 'share', 'applications', `chrome-${MEET}-Default.desktop`), chromeEntry(MEET, 'Google Meet'));
    icons(join(an, '.config', 'google-chrome'), 'Default', MEET);
    // hoa has it too, from her second Chrome profile: hers is another install.
    put(join(hoa, '.local', 'share', 'applications', `chrome-${MEET}-Profile 1.desktop`), chromeEntry(MEET, 'Google Meet', 'Profile 1'));
    icons(join(hoa, '.config', 'google-chrome'), 'Profile 1', MEET);
    // Look-alikes in hoa's home: a Firefox bookmark named «Google Meet», hosts that only resemble ClickMeeting's and eMeeting's.
    put(join(hoa, '.local', 'share', 'applications', 'google-meet-firefox.desktop'), '[Desktop Entry]\nType=Application\nName=Google Meet\nExec=firefox --new-window "https://meet.google.com/landing"\n');
    put(join(hoa, '.local', 'share', 'applications', 'cm.desktop'), handMade('Họp', 'https://clickmeeting.com.hop-truc-tuyen.example/room'));
    put(join(hoa, '.local', 'share', 'applications', 'em.desktop'), handMade('Họp', 'https://notemeeting.vn/'));
    // GoTo Meeting's web app (on Linux GoTo offers no desktop app) and a host that only starts like GoTo's.
    put(join(hoa, '.local', 'share', 'applications', 'goto.desktop'), handMade('GoTo', 'https://app.goto.com/meeting/123456789'));
    put(join(hoa, '.local', 'share', 'applications', 'goto-fake.desktop'), handMade('GoTo', 'https://app.goto.com.meeting-join.example/'));
    // A folder that is not a profile (Chromium's «System Profile») and an id-like folder of the wrong shape are not web apps.
    icons(join(hoa, '.config', 'google-chrome'), 'System Profile', MEET);
    icons(join(hoa, '.config', 'google-chrome'), 'Default', MEET.toUpperCase());
    // nguyễn: Meet in snap Chromium's profile (folder only), and ClickMeeting opened in app mode by hand.
    icons(join(nguyen, 'snap', 'chromium', 'common', 'chromium'), 'Default', MEET);
    put(join(nguyen, '.local', 'share', 'applications', 'clickmeeting.desktop'), handMade('ClickMeeting', 'https://app.clickmeeting.com/'));
    asRoot = new SandboxHost({
      homedir: an,
      env: { PATH: process.env.PATH, ATTT_SELFCHECK_PASSWD_FILE: join(root, 'etc', 'passwd') },
      // Run as root, whoever runs the test: `id -u` says 0.
      rewrite: (argv) => (argv[0] === 'id' ? ['sh', '-c', 'echo 0'] : argv),
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds each person\'s Google Meet as their own notice, nguyễn\'s ClickMeeting and hoa\'s GoTo Meeting; the look-alikes are nobody\'s', async () => {
    const found = notices(await run(asRoot, otherHomesWebAppsProbe));
    const seen = found.map((f) => [f.app, f.evidence[0]!.data?.user ?? null, f.evidence.map((e) => e.data?.form).sort().join('+')]);
    expect(seen.sort()).toEqual([
      ['clickmeeting', 'nguyễn', 'desktop-entry'],
      ['google-meet', null, 'desktop-entry+web-app-folder'],
      ['google-meet', 'hoa', 'desktop-entry+web-app-folder'],
      ['google-meet', 'nguyễn', 'web-app-folder'],
      ['goto-meeting', 'hoa', 'desktop-entry'],
    ]);
    const hers = found.find((f) => f.app === 'google-meet' && f.evidence[0]!.data?.user === 'hoa')!;
    expect(hers.evidence.find((e) => e.data?.form === 'desktop-entry')).toMatchObject({
      path: join(hoa, '.local', 'share', 'applications', `chrome-${MEET}-Profile 1.desktop`),
      data: { user: 'hoa', home: hoa, id: MEET, profile: 'Profile 1', browser: 'Google Chrome' },
      label: { key: 'bannedApp:webApp.evidenceOfUser', params: { user: 'hoa' } },
    });
    expect(found.find((f) => f.app === 'google-meet' && f.evidence[0]!.data?.user === 'nguyễn')!.evidence[0]).toMatchObject({ data: { browser: 'Chromium', home: nguyen } });
  });

  it('says the user name in Vietnamese, never the home\'s path', async () => {
    const found = notices(await run(asRoot, otherHomesWebAppsProbe));
    const hers = found.find((f) => f.app === 'google-meet' && f.evidence[0]!.data?.user === 'hoa')!;
    const title = vi.message(hers.title);
    expect(title).toBe('Trên máy có Google Meet (ứng dụng họp trực tuyến, nhắn tin) trong tài khoản hoa');
    const label = vi.message(hers.evidence.find((e) => e.data?.form === 'desktop-entry')!.label!);
    expect(label).toBe('Ứng dụng web «Google Meet» cài từ trình duyệt Google Chrome (hồ sơ Profile 1) trong tài khoản hoa');
    for (const text of [title, label]) expect(text).not.toContain(root);
  });

  it('the current user\'s probe alone does not see the other homes', async () => {
    const found = notices(await run(asRoot, webAppsProbe));
    expect(found.map((f) => [f.app, f.evidence[0]!.data?.user ?? null])).toEqual([['google-meet', null]]);
  });
});

describe('on Linux, another home that cannot be read', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/bash\nlan:x:1000:1000::/home/lan:/bin/bash\nhoa:x:1001:1001::/home/hoa:/bin/bash\n';
  const pc = (uid: string, files: Record<string, FixtureNode>): FixtureHost =>
    new FixtureHost({ platform: 'linux', homedir: '/home/lan', files: { '/etc/passwd': passwd, '/home/lan': { type: 'dir' }, ...files }, commands: [{ argv: ['id', '-u'], stdout: `${uid}\n` }] });

  it('as root: unknown, the reason naming hoa, never ok', async () => {
    const found = await run(pc('0', { '/home/hoa': { type: 'error', code: 'permission' } }), otherHomesWebAppsProbe);
    expect(found.map((f) => f.status)).toEqual(['unknown']);
    expect(found[0]!.reason).toMatchObject({ key: 'bannedApp:otherUsers.reason.unreadableAsAdmin', params: { user: 'hoa' } });
    expect(vi.message(found[0]!.reason!)).toContain('người dùng hoa');
  });

  it('as root: a folder of hers that cannot be read is unknown too', async () => {
    const found = await run(pc('0', { '/home/hoa/.local/share/applications': { type: 'error', code: 'permission' } }), otherHomesWebAppsProbe);
    expect(found.map((f) => f.status)).toEqual(['unknown']);
    expect(found[0]!.reason).toMatchObject({ params: { user: 'hoa' } });
  });

  it('as lan: hoa\'s closed home is her privacy, said in what was looked at', async () => {
    const r = await otherHomesWebAppsProbe.run({ host: pc('1000', { '/home/hoa': { type: 'error', code: 'permission' } }), policy: builtinPolicy(), now: new Date() }, builtinPolicy().onlineApps.find((a) => a.id === 'google-meet')!);
    expect(r).toMatchObject({ status: 'ran', hits: [] });
    expect(r.status === 'ran' && r.looked).toContain('not readable as this user: hoa');
  });
});

/** An app shim's Info.plist as Chromium's app_mode template fills it. */
function shimPlist(id: string, name: string, url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>app_mode_loader</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>com.google.Chrome.app.${id}</string>\n\t<key>CrAppModeProfileDir</key>\n\t<string>Default</string>\n\t<key>CrAppModeShortcutID</key>\n\t<string>${id}</string>\n\t<key>CrAppModeShortcutName</key>\n\t<string>${name}</string>\n\t<key>CrAppModeShortcutURL</key>\n\t<string>${url}</string>\n</dict>\n</plist>\n`;
}

describe('on macOS, another user\'s app shims', () => {
  const mac = (files: Record<string, FixtureNode>): FixtureHost =>
    new FixtureHost({ platform: 'darwin', homedir: '/Users/lan', files: { '/Users/lan': { type: 'dir' }, '/Users/Shared': { type: 'dir' }, ...files }, commands: [{ argv: ['id', '-u'], stdout: '0\n' }] });

  it('finds hoa\'s eMeeting shim by its host, named as hers; a shim in Shared is nobody\'s', async () => {
    const found = notices(
      await run(
        mac({
          '/Users/hoa/Applications/Chrome Apps.localized/eMeeting.app/Contents/Info.plist': shimPlist('aaaabbbbccccddddeeeeffffgggghhhh', 'eMeeting', 'https://emeeting.vn/emeeting/homePage'),
          '/Users/Shared/Applications/Chrome Apps.localized/Google Meet.app/Contents/Info.plist': shimPlist(MEET, 'Google Meet', 'https://meet.google.com/'),
        }),
        otherHomesWebAppsProbe,
      ),
    );
    expect(found.map((f) => [f.app, f.evidence[0]!.data?.user, f.evidence[0]!.data?.matchedBy])).toEqual([['emeeting-vn', 'hoa', 'host']]);
    expect(vi.message(found[0]!.title)).toContain('trong tài khoản hoa');
  });

  it('a home macOS keeps closed even to root (no Full Disk Access) is unknown naming its user', async () => {
    const found = await run(mac({ '/Users/hoa/Applications': { type: 'error', code: 'permission' } }), otherHomesWebAppsProbe);
    expect(found.map((f) => f.status)).toEqual(['unknown']);
    expect(found[0]!.reason).toMatchObject({ key: 'bannedApp:otherUsers.reason.unreadableAsAdmin', params: { user: 'hoa' } });
  });
});

describe('on Windows, the other profiles', () => {
  const menu = (user: string): string => `C:\\Users\\${user}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs`;
  const proxy = (exe: string, id: string, profile = 'Default'): FixtureNode => ({ type: 'file', content: buildShellLink({ localBasePath: exe, unicodeInfo: true, arguments: `--profile-directory="${profile}" --app-id=${id}` }) });
  const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome_proxy.exe';
  const win = (files: Record<string, FixtureNode>): FixtureHost =>
    new FixtureHost({
      platform: 'win32',
      homedir: 'C:\\Users\\Nguyễn',
      env: { SystemDrive: 'C:', APPDATA: 'C:\\Users\\Nguyễn\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\Nguyễn\\AppData\\Local', USERPROFILE: 'C:\\Users\\Nguyễn' },
      files: { 'C:\\Users\\Nguyễn': { type: 'dir' }, 'C:\\Users\\Public': { type: 'dir' }, ...files },
      // The recorded ProfileList: Nguyễn (the current user) and tran, whose folder only an administrator may open.
      commands: [regS(PROFILE_LIST, fixture('reg-profile-list.txt'))],
    });

  it('hoa\'s Google Meet (shortcut and profile folder) is hers; tran\'s closed profile is unknown naming tran', async () => {
    const found = await run(
      win({
        [`${menu('hoa')}\\Chrome Apps\\Google Meet.lnk`]: proxy(CHROME, MEET),
        [`C:\\Users\\hoa\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Web Applications\\Manifest Resources\\${MEET}\\Icons\\256.png`]: 'png',
        // A shortcut to the site (no --app-id) is not a web app.
        [`${menu('hoa')}\\Meet.lnk`]: { type: 'file', content: buildShellLink({ localBasePath: CHROME.replace('chrome_proxy', 'chrome'), unicodeInfo: true, arguments: 'https://meet.google.com/' }) },
        'C:\\Users\\tran': { type: 'error', code: 'permission' },
      }),
      otherProfilesWebAppsProbe,
    );
    const meet = notices(found);
    expect(meet.map((f) => f.app)).toEqual(['google-meet']);
    expect(meet[0]!.evidence.map((e) => [e.data?.form, e.data?.user, e.data?.home]).sort()).toEqual([
      ['shortcut', 'hoa', 'C:\\Users\\hoa'],
      ['web-app-folder', 'hoa', 'C:\\Users\\hoa'],
    ]);
    expect(vi.message(meet[0]!.title)).toBe('Trên máy có Google Meet (ứng dụng họp trực tuyến, nhắn tin) trong tài khoản hoa');
    // The other apps' web apps could not be looked for in tran's profile: said, with his name and no path.
    const unknown = found.find((f) => f.status === 'unknown')!;
    expect(unknown.reason).toMatchObject({ key: 'bannedApp:otherUsers.reason.profileUnreadable', params: { user: 'tran' } });
    const text = vi.message(unknown.reason!);
    expect(text).toContain('tài khoản tran');
    expect(text).not.toContain('C:\\');
  });

  it('with no other profile, nothing to look at: the current user\'s probe decides', async () => {
    const found = await run(win({}), otherProfilesWebAppsProbe);
    expect(found.map((f) => f.status)).toEqual(['ok']);
  });
});
