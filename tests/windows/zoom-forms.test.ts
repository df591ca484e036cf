/**
 * Zoom's Windows forms under wine, read by the bundled CLI on Windows Node: a zoommtg: protocol key in
 * HKCU\Software\Classes, a Run value and a desktop shortcut (a real .lnk written by wine's shell32) that start
 * Zoom, left after Zoom itself went; beside them what is not Zoom's (a zoomus: key that opens a browser, OneDrive's
 * Run value, Notepad's shortcut). `fix zoom --yes` removes Zoom's with reg delete and a checked delete; the rest stays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, runCli } from './rig/cli';
import { fixZoomCommand, windowsZoomProbes } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { importReg, queryReg, windowsVersionKey } from './rig/registry';
import { findingsOf } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';

const LNK = join(__dirname, '..', 'fixtures', 'windows', 'lnk');
const RUN = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const ZOOMMTG = 'HKCU\\Software\\Classes\\zoommtg';
const ZOOMUS_HKLM = 'HKLM\\Software\\Classes\\zoomus';

const runnable = wineAvailable && windowsZoomProbes.landed && fixZoomCommand.landed;
const title = `Zoom's protocol keys, Run values and shortcuts under wine${runnable ? '' : ` — SKIPPED: ${wineAvailable ? `${windowsZoomProbes.missing}; ${fixZoomCommand.missing}` : 'wine is not installed'}`}`;

describe.skipIf(!runnable)(title, () => {
  let prefix: WinePrefix;
  let desktop: string;

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    await importReg(prefix, [
      windowsVersionKey(currentWindows11()),
      { path: ZOOMMTG, values: { '': 'URL:zoommtg Protocol', 'URL Protocol': '' } },
      { path: `${ZOOMMTG}\\shell\\open\\command`, values: { '': `"${prefix.appDataWin}\\Zoom\\bin\\Zoom.exe" "--url=%1"` } },
      { path: ZOOMUS_HKLM, values: { 'URL Protocol': '' } },
      { path: `${ZOOMUS_HKLM}\\shell\\open\\command`, values: { '': '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --app=https://app.zoom.us %1' } },
      { path: RUN, values: { OneDrive: `"${prefix.profileWin}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background`, ZoomAutoStart: { expand: '"%APPDATA%\\Zoom\\bin\\Zoom.exe" --autostart' } } },
    ]);
    desktop = `${prefix.profileWin}\\Desktop`;
    prefix.writeFile(`${desktop}\\Zoom.lnk`, readFileSync(join(LNK, 'zoom-wine.lnk')));
    prefix.writeFile(`${desktop}\\Notepad.lnk`, readFileSync(join(LNK, 'notepad-wine.lnk')));
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('check reports each form of Zoom as a leftover (Zoom itself is gone), and nothing of the other programs', async () => {
    const r = await runCli(prefix, ['check', '--json', '--lang', 'en']);
    const found = findingsOf(r.report!, 'banned-app').filter((f) => f.status === 'warning' || f.status === 'violation');
    const summary = found.map((f) => [f.status, f.title.key, f.evidence.map((e) => e.data?.scheme ?? e.data?.valueName ?? e.path ?? '').join(',')]).sort();
    expect(summary, JSON.stringify(found, null, 1).slice(0, 3000)).toEqual(
      [
        ['warning', 'bannedApp:form.url-handler', 'zoommtg'],
        ['warning', 'bannedApp:form.url-handler', 'zoomus'],
        ['warning', 'bannedApp:form.run-value.leftover', 'ZoomAutoStart'],
        ['warning', 'bannedApp:form.shortcut.leftover', `${desktop}\\Zoom.lnk`],
      ].sort(),
    );
    expect(JSON.stringify(found)).not.toContain('Notepad.lnk');
    expect(JSON.stringify(found)).not.toContain('OneDrive');
  });

  it("fix zoom --yes deletes exactly Zoom's key, value and shortcut; the browser's zoomus: key, OneDrive and Notepad stay", async () => {
    const fix = await runCli(prefix, ['fix', 'zoom', '--yes', '--lang', 'en']);
    expect(fix.stdout).toContain('reg.exe delete HKCU\\Software\\Classes\\zoommtg /f');
    expect(fix.stdout).toContain('/v ZoomAutoStart /f');
    expect(await queryReg(prefix, ZOOMMTG)).toBeNull();
    const run = await queryReg(prefix, RUN);
    expect(run && Object.keys(run)).toEqual(['OneDrive']);
    expect(await queryReg(prefix, ZOOMUS_HKLM)).not.toBeNull();
    expect(prefix.exists(`${desktop}\\Zoom.lnk`)).toBe(false);
    expect(prefix.exists(`${desktop}\\Notepad.lnk`)).toBe(true);
    expect(fix.stdout).toContain('links are handed to another program, not Zoom');

    const after = await runCli(prefix, ['check', '--json']);
    const left = findingsOf(after.report!, 'banned-app').filter((f) => f.status === 'warning' || f.status === 'violation');
    expect(left.map((f) => f.evidence.map((e) => e.data?.scheme))).toEqual([['zoomus']]);
  });
});
