/**
 * Issue 6 §2: Zoom planted as real installers leave it (per-user ZoomUMX with %APPDATA%\Zoom\bin\Zoom.exe,
 * another user's profile, the per-machine MSI in the 64-bit view and under WOW6432Node, the Outlook
 * plugin) is found by the bundled CLI under Windows Node with its version; decoys are not; once
 * removed, the check is clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/core/engine';
import { installCli, runCli } from './rig/cli';
import { windowsZoomProbes } from './rig/features';
import { WinePrefix } from './rig/prefix';
import { importReg, queryReg, windowsVersionKey } from './rig/registry';
import { fileEvidence, findingsMentioning, findingsOf, registryEvidence } from './rig/report-queries';
import { wineAvailable } from './rig/wine';
import { currentWindows11 } from './rig/windows-versions';
import {
  decoys,
  HKLM_UNINSTALL,
  LOGGED_ON_USER_SID,
  loggedOnUserZoom,
  machineZoom5Wow,
  machineZoomWorkplace,
  otherUserZoom,
  outlookPlugin,
  perUserZoom,
  plant,
  unplant,
  ZOOM_5_MSI_PRODUCT_CODE,
  ZOOM_WORKPLACE_PRODUCT_CODE,
  type Plant,
} from './rig/zoom-installs';

/** A profile folder with Vietnamese letters: reg prints it in the console code page, so its path may come back lossy. */
const VIETNAMESE_USER = 'Nguyễn Thị Bích';

const runnable = wineAvailable && windowsZoomProbes.landed;
const title = `Zoom on Windows under wine${runnable ? '' : ` — SKIPPED: ${wineAvailable ? windowsZoomProbes.missing : 'wine is not installed'}`}`;

