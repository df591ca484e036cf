/**
 * A second banned app, MeetFast, that only a test policy names, under wine: its per-user Uninstall key written
 * with regedit, its program of its own publisher (a PE with a version resource) and a .cmd uninstaller that does
 * what a vendor's does. The Windows CLI with `--policy` finds it, `fix meetfast --yes` runs its uninstaller from
 * the key, and the re-check proves it gone; an unknown id is 64 naming the ids. No code names MeetFast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCli, runCli } from './rig/cli';
import { fixZoomCommand, windowsZoomProbes } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { importReg, queryReg, windowsVersionKey } from './rig/registry';
import { findingsOf } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';
import { HKCU_UNINSTALL } from './rig/zoom-installs';
import { peWithVersion, versionBlock } from '../helpers/pe-builder';
import { meetfastPolicyDocument } from '../helpers/meetfast-policy';

const KEY = `${HKCU_UNINSTALL}\\MeetFastUser`;
const POLICY = 'C:\\rig\\meetfast-policy.json';
const runnable = wineAvailable && windowsZoomProbes.landed && fixZoomCommand.landed;

describe.skipIf(!runnable)(`a second banned app, only in the policy, under wine${runnable ? '' : ' — SKIPPED: wine or the rig features are missing'}`, () => {
  let prefix: WinePrefix;
  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    await importReg(prefix, [windowsVersionKey(currentWindows11())]);
    prefix.writeFile(POLICY, JSON.stringify(meetfastPolicyDocument()));
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('check --policy finds it by its key and program; fix meetfast runs its uninstaller; the re-check proves it gone', async () => {
    const dir = `${prefix.appDataWin}\\MeetFast`;
    const uninstaller = `${dir}\\uninstall\\unins000.cmd`;
    prefix.writeFile(`${dir}\\app\\MeetFast.exe`, peWithVersion(versionBlock({ CompanyName: 'MeetFast Labs Ltd.', ProductName: 'MeetFast', FileVersion: '3.4.1.900' }, [3, 4, 1, 900])));
    prefix.writeFile(uninstaller, ['@echo off', 'echo %*> "C:\\rig\\meetfast-uninstaller-ran.txt"', `reg delete "${KEY}" /f >nul`, `rmdir /s /q "${dir}\\app"`, 'exit /b 0', ''].join('\r\n'));
    await importReg(prefix, [{ path: KEY, values: { DisplayName: 'MeetFast', DisplayVersion: '3.4.1', Publisher: 'MeetFast Labs Ltd.', DisplayIcon: `${dir}\\app\\MeetFast.exe`, UninstallString: `"${uninstaller}" /SILENT` } }]);

    const before = await runCli(prefix, ['check', '--json', '--only', 'banned-app', '--policy', POLICY]);
    const mine = findingsOf(before.report!, 'banned-app', 'violation').filter((f) => f.app === 'meetfast');
    expect(mine.map((f) => f.evidence.map((e) => e.kind).sort())).toEqual([['file', 'registry']]);
    expect(mine[0]!.evidence.find((e) => e.kind === 'file')?.data).toMatchObject({ identity: 'version', companyName: 'MeetFast Labs Ltd.' });

    const fix = await runCli(prefix, ['fix', 'meetfast', '--yes', '--json', '--policy', POLICY]);
    const out = JSON.parse(fix.stdout) as { verdicts?: { verdict: string }[]; exitCode: number };
    expect(prefix.exists('C:\\rig\\meetfast-uninstaller-ran.txt'), fix.stdout.slice(0, 2000)).toBe(true);
    expect(await queryReg(prefix, KEY)).toBeNull();
    expect(out.verdicts?.map((v) => v.verdict)).toEqual(['removed']);
    expect(prefix.exists(`${dir}\\app\\MeetFast.exe`)).toBe(false);

    const after = await runCli(prefix, ['check', '--json', '--only', 'banned-app', '--policy', POLICY]);
    expect(findingsOf(after.report!, 'banned-app').filter((f) => f.app === 'meetfast' && f.status === 'violation')).toEqual([]);

    const unknown = await runCli(prefix, ['fix', 'skype', '--lang', 'en', '--policy', POLICY]);
    expect(unknown.exitCode).toBe(64);
    expect(unknown.stderr).toContain('The ids you can use: zoom (Zoom), meetfast (MeetFast).');
  });
});
