// The browser-patch check on a recorded Windows PC (the Uninstall keys of HKLM, HKLM\WOW6432Node and HKCU as
// `reg query /s` prints them) and on a recorded Mac (app bundles' Info.plist, XML and binary).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserPatchCheck } from '../../../src/core/checks/browser-patch/browser-patch-check';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../src/core/host/fixture-host';
import { regQueryArgv } from '../../../src/core/windows/reg-query';
import { builtinPolicy } from '../../../src/core/policy/policy';
import type { Finding } from '../../../src/shared/finding';
import { ENV, HKCU, HKLM32, HKLM64, regS, windowsCommands, windowsFiles } from '../banned-app/windows/windows-host';
import { peWithVersion, versionBlock } from '../../helpers/pe-builder';
import { frozenCatalog, inUse } from './catalog';

const rec = (os: string, name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'browser-patch', os, name), 'utf8');
const NOW = new Date('2026-10-30T08:00:00Z');
const CATALOG = inUse(
  frozenCatalog([
    ...frozenCatalog().browsers,
    { id: 'edge', name: 'Microsoft Edge', asOf: '2026-09-04', releases: [{ version: '152.0.4191.66', date: '2026-09-04', security: true, sources: ['edge-relnote-152-66'] }], patchedMajors: [{ major: 152, sources: ['edge-relnote-152-66'] }] },
    { id: 'firefox', name: 'Mozilla Firefox', asOf: '2026-09-29', releases: [{ version: '157.0', date: '2026-09-29', security: true, sources: ['firefox-157-notes'] }], patchedMajors: [{ major: 157, sources: ['firefox-157-notes'] }] },
  ]),
);

async function check(host: FixtureHost): Promise<readonly Finding[]> {
  return browserPatchCheck({ catalog: async () => CATALOG }).run({ host, policy: builtinPolicy(), now: NOW });
}

const byBrowser = (found: readonly Finding[]): Record<string, Finding> => Object.fromEntries(found.map((f) => [String(f.title.params?.browser), f]));

