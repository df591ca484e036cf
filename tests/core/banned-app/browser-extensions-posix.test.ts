import { describe, expect, it } from 'vitest';
import { chromiumExtensionsProbe, firefoxExtensionsProbe } from '../../../src/core/checks/banned-app/browser-extensions';
import type { Hit } from '../../../src/core/checks/banned-app/probe';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import { browserFile, browserFolder } from '../../fixtures/browsers/fixture-files';
import { hitsOf, runProbe } from './linux/harness';

const SCHEDULER = 'kgjfgplpablkjnlkjmjdecgdpfankdle';
const CHROME_APP = 'hmbjbjdpkobdjplfobhljndfdfdipjhg';
const PAGE_ZOOM = 'lajondecmobodlejlcjllhojikagldgd';
const UBLOCK = 'cjpalhdlnbpafiamejdnhcphjbkeiagm';
const FIREFOX_SCHEDULER = '{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}';

type Files = Record<string, FixtureNode>;
const summary = (hits: readonly Hit[]): string[][] => hits.map((h) => [h.install, h.evidence.data?.name ?? '', h.evidence.version ?? '', h.evidence.data?.active ?? '-']);

describe('macOS: ~/Library/Application Support', () => {
  const home = '/Users/an';
  const support = `${home}/Library/Application Support`;
  const files: Files = {
    ...browserFolder('chromium/zoom-scheduler', `${support}/Google/Chrome/Profile 2/Extensions/${SCHEDULER}/2.2.1_0`, 'posix'),
    ...browserFolder('chromium/zoom-for-google-chrome', `${support}/Google/Chrome/Default/Extensions/${PAGE_ZOOM}/3.4.2_0`, 'posix'),
    ...browserFolder('chromium/ublock-origin', `${support}/BraveSoftware/Brave-Browser/Default/Extensions/${UBLOCK}/1.62.0_0`, 'posix'),
    ...browserFolder('chromium/zoom-scheduler', `${support}/Coccoc/Default/Extensions/${SCHEDULER}/2.2.1_0`, 'posix'),
    // Chrome's own profiles that no person uses: never looked into.
    ...browserFolder('chromium/zoom-scheduler', `${support}/Google/Chrome/System Profile/Extensions/${SCHEDULER}/2.2.1_0`, 'posix'),
    [`${support}/Firefox/profiles.ini`]: browserFile('firefox/profiles.ini'),
    [`${support}/Firefox/Profiles/x1y2z3ab.default-release/extensions.json`]: browserFile('firefox/extensions.json'),
    [`${support}/Firefox/Profiles/q9w8e7r6.default/extensions.json`]: browserFile('firefox/extensions-disabled.json'),
  };
  const host = new FixtureHost({ platform: 'darwin', homedir: home, files });

  it('finds Zoom Scheduler in a second Chrome profile and in Cốc Cốc; Brave with uBlock only and the decoy are clean', async () => {
    const r = await runProbe(chromiumExtensionsProbe, host);
    expect(summary(hitsOf(r))).toEqual([
      [`extension:chrome:Profile 2:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', '-'],
      [`extension:coccoc:Default:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', '-'],
    ]);
  });

  it('finds Zoom Scheduler in both Firefox profiles, also when disabled and with its id in upper case; Zoom Redirector is not Zoom', async () => {
    const hits = hitsOf(await runProbe(firefoxExtensionsProbe, host));
    expect(summary(hits)).toEqual([
      [`extension:firefox:q9w8e7r6.default:${FIREFOX_SCHEDULER.toUpperCase()}`, 'Zoom Scheduler', '2.1.47', 'false'],
      [`extension:firefox:x1y2z3ab.default-release:${FIREFOX_SCHEDULER}`, 'Zoom Scheduler', '2.2.1', 'true'],
    ]);
    expect(hits[0]!.evidence.detail).toContain('(disabled)');
    expect(hits.every((h) => h.kind === 'installed')).toBe(true);
  });
});

describe('Linux: ~/.config (or $XDG_CONFIG_HOME), snap and flatpak folders', () => {
  const home = '/home/an';
  const files: Files = {
    ...browserFolder('chromium/zoom-chrome-app', `${home}/.config/chromium/Default/Extensions/${CHROME_APP}/5.0.4169.628_0`, 'posix'),
    // A listed id is found even when its manifest is cut off: the version comes from the folder name.
    ...browserFolder('chromium/garbled', `${home}/.config/coccoc-browser/Profile 1/Extensions/${SCHEDULER}/2.2.1_0`, 'posix'),
    // A garbled manifest of an unlisted extension does not matter: the id decides.
    ...browserFolder('chromium/garbled', `${home}/.config/google-chrome/Default/Extensions/${UBLOCK}/1.62.0_0`, 'posix'),
    [`${home}/snap/firefox/common/.mozilla/firefox/profiles.ini`]: '[Profile0]\nName=Công việc\nIsRelative=0\nPath=/media/an/Dữ liệu/firefox-công-việc\n\n[General]\nStartWithLastProfile=1\n',
    '/media/an/Dữ liệu/firefox-công-việc/extensions.json': browserFile('firefox/extensions.json'),
  };

  it('finds the Zoom Chrome app in Chromium and Zoom Scheduler in Cốc Cốc despite its garbled manifest', async () => {
    const hits = hitsOf(await runProbe(chromiumExtensionsProbe, new FixtureHost({ platform: 'linux', homedir: home, files })));
    expect(summary(hits)).toEqual([
      [`extension:chromium:Default:${CHROME_APP}`, 'Zoom', '5.0.4169.628', '-'],
      [`extension:coccoc:Profile 1:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', '-'],
    ]);
    expect(hits[1]!.source).toBe('Zoom Scheduler — Cốc Cốc, Profile 1');
  });

  it('follows an absolute Firefox profile path with Vietnamese letters (snap Firefox)', async () => {
    const hits = hitsOf(await runProbe(firefoxExtensionsProbe, new FixtureHost({ platform: 'linux', homedir: home, files })));
    expect(summary(hits)).toEqual([[`extension:firefox-snap:firefox-công-việc:${FIREFOX_SCHEDULER}`, 'Zoom Scheduler', '2.2.1', 'true']]);
  });

  it('uses $XDG_CONFIG_HOME when it is absolute, and ignores a relative one', async () => {
    const moved = browserFolder('chromium/zoom-scheduler', `${home}/cfg/google-chrome/Default/Extensions/${SCHEDULER}/2.2.1_0`, 'posix');
    const withXdg = new FixtureHost({ platform: 'linux', homedir: home, env: { XDG_CONFIG_HOME: `${home}/cfg` }, files: moved });
    expect(summary(hitsOf(await runProbe(chromiumExtensionsProbe, withXdg)))).toEqual([[`extension:chrome:Default:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', '-']]);
    const relative = new FixtureHost({ platform: 'linux', homedir: home, env: { XDG_CONFIG_HOME: 'cfg' }, files: moved });
    expect((await runProbe(chromiumExtensionsProbe, relative)).status).toBe('not-applicable');
  });
});
