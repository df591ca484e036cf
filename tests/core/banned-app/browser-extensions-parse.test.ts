import { describe, expect, it } from 'vitest';
import { chromiumExtensionsProbe, firefoxExtensionsProbe, matchExtension } from '../../../src/core/checks/banned-app/browser-extensions';
import { pickVersionFolder, readManifest } from '../../../src/core/checks/banned-app/browser-extensions-chromium';
import { parseExtensionsJson, parseProfilesIni } from '../../../src/core/checks/banned-app/browser-extensions-firefox';
import type { SeenExtension } from '../../../src/core/checks/banned-app/browser-extensions-model';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import { builtinPolicy, parsePolicy } from '../../../src/core/policy/policy';
import { browserFile, browserFolder } from '../../fixtures/browsers/fixture-files';
import { hitsOf, runProbe, zoom } from './linux/harness';

const SCHEDULER = 'kgjfgplpablkjnlkjmjdecgdpfankdle';
const home = '/home/an';
const ff = `${home}/.mozilla/firefox`;
const linux = (files: Record<string, FixtureNode>): FixtureHost => new FixtureHost({ platform: 'linux', homedir: home, files });

describe('profiles.ini', () => {
  it('lists the profiles of the real file, relative by default, ignoring [Install…] and [General]', () => {
    expect(parseProfilesIni(browserFile('firefox/profiles.ini'))).toEqual([
      { name: 'default', path: 'Profiles/q9w8e7r6.default', isRelative: true },
      { name: 'default-release', path: 'Profiles/x1y2z3ab.default-release', isRelative: true },
    ]);
  });
  it('accepts a byte-order mark, CRLF and comments; an ini without profiles lists none', () => {
    expect(parseProfilesIni('\uFEFF; written by hand\r\n[Profile0]\r\nIsRelative=0\r\nPath=D:\\Firefox\\Công việc\r\n')).toEqual([{ path: 'D:\\Firefox\\Công việc', isRelative: false }]);
    expect(parseProfilesIni('[General]\nStartWithLastProfile=1\n')).toEqual([]);
  });
  it.each([
    ['empty', ''],
    ['binary', '\u0000\u0001SQLite format 3\u0000'],
    ['not an ini', '{"profiles": []}'],
    ['key before any section', 'Path=Profiles/a.default\n[Profile0]\n'],
  ])('is garbled when %s', (_what, text) => {
    expect(parseProfilesIni(text)).toBeNull();
  });
});

describe('extensions.json', () => {
  it('reads id, name, version, creator and active of each add-on', () => {
    const addons = parseExtensionsJson(browserFile('firefox/extensions.json'))!;
    expect(addons.map((a) => [a.id, a.name, a.version, a.author ?? '', a.active])).toEqual([
      ['formautofill@mozilla.org', 'Form Autofill', '1.0.1', '', true],
      ['{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}', 'Zoom Scheduler', '2.2.1', '', true],
      ['zoompage-we@DW-dev', 'Zoom Page WE', '19.5', 'DW-dev', true],
      ['uBlock0@raymondhill.net', 'uBlock Origin', '1.62.0', 'Raymond Hill', true],
      ['vi@dictionaries.addons.mozilla.org', 'Từ điển tiếng Việt', '2.2', 'Hồ Ngọc Đức', true],
    ]);
  });
  it.each([
    ['truncated', browserFile('firefox/extensions.json').slice(0, 900)],
    ['empty', ''],
    ['without addons', '{"schemaVersion":36}'],
    ['an array', '[]'],
  ])('is garbled when %s', (_what, text) => {
    expect(parseExtensionsJson(text)).toBeNull();
  });
});

describe('Chromium manifests', () => {
  it('picks the highest version folder numerically', () => {
    expect(pickVersionFolder(['2.1.47_0', '10.0_0', '2.2.1_0', '9.99.9_1'])).toBe('10.0_0');
    expect(pickVersionFolder([])).toBeUndefined();
  });
  it('reads an object author (email) and falls back to "en" without default_locale; an unresolvable __MSG_ name is absent', async () => {
    const host = linux({
      '/x/1/manifest.json': '{"name":"__MSG_n__","version":"1.0","author":{"email":"support@zoom.us"}}',
      '/x/1/_locales/en/messages.json': '{"n":{"message":"Zoom Scheduler"}}',
      '/x/2/manifest.json': '{"name":"__MSG_missing__","version":"2.0","default_locale":"vi"}',
      '/x/3/manifest.json': '',
    });
    expect(await readManifest(host, '/x/1')).toEqual({ name: 'Zoom Scheduler', version: '1.0', author: 'support@zoom.us' });
    expect(await readManifest(host, '/x/2')).toEqual({ version: '2.0' });
    expect(await readManifest(host, '/x/3')).toBeNull();
  });
});