describe('browsers on a recorded Windows PC (Uninstall keys)', () => {
  const pc = (over = [regS(HKLM64, rec('windows', 'reg-hklm-uninstall-64.txt')), regS(HKLM32, rec('windows', 'reg-hklm-uninstall-wow64.txt')), regS(HKCU, rec('windows', 'reg-hkcu-uninstall.txt'))]): FixtureHost =>
    new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: ENV, files: windowsFiles(), commands: windowsCommands(over) });

  it('Chrome, Edge, Firefox ESR and Cốc Cốc each by its DisplayVersion; Edge Update, WebView2 and the Maintenance Service are not browsers', async () => {
    const found = byBrowser(await check(pc()));
    expect(Object.keys(found).sort()).toEqual(['Cốc Cốc', 'Google Chrome', 'Microsoft Edge', 'Mozilla Firefox ESR']);
    // The Windows build of Chrome 155 is .40 (Linux .39): not behind.
    expect(found['Google Chrome']).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.newer', params: { installed: '155.0.8059.40' } } });
    expect(found['Google Chrome']!.evidence[0]).toMatchObject({ kind: 'registry', version: '155.0.8059.40', data: { displayName: 'Google Chrome', hive: 'HKLM', view: '32' } });
    // Edge 150 while Microsoft patches 152 only: a violation naming both versions.
    expect(found['Microsoft Edge']).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.title', params: { installed: '150.0.4078.65', major: 150, latest: '152.0.4191.66' } } });
    // ESR 140.12 after ESR 140 ended (13/10/2026).
    expect(found['Mozilla Firefox ESR']).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.titleEnded', params: { installed: '140.12.0' } } });
    // Cốc Cốc 121 is behind the 2023 fact 123.0.168 by years: a warning, and it says its facts are old.
    expect(found['Cốc Cốc']).toMatchObject({ status: 'warning', title: { key: 'patch:browser.behind.title', params: { installed: '121.0.200', latest: '123.0.168' } }, detail: { key: 'patch:browser.behind.detailStale' } });
  });

  it('a machine-wide Cốc Cốc (winget CocCoc.CocCoc: coccoc_vi_machine.exe) under the key CocCocBrowser is found by its DisplayName', async () => {
    // Publisher and name as the winget manifest states them; the key name as a public Cốc Cốc uninstaller reads it
    // (HKLM\SOFTWARE\Wow6432Node\…\Uninstall\CocCocBrowser); the program's folder as installers of it use.
    const key = [
      '',
      `${HKLM32}\\CocCocBrowser`,
      '    DisplayIcon    REG_SZ    C:\\Program Files\\CocCoc\\Browser\\Application\\browser.exe,0',
      '    DisplayName    REG_SZ    Cốc Cốc',
      '    DisplayVersion    REG_SZ    120.0.6099.234',
      '    InstallLocation    REG_SZ    C:\\Program Files\\CocCoc\\Browser\\Application',
      '    Publisher    REG_SZ    Công ty TNHH Cốc Cốc',
      '    UninstallString    REG_SZ    "C:\\Program Files\\CocCoc\\Browser\\Application\\120.0.6099.234\\Installer\\setup.exe" --uninstall --system-level',
      '',
      '',
    ].join('\r\n');
    const found = await check(pc([regS(HKLM64, '\r\n'), regS(HKLM32, key), regS(HKCU, '\r\n')]));
    expect(found).toEqual([expect.objectContaining({ status: 'warning', title: { key: 'patch:browser.behind.title', params: expect.objectContaining({ browser: 'Cốc Cốc', installed: '120.0.6099.234', latest: '123.0.168' }) } })]);
    expect(found[0]!.evidence[0]).toMatchObject({ kind: 'registry', version: '120.0.6099.234', data: { displayName: 'Cốc Cốc', hive: 'HKLM', view: '32' } });
    // Another vendor's program named like it is not Cốc Cốc.
    const other = await check(pc([regS(HKLM64, '\r\n'), regS(HKLM32, key.replace('DisplayName    REG_SZ    Cốc Cốc', 'DisplayName    REG_SZ    Cốc Cốc Dictionary')), regS(HKCU, '\r\n')]));
    expect(other.some((f) => f.title.params?.browser === 'Cốc Cốc')).toBe(false);
  });

  it('a registry view that cannot be read is unknown with the reason; the others are still judged', async () => {
    const found = await check(pc([{ argv: regS(HKLM64, '').argv, error: 'timeout' }, regS(HKLM32, rec('windows', 'reg-hklm-uninstall-wow64.txt')), regS(HKCU, rec('windows', 'reg-hkcu-uninstall.txt'))]));
    expect(found.filter((f) => f.status === 'unknown').map((f) => f.reason?.key)).toEqual(['common:reason.timeout']);
    expect(found.some((f) => f.title.params?.browser === 'Google Chrome')).toBe(true);
  });

  it('a DisplayVersion that is not a version is unknown naming what it says', async () => {
    const odd = rec('windows', 'reg-hklm-uninstall-wow64.txt').replace('DisplayVersion    REG_SZ    155.0.8059.40', 'DisplayVersion    REG_SZ    Stable');
    const found = byBrowser(await check(pc([regS(HKLM64, rec('windows', 'reg-hklm-uninstall-64.txt')), regS(HKLM32, odd), regS(HKCU, rec('windows', 'reg-hkcu-uninstall.txt'))])));
    expect(found['Google Chrome']).toMatchObject({ status: 'unknown', reason: { key: 'patch:browser.reason.badVersion', params: { version: 'Stable' } } });
  });
});

