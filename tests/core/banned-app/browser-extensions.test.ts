import { describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../src/core/checks/banned-app/banned-app-check';
import { browserExtensionProbes, chromiumExtensionsProbe, firefoxExtensionsProbe } from '../../../src/core/checks/banned-app/browser-extensions';
import type { Hit } from '../../../src/core/checks/banned-app/probe';
import { FixtureHost, type FixtureNode } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { browserFile, browserFolder } from '../../fixtures/browsers/fixture-files';
import { hitsOf, NOW, runProbe } from './linux/harness';

const SCHEDULER = 'kgjfgplpablkjnlkjmjdecgdpfankdle';
const PAGE_ZOOM = 'lajondecmobodlejlcjllhojikagldgd';
const UBLOCK = 'cjpalhdlnbpafiamejdnhcphjbkeiagm';
const OTHER_STORE = 'hhhhggggffffeeeeddddccccbbbbaaaa';
const FIREFOX_SCHEDULER = '{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}';

type Files = Record<string, FixtureNode>;

const summary = (hits: readonly Hit[]): string[][] => hits.map((h) => [h.install, h.evidence.data?.name ?? '', h.evidence.version ?? '', h.evidence.data?.matchedBy ?? '']);

describe('Windows: every profile of Chrome, Edge, Cốc Cốc and Firefox under %LOCALAPPDATA% / %APPDATA%', () => {
  const home = 'C:\\Users\\Nguyễn Văn Bình';
  const local = `${home}\\AppData\\Local`;
  const roaming = `${home}\\AppData\\Roaming`;
  const chrome = `${local}\\Google\\Chrome\\User Data`;
  const files: Files = {
    ...browserFolder('chromium/zoom-scheduler', `${chrome}\\Default\\Extensions\\${SCHEDULER}\\2.2.1_0`, 'win32'),
    // The folder of the version it replaced, still on disk until Chrome restarts: the highest one counts.
    ...browserFolder('chromium/zoom-scheduler', `${chrome}\\Default\\Extensions\\${SCHEDULER}\\2.1.47_0`, 'win32'),
    ...browserFolder('chromium/ublock-origin', `${chrome}\\Default\\Extensions\\${UBLOCK}\\1.62.0_0`, 'win32'),
    [`${chrome}\\Default\\Extensions\\Temp`]: { type: 'dir' },
    ...browserFolder('chromium/zoom-for-google-chrome', `${chrome}\\Profile 1\\Extensions\\${PAGE_ZOOM}\\3.4.2_0`, 'win32'),
    [`${chrome}\\Local State`]: '{"profile":{}}',
    ...browserFolder('chromium/zoom-publisher-listing', `${local}\\Microsoft\\Edge\\User Data\\Default\\Extensions\\${OTHER_STORE}\\2.1.50_0`, 'win32'),
    ...browserFolder('chromium/zoom-scheduler', `${local}\\CocCoc\\Browser\\User Data\\Profile 3\\Extensions\\${SCHEDULER}\\2.2.1_0`, 'win32'),
    [`${roaming}\\Mozilla\\Firefox\\profiles.ini`]: browserFile('firefox/profiles.ini').replace(/\n/g, '\r\n'),
    [`${roaming}\\Mozilla\\Firefox\\Profiles\\x1y2z3ab.default-release\\extensions.json`]: browserFile('firefox/extensions.json'),
  };
  const host = (extra: Files = {}): FixtureHost =>
    new FixtureHost({ platform: 'win32', homedir: home, env: { LOCALAPPDATA: local, APPDATA: roaming }, files: { ...files, ...extra } });

  it('finds Zoom Scheduler in Chrome and Cốc Cốc by id, and a Zoom-published listing in Edge; the page-zoom decoy is not flagged', async () => {
    const hits = hitsOf(await runProbe(chromiumExtensionsProbe, host()));
    expect(summary(hits)).toEqual([
      [`extension:chrome:Default:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', 'id'],
      [`extension:edge:Default:${OTHER_STORE}`, 'Zoom Scheduler', '2.1.50', 'publisher'],
      [`extension:coccoc:Profile 3:${SCHEDULER}`, 'Zoom Scheduler', '2.2.1', 'id'],
    ]);
    const chromeHit = hits[0]!;
    expect(chromeHit).toMatchObject({ kind: 'installed', source: 'Zoom Scheduler — Google Chrome, Default' });
    expect(chromeHit.remediation).toBeUndefined();
    expect(chromeHit.evidence).toMatchObject({
      kind: 'browser-extension',
      path: `${chrome}\\Default\\Extensions\\${SCHEDULER}\\2.2.1_0\\manifest.json`,
      label: { key: 'bannedApp:extension.evidence', params: { name: 'Zoom Scheduler', version: '2.2.1', browser: 'Google Chrome', profile: 'Default' } },
      data: { browser: 'chrome', profile: 'Default', id: SCHEDULER, version: '2.2.1', manifestPath: `${chrome}\\Default\\Extensions\\${SCHEDULER}\\2.2.1_0\\manifest.json` },
    });
    expect(chromeHit.action).toEqual({ key: 'bannedApp:extension.action', params: { app: 'Zoom', name: 'Zoom Scheduler', browser: 'Google Chrome', profile: 'Default', page: 'chrome://extensions' } });
    expect(hits[1]!.action?.params?.page).toBe('edge://extensions');
    expect(hits[2]!.source).toBe('Zoom Scheduler — Cốc Cốc, Profile 3');
  });

  it('finds Zoom Scheduler in the Firefox profile listed in profiles.ini (CRLF), not Zoom Page WE', async () => {
    const hits = hitsOf(await runProbe(firefoxExtensionsProbe, host()));
    expect(summary(hits)).toEqual([[`extension:firefox:x1y2z3ab.default-release:${FIREFOX_SCHEDULER}`, 'Zoom Scheduler', '2.2.1', 'id']]);
    expect(hits[0]!.evidence.data).toMatchObject({ active: 'true', manifestPath: `${roaming}\\Mozilla\\Firefox\\Profiles\\x1y2z3ab.default-release\\extensions.json` });
    expect(hits[0]!.action?.params).toMatchObject({ browser: 'Firefox', page: 'about:addons' });
  });

  it('through the check: one violation per extension, with the browser action and no automatic removal', async () => {
    const findings = await bannedAppCheck({ win32: browserExtensionProbes, darwin: [], linux: [] }).run({ host: host(), policy: builtinPolicy(), now: NOW });
    expect(findings.map((f) => f.status)).toEqual(['violation', 'violation', 'violation', 'violation']);
    const chromeFinding = findings.find((f) => f.evidence[0]?.data?.browser === 'chrome')!;
    expect(chromeFinding).toMatchObject({
      severity: 'high',
      advisoryPoint: 1,
      title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'Zoom Scheduler 2.2.1' } },
      action: { key: 'bannedApp:extension.action', params: { page: 'chrome://extensions' } },
    });
    expect(chromeFinding.remediation).toBeUndefined();
  });

  it('without any browser data both probes do not apply; a browser without a Zoom extension is clean', async () => {
    const bare = new FixtureHost({ platform: 'win32', homedir: home, env: { LOCALAPPDATA: local, APPDATA: roaming } });
    expect((await runProbe(chromiumExtensionsProbe, bare)).status).toBe('not-applicable');
    expect((await runProbe(firefoxExtensionsProbe, bare)).status).toBe('not-applicable');
    const decoyOnly = new FixtureHost({
      platform: 'win32',
      homedir: home,
      // No %LOCALAPPDATA% in the environment: the default place under the home is used.
      files: browserFolder('chromium/zoom-for-google-chrome', `${chrome}\\Default\\Extensions\\${PAGE_ZOOM}\\3.4.2_0`, 'win32'),
    });
    expect(await runProbe(chromiumExtensionsProbe, decoyOnly)).toEqual({ status: 'ran', hits: [], looked: `${chrome}\\Default` });
  });

  it('a profile folder that cannot be read makes the probe unknown with the reason, unless a Zoom extension was found elsewhere', async () => {
    const locked = { [`${local}\\Microsoft\\Edge\\User Data\\Profile 2`]: { type: 'error', code: 'permission' } } as const;
    const onlyLocked = new FixtureHost({ platform: 'win32', homedir: home, env: { LOCALAPPDATA: local }, files: { ...locked, [`${local}\\Microsoft\\Edge\\User Data\\Default\\Preferences`]: '{}' } });
    expect(await runProbe(chromiumExtensionsProbe, onlyLocked)).toMatchObject({
      status: 'unknown',
      reason: { key: 'common:reason.permission', params: { path: `${local}\\Microsoft\\Edge\\User Data\\Profile 2` } },
    });
    expect(hitsOf(await runProbe(chromiumExtensionsProbe, host(locked))).length).toBe(3);
  });
});
