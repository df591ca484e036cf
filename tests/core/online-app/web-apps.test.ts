// Browser web apps of the online apps, from the records Chromium-family browsers keep (docs/online-apps.md,
// «Browser web apps»): real files in a temporary Linux home (Chrome's menu entry and profile folder, a hand-made
// `--app=URL` entry), a macOS app shim's Info.plist, a Windows Start-menu shortcut built to [MS-SHLLINK]. Each is
// a notice of its app; other web apps, a name that is not the app's, and a Firefox shortcut to the site are not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppsProbe } from '../../../src/core/checks/banned-app/web-apps';
import { browserName } from '../../../src/core/checks/banned-app/web-apps-seen';
import { onlineAppCheck } from '../../../src/core/checks/online-app/online-app-check';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import type { Host } from '../../../src/core/host/host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { buildShellLink } from '../../helpers/shell-link-bytes';

const MEET = 'kjgfgldnnfoeklkmfkjfagphfepbbdan';
/** Another installed web app (its id is not the policy's). */
const OTHER = 'faolnafnngnfdaknnbpnkhgohbobgegn';

async function run(host: Host): Promise<readonly Finding[]> {
  const probes = [webAppsProbe];
  return onlineAppCheck({ linux: probes, darwin: probes, win32: probes }).run({ host, policy: builtinPolicy(), now: new Date('2026-12-01T08:00:00Z') });
}

const notices = (found: readonly Finding[]): Finding[] => found.filter((f) => f.status === 'notice');

/** Chrome's menu entry for an installed web app, as shell_integration_linux writes it. */
function chromeEntry(id: string, name: string, program = '/opt/google/chrome/google-chrome'): string {
  return `#!/usr/bin/env xdg-open\n[Desktop Entry]\nVersion=1.0\nTerminal=false\nType=Application\nName=${name}\nExec=${program} --profile-directory=Default --app-id=${id}\nIcon=chrome-${id}-Default\nStartupWMClass=crx_${id}\n`;
}

