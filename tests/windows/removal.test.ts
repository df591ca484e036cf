/**
 * Issue 6 §4: removal under wine. A per-user Zoom whose UninstallString points at a small .cmd
 * uninstaller written by the test (it removes the key and the files, as Zoom's Installer.exe
 * /uninstall does); `fix zoom --yes` runs it and the re-check proves Zoom gone. A hanging uninstaller
 * is stopped by the step time limit, and nothing is claimed removed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, runCli } from './rig/cli';
import { fixStepTimeoutEnv, fixZoomCommand, windowsZoomProbes, type Feature } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { deleteReg, importReg, queryReg, windowsVersionKey } from './rig/registry';
import { findingsMentioning, findingsOf } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';
import { HKCU_UNINSTALL, HKLM_UNINSTALL, LOGGED_ON_USER_SID, loggedOnUserZoom, perUserZoom, plant, unplant, type Plant } from './rig/zoom-installs';

const ZOOMUMX = `${HKCU_UNINSTALL}\\ZoomUMX`;

function gate(features: readonly Feature[]): { runnable: boolean; why: string } {
  if (!wineAvailable) return { runnable: false, why: 'wine is not installed' };
  const missing = features.filter((f) => !f.landed).map((f) => f.missing);
  return { runnable: missing.length === 0, why: missing.join('; ') };
}

const removal = gate([windowsZoomProbes, fixZoomCommand]);
const hanging = gate([windowsZoomProbes, fixZoomCommand, fixStepTimeoutEnv]);

/**
 * A .cmd uninstaller that does what Zoom's does: records its arguments, deletes its Uninstall key and
 * the program. (Its own folder stays: wine's cmd keeps a running batch file open, so it cannot delete itself.)
 */
function uninstallerCmd(): string {
  return ['@echo off', 'echo %*> "C:\\rig\\uninstaller-ran.txt"', `reg delete "${ZOOMUMX}" /f >nul`, 'rmdir /s /q "%APPDATA%\\Zoom\\bin"', 'exit /b 0', ''].join('\r\n');
}

/** The part of `fix --json` output the rig reads. */
interface FixJson {
  readonly mode: string;
  readonly plans: readonly { readonly steps: readonly unknown[]; readonly why?: { readonly key: string }; readonly evidence: readonly { readonly data?: Record<string, string> }[] }[];
  readonly verdicts?: readonly { readonly verdict: string; readonly run?: { readonly outcome: string; readonly steps: readonly { readonly outcome: string; readonly argv: readonly string[] }[] } }[];
  readonly exitCode: number;
}

/** A .cmd uninstaller that never finishes (a loop around ping, so it hangs even where ping fails fast). */
function hangingCmd(): string {
  return ['@echo off', ':again', 'echo tick>> "C:\\rig\\hang-ticks.txt"', 'ping -n 2 127.0.0.1 >nul', 'goto again', ''].join('\r\n');
}