describe('matching: ids first; publisher only together with a name', () => {
  const ext = (over: Partial<SeenExtension>): SeenExtension => ({
    browser: { key: 'chrome', name: 'Google Chrome', page: 'chrome://extensions', dir: '/u' },
    profile: 'Default',
    id: 'abcdabcdabcdabcdabcdabcdabcdabcd',
    manifestPath: '/m',
    ...over,
  });
  it.each([
    [{ id: SCHEDULER }, 'id'],
    [{ name: 'Zoom for Google Chrome', author: 'Stefan vd' }, null],
    [{ name: 'Zoom', author: undefined }, null],
    [{ name: 'Zoom Scheduler', author: 'zoom video communications, inc.' }, 'publisher'],
    [{ name: 'Calendar helper', author: 'Zoom Video Communications, Inc.' }, null],
    [{ name: 'Zoomerang', author: 'Zoom Video Communications, Inc.' }, null],
  ] as const)('%j -> %s', (over, expected) => {
    expect(matchExtension(zoom(), 'chromium', ext(over))).toBe(expected);
  });
  it('a Firefox id never matches in Chromium, nor the other way round', () => {
    expect(matchExtension(zoom(), 'chromium', ext({ id: '{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}' }))).toBeNull();
    expect(matchExtension(zoom(), 'firefox', ext({ id: SCHEDULER }))).toBeNull();
  });
  it('the policy rejects a Chromium id that is not 32 letters a-p', () => {
    const bad = structuredClone(builtinPolicy()) as unknown as { bannedApps: { browserExtensions: { chromiumIds: { id: string }[] } }[] };
    bad.bannedApps[0]!.browserExtensions.chromiumIds[0]!.id = 'Zoom Scheduler';
    expect(() => parsePolicy(bad)).toThrow(/chromiumIds/);
  });
});

describe('what cannot be read is unknown, with the reason', () => {
  const garbled = (path: string) => ({ status: 'unknown', reason: { key: 'bannedApp:extension.reason.garbled', params: { path } } });

  it('a garbled or empty profiles.ini', async () => {
    expect(await runProbe(firefoxExtensionsProbe, linux({ [`${ff}/profiles.ini`]: '\u0000\u0000\u0000' }))).toMatchObject(garbled(`${ff}/profiles.ini`));
    expect(await runProbe(firefoxExtensionsProbe, linux({ [`${ff}/profiles.ini`]: '' }))).toMatchObject(garbled(`${ff}/profiles.ini`));
  });

  it('a profiles.ini or a profile we may not read', async () => {
    expect(await runProbe(firefoxExtensionsProbe, linux({ [`${ff}/profiles.ini`]: { type: 'error', code: 'permission' } }))).toMatchObject({
      status: 'unknown',
      reason: { key: 'common:reason.permission', params: { path: `${ff}/profiles.ini` } },
    });
    const ini = browserFile('firefox/profiles.ini');
    const locked = linux({ [`${ff}/profiles.ini`]: ini, [`${ff}/Profiles/x1y2z3ab.default-release`]: { type: 'error', code: 'permission' } });
    expect(await runProbe(firefoxExtensionsProbe, locked)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
  });

  it('a truncated extensions.json', async () => {
    const file = `${ff}/Profiles/x1y2z3ab.default-release/extensions.json`;
    const r = await runProbe(firefoxExtensionsProbe, linux({ [`${ff}/profiles.ini`]: browserFile('firefox/profiles.ini'), [file]: browserFile('firefox/extensions.json').slice(0, 2000) }));
    expect(r).toMatchObject(garbled(file));
  });

  it('without extensions.json the extensions/ folder is read: an official .xpi is found', async () => {
    const dir = `${ff}/Profiles/x1y2z3ab.default-release/extensions`;
    const host = linux({ [`${ff}/profiles.ini`]: browserFile('firefox/profiles.ini'), [`${dir}/{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}.xpi`]: 'PK\u0003\u0004', [`${dir}/zoompage-we@DW-dev.xpi`]: 'PK\u0003\u0004' });
    expect(hitsOf(await runProbe(firefoxExtensionsProbe, host)).map((h) => [h.install, h.evidence.path])).toEqual([
      ['extension:firefox:x1y2z3ab.default-release:{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}', `${dir}/{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}.xpi`],
    ]);
  });

  it('a User Data folder or an Extensions folder that cannot be listed', async () => {
    const userData = `${home}/.config/google-chrome`;
    expect(await runProbe(chromiumExtensionsProbe, linux({ [userData]: { type: 'error', code: 'io' } }))).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.readFailed', params: { path: userData } } });
    const notAFolder = linux({ [`${userData}/Default/Extensions`]: 'not a folder' });
    expect(await runProbe(chromiumExtensionsProbe, notAFolder)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.readFailed', params: { path: `${userData}/Default/Extensions` } } });
  });

  it('an unreadable profile does not hide a Zoom extension found in another one', async () => {
    const userData = `${home}/.config/google-chrome`;
    const host = linux({ ...browserFolder('chromium/zoom-scheduler', `${userData}/Profile 1/Extensions/${SCHEDULER}/2.2.1_0`, 'posix'), [`${userData}/Default`]: { type: 'error', code: 'permission' } });
    expect(hitsOf(await runProbe(chromiumExtensionsProbe, host)).map((h) => h.install)).toEqual([`extension:chrome:Profile 1:${SCHEDULER}`]);
  });
});