describe('browsers on a recorded Windows PC (programs at their known places, PE version resource)', () => {
  const exe = (company: string, product: string, v: [number, number, number, number]): FixtureNode => ({ type: 'file', content: peWithVersion(versionBlock({ CompanyName: company, ProductName: product }, v)) });
  const CHANNEL_ESR = '/* This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. */\n\npref("app.update.channel", "esr");\n';
  const CHANNEL_RELEASE = CHANNEL_ESR.replace('"esr"', '"release"');
  const noKeys = [regS(HKLM64, '\r\n'), regS(HKLM32, '\r\n'), regS(HKCU, '\r\n')];
  const pc = (files: Record<string, FixtureNode>, over = noKeys): FixtureHost => new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: ENV, files: windowsFiles(files), commands: windowsCommands(over) });

  it('a per-user Chrome in %LOCALAPPDATA% with no Uninstall key is judged by its program\'s version', async () => {
    const found = await check(pc({ 'C:\\Users\\Nguyễn\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe': exe('Google LLC', 'Google Chrome', [154, 0, 8037, 97]) }));
    expect(found).toEqual([expect.objectContaining({ status: 'violation', title: expect.objectContaining({ key: 'patch:browser.unpatched.title', params: expect.objectContaining({ installed: '154.0.8037.97' }) }) })]);
    expect(found[0]!.evidence[0]).toMatchObject({ kind: 'file', path: 'C:\\Users\\Nguyễn\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe', version: '154.0.8037.97', data: { companyName: 'Google LLC' } });
  });

  it('the program of an install its Uninstall key names adds to that finding, not a second one', async () => {
    const found = await check(pc({ 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe': exe('Google LLC', 'Google Chrome', [155, 0, 8059, 40]) }, [regS(HKLM64, '\r\n'), regS(HKLM32, rec('windows', 'reg-hklm-uninstall-wow64.txt')), regS(HKCU, '\r\n')]));
    const chrome = found.filter((f) => f.title.params?.browser === 'Google Chrome');
    expect(chrome).toHaveLength(1);
    expect(chrome[0]!.evidence.map((e) => e.kind)).toEqual(['registry', 'file', 'catalog']);
  });

  it('Firefox\'s program says «153.0» for ESR too: its channel file makes it Firefox ESR; the release channel stays Firefox', async () => {
    const ff = 'C:\\Program Files\\Mozilla Firefox';
    const esr = await check(pc({ [`${ff}\\firefox.exe`]: exe('Mozilla Corporation', 'Firefox', [153, 0, 0, 9012]), [`${ff}\\defaults\\pref\\channel-prefs.js`]: CHANNEL_ESR }));
    expect(esr).toEqual([expect.objectContaining({ status: 'ok', title: expect.objectContaining({ params: expect.objectContaining({ browser: 'Mozilla Firefox ESR', installed: '153.0.0.9012' }) }) })]);
    const release = await check(pc({ [`${ff}\\firefox.exe`]: exe('Mozilla Corporation', 'Firefox', [153, 0, 0, 9012]), [`${ff}\\defaults\\pref\\channel-prefs.js`]: CHANNEL_RELEASE }));
    expect(release).toEqual([expect.objectContaining({ status: 'violation', title: expect.objectContaining({ params: expect.objectContaining({ browser: 'Mozilla Firefox', major: 153 }) }) })]);
  });

  it('a program that is not a PE file, or cannot be read, is unknown with the reason, never ok', async () => {
    const garbled = await check(pc({ 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe': 'MZ but nothing more' }));
    expect(garbled).toEqual([expect.objectContaining({ status: 'unknown', reason: { key: 'patch:browser.reason.programNoVersion', params: { browser: 'Google Chrome' } } })]);
    const refused = await check(pc({ 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe': { type: 'error', code: 'permission' } }));
    expect(refused.some((f) => f.status === 'ok')).toBe(false);
    expect(refused.some((f) => f.status === 'unknown')).toBe(true);
  });
});

describe('Chrome pinned to Extended Stable by Google Update\'s policy (HKLM\\SOFTWARE\\Policies\\Google\\Update)', () => {
  const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Google\\Update';
  const EXTENDED = { id: 'chrome-extended', name: 'Google Chrome Extended Stable', asOf: '2026-09-22', releases: [{ version: '152.0.7977.140', date: '2026-09-22', platforms: ['win32', 'darwin'], sources: ['chrome-2026-09-22'] }], patchedMajors: [{ major: 152, sources: ['chrome-2026-09-22', 'chrome-release-cycle'] }] };
  const withExtended = inUse(frozenCatalog([...CATALOG.catalog.browsers, EXTENDED]));
  // Chrome 152.0.7977.140 where the office PC's fixture has 155.0.8059.40 (same key, same layout).
  const chrome152 = rec('windows', 'reg-hklm-uninstall-wow64.txt').replaceAll('155.0.8059.40', '152.0.7977.140').replace('VersionMajor    REG_DWORD    0x1f7b', 'VersionMajor    REG_DWORD    0x1f29');
  const pc = (policyAnswer: FixtureCommand): FixtureHost =>
    new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: ENV, files: windowsFiles(), commands: windowsCommands([regS(HKLM64, rec('windows', 'reg-hklm-uninstall-64.txt')), regS(HKLM32, chrome152), regS(HKCU, rec('windows', 'reg-hkcu-uninstall.txt')), policyAnswer]) });
  const answer = (stdout: string): FixtureCommand => ({ argv: regQueryArgv(POLICY_KEY, { view: 64 }), stdout });
  const run = async (host: FixtureHost): Promise<Record<string, Finding>> => byBrowser(await browserPatchCheck({ catalog: async () => withExtended }).run({ host, policy: builtinPolicy(), now: NOW }));

  it('TargetChannel = extended: judged against the extended line (152.0.7977.140), the policy value in its evidence', async () => {
    const found = await run(pc(answer(rec('windows', 'reg-policies-google-update-extended.txt'))));
    expect(found['Google Chrome']).toBeUndefined();
    const ext = found['Google Chrome Extended Stable']!;
    // Its facts of 22/09 are 38 days old on 30/10: the latest known as of that day, never simply "current".
    expect(ext).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.currentAsOf', params: { installed: '152.0.7977.140', asOf: '22/09/2026', count: 38 } } });
    expect(ext.evidence.map((e) => e.kind)).toEqual(['registry', 'registry', 'catalog']);
    expect(ext.evidence[1]).toMatchObject({ kind: 'registry', path: `${POLICY_KEY}\\TargetChannel{8A69D345-D564-463C-AFF1-A69D9E530F96}`, data: { valueName: 'TargetChannel{8A69D345-D564-463C-AFF1-A69D9E530F96}', value: 'extended' }, label: { key: 'patch:browser.evidence.channelPolicy' } });
  });

  it('no policy key, or the channel set to stable: judged as stable, a violation that names the extended line', async () => {
    const missing = await run(pc({ argv: regQueryArgv(POLICY_KEY, { view: 64 }), exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' }));
    expect(missing['Google Chrome']).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.title', params: { installed: '152.0.7977.140', latest: '155.0.8059.39' } }, detail: { key: 'patch:browser.channel.absent', params: { channelName: 'Google Chrome Extended Stable', major: 152 } } });
    const stable = await run(pc(answer(rec('windows', 'reg-policies-google-update-extended.txt').replace('REG_SZ    extended', 'REG_SZ    stable'))));
    expect(stable['Google Chrome']).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.channel.absent' } });
    // The value with another type is not the policy Google Update reads (REG_SZ): not on extended.
    const dword = await run(pc(answer(rec('windows', 'reg-policies-google-update-extended.txt').replace('REG_SZ    extended', 'REG_DWORD    0x1'))));
    expect(dword['Google Chrome']).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.channel.absent' } });
  });

  it('a policy key that cannot be read: judged as stable, the finding says the channel could not be read and why', async () => {
    const hung = await run(pc({ argv: regQueryArgv(POLICY_KEY, { view: 64 }), error: 'timeout' }));
    expect(hung['Google Chrome']).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.channel.unread' } });
    expect(hung['Google Chrome']!.evidence.find((e) => e.kind === 'probe')?.label).toMatchObject({ key: 'common:reason.timeout' });
    const garbled = await run(pc(answer('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Update\r\nthis is not reg output\r\n\r\n')));
    expect(garbled['Google Chrome']).toMatchObject({ status: 'violation', detail: { key: 'patch:browser.channel.unread' } });
  });

  it('Chrome 155 (stable\'s line) with no policy: no word about the extended line', async () => {
    const host = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\Nguyễn', env: ENV, files: windowsFiles(), commands: windowsCommands([regS(HKLM64, rec('windows', 'reg-hklm-uninstall-64.txt')), regS(HKLM32, rec('windows', 'reg-hklm-uninstall-wow64.txt')), regS(HKCU, rec('windows', 'reg-hkcu-uninstall.txt'))]) });
    const found = await run(host);
    expect(found['Google Chrome']).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.newer' } });
  });
});

describe('browsers on a recorded Mac (app bundles)', () => {
  const plist = (id: string, version: string, bundleVersion = version): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n\t<key>CFBundleExecutable</key>\n\t<string>x</string>\n\t<key>CFBundleIdentifier</key>\n\t<string>${id}</string>\n\t<key>CFBundleShortVersionString</key>\n\t<string>${version}</string>\n\t<key>CFBundleVersion</key>\n\t<string>${bundleVersion}</string>\n</dict>\n</plist>\n`;
  const mac = (files: Record<string, FixtureNode>): FixtureHost => new FixtureHost({ platform: 'darwin', homedir: '/Users/nguyen', files: { '/Applications': { type: 'dir' }, ...files }, commands: [] });
  const INFO = 'Contents/Info.plist';

  it('Chrome and Firefox by CFBundleShortVersionString; a renamed copy by its bundle id; Safari is not a browser of the list', async () => {
    const found = byBrowser(
      await check(
        mac({
          [`/Applications/Google Chrome.app/${INFO}`]: plist('com.google.Chrome', '154.0.8037.97'),
          [`/Applications/Firefox.app/${INFO}`]: plist('org.mozilla.firefox', '157.0'),
          [`/Applications/Safari.app/${INFO}`]: readFileSync(join(__dirname, '..', '..', 'fixtures', 'macos', 'safari-Info.plist'), 'utf8'),
        }),
      ),
    );
    expect(Object.keys(found).sort()).toEqual(['Google Chrome', 'Mozilla Firefox']);
    expect(found['Google Chrome']).toMatchObject({ status: 'violation', title: { key: 'patch:browser.unpatched.title', params: { installed: '154.0.8037.97' } } });
    expect(found['Google Chrome']!.evidence[0]).toMatchObject({ kind: 'app-bundle', path: '/Applications/Google Chrome.app', data: { bundleId: 'com.google.Chrome' } });
    // Firefox's facts of 29/09 are 31 days old on 30/10: it matches the newest known, said as of that day.
    expect(found['Mozilla Firefox']).toMatchObject({ status: 'ok', title: { key: 'patch:browser.ok.currentAsOf', params: { installed: '157.0', asOf: '29/09/2026', count: 31 } } });
  });

  it('a Firefox bundle whose channel file says esr is Firefox ESR', async () => {
    const found = await check(
      mac({
        [`/Applications/Firefox.app/${INFO}`]: plist('org.mozilla.firefox', '140.13.0'),
        '/Applications/Firefox.app/Contents/Resources/defaults/pref/channel-prefs.js': 'pref("app.update.channel", "esr");\n',
      }),
    );
    expect(found).toEqual([expect.objectContaining({ status: 'violation', title: expect.objectContaining({ key: 'patch:browser.unpatched.titleEnded', params: expect.objectContaining({ browser: 'Mozilla Firefox ESR', installed: '140.13.0' }) }) })]);
  });

  it('Cốc Cốc (Homebrew cask coccoc: CocCoc.app, com.coccoc.Coccoc) is found; the catalog has no macOS release of it: unknown saying so', async () => {
    // Homebrew's livecheck reads «107.0.5304.132,107.0.132»: CFBundleShortVersionString, then CFBundleVersion.
    const found = await check(mac({ [`/Applications/CocCoc.app/${INFO}`]: plist('com.coccoc.Coccoc', '107.0.5304.132', '107.0.132') }));
    expect(found).toEqual([
      expect.objectContaining({
        status: 'unknown',
        title: { key: 'patch:browser.unknown.title', params: { browser: 'Cốc Cốc', installed: '107.0.5304.132' } },
        reason: { key: 'patch:browser.reason.noRelease.darwin', params: { browser: 'Cốc Cốc', asOf: '24/11/2023' } },
      }),
    ]);
    expect(found[0]!.evidence[0]).toMatchObject({ kind: 'app-bundle', path: '/Applications/CocCoc.app', data: { bundleId: 'com.coccoc.Coccoc' } });
    // A copy renamed «Cốc Cốc.app» in ~/Applications is still it (by its id); a bundle named CocCoc.app of another id is not.
    const renamed = await check(mac({ '/Users/nguyen/Applications': { type: 'dir' }, [`/Users/nguyen/Applications/Cốc Cốc.app/${INFO}`]: plist('com.coccoc.Coccoc', '107.0.5304.132') }));
    expect(renamed.map((f) => f.title.params?.browser)).toEqual(['Cốc Cốc']);
    const impostor = await check(mac({ [`/Applications/CocCoc.app/${INFO}`]: plist('com.example.coccoc-helper', '1.0') }));
    expect(impostor).toEqual([expect.objectContaining({ status: 'ok', title: expect.objectContaining({ key: 'patch:browser.ok.none' }) })]);
  });

  it('a bundle whose Info.plist is garbled is found by its name, its version unknown with the reason', async () => {
    const found = await check(mac({ [`/Applications/Google Chrome.app/${INFO}`]: '<?xml version="1.0"?><plist><dict><key>CFBundle' }));
    expect(found).toEqual([expect.objectContaining({ status: 'unknown', title: { key: 'patch:browser.unknown.version', params: { browser: 'Google Chrome' } } })]);
  });

  it('/Applications that cannot be listed is unknown, never ok', async () => {
    const found = await check(new FixtureHost({ platform: 'darwin', homedir: '/Users/nguyen', files: { '/Applications': { type: 'error', code: 'permission' } }, commands: [] }));
    expect(found.some((f) => f.status === 'ok')).toBe(false);
    expect(found.some((f) => f.status === 'unknown')).toBe(true);
  });
});