describe.skipIf(!wineAvailable || (!removal.runnable && !hanging.runnable))(`removal of Zoom under wine${removal.runnable ? '' : ` — SKIPPED: ${removal.why}`}`, () => {
  let prefix: WinePrefix;

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    await importReg(prefix, [windowsVersionKey(currentWindows11())]);
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it.skipIf(!removal.runnable)('runs the uninstaller from the UninstallString, then the re-check proves Zoom gone', async () => {
    const uninstaller = `${prefix.appDataWin}\\Zoom\\uninstall\\uninstall.cmd`;
    const zoom = perUserZoom(prefix, { uninstallString: `"${uninstaller}" /uninstall` });
    await plant(prefix, [zoom]);
    prefix.writeFile(uninstaller, uninstallerCmd());
    const before = await runCli(prefix, ['check', '--json']);
    expect(findingsMentioning(findingsOf(before.report!, 'banned-app', 'violation'), 'ZoomUMX')).toHaveLength(1);

    const fix = await runCli(prefix, ['fix', 'zoom', '--yes', '--json']);
    expect(prefix.exists('C:\\rig\\uninstaller-ran.txt'), 'the uninstaller from the key ran').toBe(true);
    expect(readText(prefix, 'C:\\rig\\uninstaller-ran.txt').trim()).toBe('/uninstall');
    expect(await queryReg(prefix, ZOOMUMX), 'the uninstaller deleted its key').toBeNull();
    const out = JSON.parse(fix.stdout) as FixJson;
    expect(out.mode).toBe('run');
    expect(out.verdicts?.map((v) => [v.run?.outcome, v.verdict]), 'the fix re-check proves the removal').toEqual([['done', 'removed']]);
    expect(fix.exitCode).toBe(out.exitCode);
    expect(fix.exitCode).not.toBe(2);

    expect(prefix.exists(`${prefix.appDataWin}\\Zoom\\bin\\Zoom.exe`)).toBe(false);
    const after = await runCli(prefix, ['check', '--json']);
    const banned = findingsOf(after.report!, 'banned-app');
    expect(banned.filter((f) => f.status === 'violation')).toEqual([]);
    expect(findingsMentioning(banned, 'ZoomUMX')).toEqual([]);
    expect(after.exitCode).not.toBe(2);
  });

  it.skipIf(!removal.runnable)("does not run another user's uninstaller: their install gets manual steps", async () => {
    const theirs = loggedOnUserZoom();
    const uninstaller = 'C:\\users\\tranthic\\AppData\\Roaming\\Zoom\\uninstall\\uninstall.cmd';
    const key = theirs.keys.find((k) => k.path.startsWith('HKU\\'))!;
    const zoom = { ...theirs, keys: theirs.keys.map((k) => (k === key ? { ...k, values: { ...k.values, UninstallString: `"${uninstaller}" /uninstall` } } : k)) };
    await plant(prefix, [zoom]);
    prefix.writeFile(uninstaller, ['@echo off', 'echo ran> "C:\\rig\\other-user-uninstaller-ran.txt"', ''].join('\r\n'));
    try {
      const fix = await runCli(prefix, ['fix', 'zoom', '--yes', '--json']);
      const out = JSON.parse(fix.stdout) as FixJson;
      const plan = out.plans.find((p) => p.evidence.some((e) => e.data?.sid === LOGGED_ON_USER_SID));
      expect(plan, `a plan for their install:\n${fix.stdout.slice(0, 3000)}`).toBeDefined();
      expect(plan!.steps).toEqual([]);
      // Named by their account (the profile folder ProfileList gives for the SID), never by the SID.
      expect(plan!.why).toMatchObject({ key: 'fix:why.otherUser', params: { user: 'tranthic' } });
      expect(prefix.exists('C:\\rig\\other-user-uninstaller-ran.txt')).toBe(false);
      expect(await queryReg(prefix, key.path)).not.toBeNull();
      expect(fix.exitCode).toBe(2);
    } finally {
      await unplant(prefix, [zoom]);
    }
  });

  it.skipIf(!removal.runnable)('never runs a per-machine uninstaller whose rights icacls cannot show (a stub under wine), nor one in a folder only named like Zoom', async () => {
    const key = (name: string, exe: string) => ({ path: `${HKLM_UNINSTALL}\\${name}`, values: { DisplayName: 'Zoom', DisplayVersion: '5.17.11', Publisher: 'Zoom Video Communications, Inc.', UninstallString: `"${exe}" /uninstall` } });
    const zoomExe = 'C:\\Program Files\\Zoom\\uninstall\\Installer.exe';
    const lookalike = 'C:\\Program Files\\ZoomItPro\\uninstall.exe';
    const machine: Plant = { name: 'per-machine Zoom with a vendor uninstaller', keys: [key('ZoomMachineExe', zoomExe), key('ZoomItProExe', lookalike)], files: [zoomExe, 'C:\\Program Files\\Zoom\\bin\\Zoom.exe', lookalike], dirs: ['C:\\Program Files\\Zoom', 'C:\\Program Files\\ZoomItPro'] };
    await plant(prefix, [machine]);
    try {
      const fix = await runCli(prefix, ['fix', 'zoom', '--dry-run', '--json']);
      const out = JSON.parse(fix.stdout) as FixJson;
      const planOf = (name: string) => out.plans.find((p) => p.evidence.some((e) => e.data?.keyName === name));
      expect(planOf('ZoomMachineExe'), fix.stdout.slice(0, 3000)).toMatchObject({ steps: [], why: { key: 'fix:why.programRightsUnknown' } });
      expect(planOf('ZoomItProExe')).toMatchObject({ steps: [], why: { key: 'fix:why.unusableUninstaller' } });
    } finally {
      await unplant(prefix, [machine]);
    }
  });

  it.skipIf(!hanging.runnable)(`stops a hanging uninstaller at the step time limit and claims nothing removed${hanging.runnable ? '' : ` — SKIPPED: ${hanging.why}`}`, async () => {
    const uninstaller = `${prefix.appDataWin}\\Zoom\\uninstall\\hang.cmd`;
    const zoom = perUserZoom(prefix, { uninstallString: `"${uninstaller}" /uninstall` });
    await plant(prefix, [zoom]);
    prefix.writeFile(uninstaller, hangingCmd());
    try {
      const fix = await runCli(prefix, ['fix', 'zoom', '--yes', '--json'], { env: { [fixStepTimeoutEnv.name!]: '8000' }, timeoutMs: 90_000 });
      expect(prefix.exists('C:\\rig\\hang-ticks.txt'), 'the hanging uninstaller did start').toBe(true);
      const out = JSON.parse(fix.stdout) as FixJson;
      expect(out.verdicts?.map((v) => [v.run?.outcome, v.verdict])).toEqual([['timeout', 'still-present']]);
      expect(out.verdicts?.[0]?.run?.steps.map((st) => st.outcome)).toEqual(['timeout']);
      expect(fix.exitCode).toBe(2);
      expect(await queryReg(prefix, ZOOMUMX), 'Zoom is still registered').not.toBeNull();
      const after = await runCli(prefix, ['check', '--json']);
      expect(findingsMentioning(findingsOf(after.report!, 'banned-app', 'violation'), 'ZoomUMX')).toHaveLength(1);
    } finally {
      await unplant(prefix, [zoom]);
      await deleteReg(prefix, [ZOOMUMX]);
    }
  });
});

function readText(prefix: WinePrefix, winPath: string): string {
  return readFileSync(prefix.unixPath(winPath), 'utf8');
}
