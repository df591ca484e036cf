/**
 * Zoom's browser extensions on Windows, for real under wine: Zoom Scheduler planted in a Cốc Cốc profile
 * (%LOCALAPPDATA%) and in Firefox (%APPDATA%, profiles.ini + extensions.json) is found by the bundled CLI
 * under Windows Node, with the removal left to the browser; a page-zoom extension in Chrome is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, runCli } from './rig/cli';
import { windowsZoomProbes } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { importReg, windowsVersionKey } from './rig/registry';
import { findingsOf } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';

const SCHEDULER = 'kgjfgplpablkjnlkjmjdecgdpfankdle';
const FIREFOX_SCHEDULER = '{bf855ead-d7c3-4c7b-9f88-9a7e75c0efdf}';
const PAGE_ZOOM = 'lajondecmobodlejlcjllhojikagldgd';

const runnable = wineAvailable && windowsZoomProbes.landed;
const title = `Zoom browser extensions on Windows under wine${runnable ? '' : ` — SKIPPED: ${wineAvailable ? windowsZoomProbes.missing : 'wine is not installed'}`}`;

describe.skipIf(!runnable)(title, () => {
  let prefix: WinePrefix;

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    await importReg(prefix, [windowsVersionKey(currentWindows11())]);
    const local = `${prefix.profileWin}\\AppData\\Local`;
    const manifest = (name: string, version: string): string => JSON.stringify({ manifest_version: 3, name, version, author: name.startsWith('Zoom Scheduler') ? 'Zoom Video Communications, Inc.' : 'someone' });
    prefix.writeFile(`${local}\\CocCoc\\Browser\\User Data\\Default\\Extensions\\${SCHEDULER}\\2.2.1_0\\manifest.json`, manifest('Zoom Scheduler', '2.2.1'));
    prefix.writeFile(`${local}\\Google\\Chrome\\User Data\\Profile 1\\Extensions\\${PAGE_ZOOM}\\1.0_0\\manifest.json`, manifest('Zoom for Google Chrome', '1.0'));
    const firefox = `${prefix.appDataWin}\\Mozilla\\Firefox`;
    prefix.writeFile(`${firefox}\\profiles.ini`, '[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/abcd1234.default-release\r\nDefault=1\r\n');
    prefix.writeFile(
      `${firefox}\\Profiles\\abcd1234.default-release\\extensions.json`,
      JSON.stringify({ schemaVersion: 36, addons: [{ id: FIREFOX_SCHEDULER, version: '2.1.0', type: 'extension', active: true, defaultLocale: { name: 'Zoom Scheduler' } }] }),
    );
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('finds Zoom Scheduler in Cốc Cốc and Firefox with its version, says how to remove it in the browser, and leaves the page-zoom extension alone', async () => {
    const r = await runCli(prefix, ['check', '--json', '--lang', 'en']);
    const extensions = findingsOf(r.report!, 'banned-app').filter((f) => f.evidence.some((e) => e.kind === 'browser-extension'));
    const seen = extensions.map((f) => {
      const e = f.evidence.find((x) => x.kind === 'browser-extension')!;
      return [f.status, e.data?.browser, e.data?.id, e.version, f.action?.key, f.remediation];
    });
    expect(seen.sort()).toEqual(
      [
        ['violation', 'coccoc', SCHEDULER, '2.2.1', 'bannedApp:extension.action', undefined],
        ['violation', 'firefox', FIREFOX_SCHEDULER, '2.1.0', 'bannedApp:extension.action', undefined],
      ].sort(),
    );
    expect(JSON.stringify(r.report)).not.toContain(PAGE_ZOOM);
    expect(r.exitCode).toBe(2);
  });
});