describe('on Linux, real files in a temporary home', () => {
  let root: string;
  let host: SandboxHost;
  const put = (path: string, content: string): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'attt-webapps-'));
    const apps = join(root, '.local', 'share', 'applications');
    put(join(apps, `chrome-${MEET}-Default.desktop`), chromeEntry(MEET, 'Google Meet'));
    put(join(root, '.config', 'google-chrome', 'Default', 'Web Applications', 'Manifest Resources', MEET, 'Icons', '256.png'), 'png');
    put(join(apps, `msedge-${OTHER}-Profile 1.desktop`), chromeEntry(OTHER, 'Outlook (PWA)', '/opt/microsoft/msedge/microsoft-edge'));
    // Hand-made: Chromium in app mode on Zalo Web, and a Firefox bookmark to Meet (no web app, not reported).
    put(join(apps, 'zalo-web.desktop'), '[Desktop Entry]\nType=Application\nName=Zalo Web\nExec=chromium --app=https://chat.zalo.me/ %U\n');
    put(join(apps, 'google-meet-firefox.desktop'), '[Desktop Entry]\nType=Application\nName=Google Meet\nExec=firefox --new-window "https://meet.google.com/landing"\n');
    host = new SandboxHost({ homedir: root, env: { PATH: process.env.PATH } });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('Google Meet (entry and profile folder: one notice), Zalo Web by its URL; Outlook and the Firefox bookmark are nobody\'s', async () => {
    const found = notices(await run(host));
    expect(found.map((f) => f.app).sort()).toEqual(['google-meet', 'zalo']);
    const meet = found.find((f) => f.app === 'google-meet')!;
    expect(meet).toMatchObject({ check: 'online-app', status: 'notice', advisoryPoint: 3, alsoPoints: [4], severity: 'info' });
    expect(meet.evidence.map((e) => e.data?.form).sort()).toEqual(['desktop-entry', 'web-app-folder']);
    expect(meet.evidence.find((e) => e.data?.form === 'desktop-entry')).toMatchObject({ kind: 'launcher', data: { id: MEET, matchedBy: 'id', browser: 'Google Chrome', profile: 'Default', name: 'Google Meet' }, label: { key: 'bannedApp:webApp.evidence' } });
    expect(found.find((f) => f.app === 'zalo')!.evidence[0]).toMatchObject({ data: { matchedBy: 'host', url: 'https://chat.zalo.me/', browser: 'Chromium' } });
  });

  it('without any: one ok for the list', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'attt-webapps-none-'));
    try {
      const found = await run(new SandboxHost({ homedir: empty, env: { PATH: process.env.PATH } }));
      expect(found.map((f) => f.status)).toEqual(['ok']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

/** An app shim's Info.plist as Chromium's app_mode template fills it. */
function shimPlist(browserId: string, id: string, name: string, url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>app_mode_loader</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>${browserId}.app.${id}</string>\n\t<key>CFBundleName</key>\n\t<string>${name}</string>\n\t<key>CrAppModeProfileDir</key>\n\t<string>Default</string>\n\t<key>CrAppModeShortcutID</key>\n\t<string>${id}</string>\n\t<key>CrAppModeShortcutName</key>\n\t<string>${name}</string>\n\t<key>CrAppModeShortcutURL</key>\n\t<string>${url}</string>\n\t<key>CrBundleIdentifier</key>\n\t<string>${browserId}</string>\n</dict>\n</plist>\n`;
}

describe('on macOS, app shims in ~/Applications', () => {
  const HOME = '/Users/nguyễn';
  const mac = (files: Record<string, FixtureNode>): FixtureHost => new FixtureHost({ platform: 'darwin', homedir: HOME, files: { '/Applications': { type: 'dir' }, ...files } });

  it('Google Meet by its id, Teams web by the host of its start URL; Gmail is nobody\'s', async () => {
    const found = notices(
      await run(
        mac({
          [`${HOME}/Applications/Chrome Apps.localized/Google Meet.app/Contents/Info.plist`]: shimPlist('com.google.Chrome', MEET, 'Google Meet', 'https://meet.google.com/landing'),
          [`${HOME}/Applications/Edge Apps.localized/Microsoft Teams.app/Contents/Info.plist`]: shimPlist('com.microsoft.edgemac', 'cifhbcnohmdccbgoicgdjpfamggdegmo', 'Microsoft Teams', 'https://teams.microsoft.com/v2/'),
          [`${HOME}/Applications/Chrome Apps.localized/Gmail.app/Contents/Info.plist`]: shimPlist('com.google.Chrome', 'fmgjjmmmlfnkbppncabfkddbjimcfncm', 'Gmail', 'https://mail.google.com/mail/'),
        }),
      ),
    );
    expect(found.map((f) => [f.app, f.evidence[0]!.data?.matchedBy, f.evidence[0]!.data?.browser]).sort()).toEqual([
      ['google-meet', 'id', 'Google Chrome'],
      ['microsoft-teams', 'host', 'Microsoft Edge'],
    ]);
  });

  it('a garbled shim Info.plist (and nothing found) is unknown with the file named, never ok', async () => {
    const found = await run(mac({ [`${HOME}/Applications/Chrome Apps.localized/Meet.app/Contents/Info.plist`]: '<?xml version="1.0"?><plist><dict><key>CrAppModeShortcutID' }));
    expect(found.map((f) => f.status)).toEqual(['unknown']);
    expect(JSON.stringify(found[0]!.reason)).toContain('Meet.app');
  });
});

describe('on Windows, Start-menu shortcuts', () => {
  const APPDATA = 'C:\\Users\\Nguyễn\\AppData\\Roaming';
  const menu = `${APPDATA}\\Microsoft\\Windows\\Start Menu\\Programs`;
  const win = (files: Record<string, FixtureNode>): FixtureHost =>
    new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: { APPDATA, LOCALAPPDATA: 'C:\\Users\\Nguyễn\\AppData\\Local' }, files });
  const proxy = (exe: string, id: string, profile = 'Default'): FixtureNode => ({ type: 'file', content: buildShellLink({ localBasePath: exe, unicodeInfo: true, arguments: `--profile-directory="${profile}" --app-id=${id}` }) });

  it('Chrome\'s «Google Meet.lnk» and Edge\'s are one notice of Google Meet; another web app and a broken shortcut are not', async () => {
    const found = notices(
      await run(
        win({
          [`${menu}\\Chrome Apps\\Google Meet.lnk`]: proxy('C:\\Program Files\\Google\\Chrome\\Application\\chrome_proxy.exe', MEET),
          [`${menu}\\Google Meet.lnk`]: proxy('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge_proxy.exe', MEET, 'Profile 1'),
          [`${menu}\\Chrome Apps\\Outlook.lnk`]: proxy('C:\\Program Files\\Google\\Chrome\\Application\\chrome_proxy.exe', OTHER),
          [`${menu}\\Broken.lnk`]: { type: 'file', content: new Uint8Array([0x4c, 0, 0, 0, 1, 2]) },
          [`C:\\Users\\Nguyễn\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Web Applications\\Manifest Resources\\${MEET}\\Icons\\256.png`]: 'png',
        }),
      ),
    );
    expect(found.map((f) => f.app)).toEqual(['google-meet']);
    expect(found[0]!.evidence.map((e) => [e.data?.form, e.data?.browser, e.data?.profile]).sort()).toEqual([
      ['shortcut', 'Google Chrome', 'Default'],
      ['shortcut', 'Microsoft Edge', 'Profile 1'],
      ['web-app-folder', 'Google Chrome', 'Default'],
    ]);
  });
});

describe('browser names a person reads', () => {
  it('from programs, menu-entry prefixes and shim folders', () => {
    expect(['chrome_proxy.exe', 'msedge_proxy.exe', 'google-chrome', 'chromium-browser', 'brave', 'Chrome Apps.localized', 'Edge Apps.localized'].map(browserName)).toEqual([
      'Google Chrome',
      'Microsoft Edge',
      'Google Chrome',
      'Chromium',
      'Brave',
      'Google Chrome',
      'Microsoft Edge',
    ]);
  });
});