describe.skipIf(!runnable)(title, () => {
  let prefix: WinePrefix;
  let zoom: readonly Plant[];

  beforeAll(async () => {
    prefix = await WinePrefix.create();
    installCli(prefix);
    // A current Windows 11, so the patch check has nothing to say and exit codes are about Zoom.
    await importReg(prefix, [windowsVersionKey(currentWindows11())]);
    zoom = [
      perUserZoom(prefix),
      otherUserZoom(),
      otherUserZoom(VIETNAMESE_USER, 'S-1-5-21-1004336348-1177238915-682003330-1002'),
      loggedOnUserZoom(),
      machineZoomWorkplace(),
      machineZoom5Wow(),
      outlookPlugin(),
    ];
    await plant(prefix, [...zoom, decoys()]);
  });
  afterAll(async () => {
    await prefix?.dispose();
  });

  it('finds every planted Zoom, each once, with its version and where it is, and exits 2', async () => {
    const r = await runCli(prefix, ['check', '--json', '--lang', 'en']);
    const report = r.report!;
    expect(report.host.os).toBe('win32');
    const violations = findingsOf(report, 'banned-app', 'violation');

    const perUser = findingsMentioning(violations, `${prefix.appDataWin}\\Zoom\\`);
    expect(perUser, 'the per-user install is one finding, not one per hive view (HKCU and HKU\\<SID>)').toHaveLength(1);
    const umx = registryEvidence(perUser[0]!, '\\Uninstall\\ZoomUMX');
    expect(umx?.version).toBe('5.13.7 (12602)');
    expect(umx?.data?.scope).toBe('user');
    expect(umx?.data?.uninstallString).toContain('\\Zoom\\uninstall\\Installer.exe');
    expect(fileEvidence(perUser[0]!, `\\${prefix.userName}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe`), 'Zoom.exe in %APPDATA% backs the key').toBeDefined();

    const workplace = findingsMentioning(violations, ZOOM_WORKPLACE_PRODUCT_CODE);
    expect(workplace).toHaveLength(1);
    const wp = registryEvidence(workplace[0]!, ZOOM_WORKPLACE_PRODUCT_CODE);
    expect(wp?.version).toBe('6.1.43316');
    expect(wp?.data).toMatchObject({ hive: 'HKLM', view: '64', scope: 'machine', windowsInstaller: '1' });

    const zoom5 = findingsMentioning(violations, ZOOM_5_MSI_PRODUCT_CODE);
    expect(zoom5).toHaveLength(1);
    const z5 = registryEvidence(zoom5[0]!, ZOOM_5_MSI_PRODUCT_CODE);
    expect(z5?.version).toBe('5.17.11.34827');
    expect(z5?.data).toMatchObject({ hive: 'HKLM', view: '32', scope: 'machine' });

    expect(findingsMentioning(violations, 'Zoom Outlook Plugin')).toHaveLength(1);

    const other = violations.filter((f) => fileEvidence(f, '\\nguyenvana\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe'));
    expect(other, "Zoom.exe in another user's profile (hive not loaded) is found").toHaveLength(1);

    expect(r.exitCode).toBe(2);
    expect(r.exitCode).toBe(exitCodeFor(report.findings));
  });

  it('finds Zoom in the profile of a user whose name has Vietnamese letters, under its true name', async () => {
    const r = await runCli(prefix, ['check', '--json']);
    const violations = findingsOf(r.report!, 'banned-app', 'violation');
    const hit = violations.filter((f) => fileEvidence(f, `\\${VIETNAMESE_USER}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe`));
    expect(hit).toHaveLength(1);
  });

  it("finds a logged-on other user's per-user Zoom under HKU\\<SID>, once, with their SID and version", async () => {
    const r = await runCli(prefix, ['check', '--json']);
    const violations = findingsOf(r.report!, 'banned-app', 'violation');
    const theirs = findingsMentioning(violations, LOGGED_ON_USER_SID);
    expect(theirs).toHaveLength(1);
    const key = registryEvidence(theirs[0]!, '\\Uninstall\\ZoomUMX');
    expect(key?.version).toBe('5.16.10 (26186)');
    expect(key?.data).toMatchObject({ scope: 'user', sid: LOGGED_ON_USER_SID });
    expect(fileEvidence(theirs[0]!, '\\tranthic\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe'), 'their Zoom.exe backs their key').toBeDefined();
  });

  it('does not flag names that only contain "zoom" (ZoomIt, a Vietnamese-named magnifier)', async () => {
    expect(await queryReg(prefix, `${HKLM_UNINSTALL}\\ZoomIt`), 'the decoy is really there').not.toBeNull();
    const r = await runCli(prefix, ['check', '--json']);
    const all = r.report!.findings;
    expect(findingsMentioning(all, 'ZoomIt')).toEqual([]);
    expect(findingsMentioning(all, 'Sysinternals')).toEqual([]);
    expect(findingsMentioning(all, 'PhongToManHinh')).toEqual([]);
  });

  it('prints the findings in Vietnamese with full diacritics through Windows Node', async () => {
    const r = await runCli(prefix, ['check', '--lang', 'vi']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('Zoom 5.13.7');
    expect(r.stdout).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    expect(r.stdout).not.toContain('\uFFFD');
  });

  it('reports no Zoom once every install is removed, and does not call what it could not see clean', async () => {
    await unplant(prefix, zoom);
    expect(await queryReg(prefix, `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX`)).toBeNull();
    const r = await runCli(prefix, ['check', '--json']);
    const report = r.report!;
    const banned = findingsOf(report, 'banned-app');
    expect(banned.filter((f) => f.status === 'violation' || f.status === 'warning')).toEqual([]);
    expect(banned.some((f) => f.status === 'ok')).toBe(true);
    // Wine's tasklist and powershell are stubs that print nothing and exit 0: a probe that took that
    // for "no Zoom running" / "no Store package" would be a silent clean. They must not be listed as clean.
    const cleanProbes = banned.filter((f) => f.status === 'ok').flatMap((f) => f.evidence.map((e) => e.data?.probe ?? ''));
    expect(cleanProbes.filter((p) => /process|tasklist|msix|appx|store/i.test(p))).toEqual([]);
    expect(r.exitCode).not.toBe(2);
    expect(r.exitCode).toBe(exitCodeFor(report.findings));
  });
});
