// MeetFast, a made-up meeting app defined only in a test policy, on a recorded Windows PC beside Zoom: its
// per-user install (Uninstall key and MeetFast.exe of its publisher), its per-machine MSI, its running process,
// its meetfast:/mfjoin: handlers, a Run value, its installer and leftovers are found and planned for removal
// by the same code as Zoom, from its policy entry alone; Zoom's findings stay Zoom's.
import { describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../src/core/checks/banned-app/banned-app-check';
import { windowsProbes } from '../../../src/core/checks/banned-app/windows/windows-probes';
import { RUN_KEYS } from '../../../src/core/checks/banned-app/windows/run-values-probe';
import { FixtureHost, type FixtureCommand } from '../../../src/core/host/fixture-host';
import { prepareFix } from '../../../src/core/remediation/fix-flow';
import type { Finding } from '../../../src/shared/finding';
import { peWithVersion, versionBlock } from '../../helpers/pe-builder';
import { meetfastPolicy } from '../../helpers/meetfast-policy';
import { ENV, HKCU, HKLM64, fixture, regMissing, regS, regValues, windowsCommands, windowsFiles } from '../banned-app/windows/windows-host';

const APPDATA = 'C:\\Users\\Nguyễn\\AppData\\Roaming';
const EXE = `${APPDATA}\\MeetFast\\app\\MeetFast.exe`;
const UNINSTALLER = `${APPDATA}\\MeetFast\\uninstall\\unins000.exe`;
const GUID = '{6B7A1C3D-2E4F-4A5B-9C8D-7E6F5A4B3C2D}';
const HKCU_MFJOIN = 'HKEY_CURRENT_USER\\Software\\Classes\\mfjoin';
const REG = 'C:\\Windows\\System32\\reg.exe';
const MEETFAST_PE = peWithVersion(versionBlock({ CompanyName: 'MeetFast Labs Ltd.', ProductName: 'MeetFast', FileVersion: '3.4.1.900' }, [3, 4, 1, 900]));
/** A program of another company at MeetFast's path: not MeetFast, whatever it is called. */
const OTHER_PE = peWithVersion(versionBlock({ CompanyName: 'Fast Meetings Unrelated Corp', ProductName: 'MeetFast Viewer' }));

const hkcuKeys = `${fixture('reg-hkcu-uninstall.txt')}\r\n${HKCU}\\MeetFastUser\r\n    DisplayName    REG_SZ    MeetFast\r\n    DisplayVersion    REG_SZ    3.4.1\r\n    Publisher    REG_SZ    MeetFast Labs Ltd.\r\n    UninstallString    REG_SZ    "${UNINSTALLER}" /SILENT\r\n\r\n`;
const hklmKeys = `${fixture('reg-hklm-uninstall-64.txt')}\r\n${HKLM64}\\${GUID}\r\n    DisplayName    REG_SZ    MeetFast (64-bit)\r\n    DisplayVersion    REG_SZ    3.2.0\r\n    Publisher    REG_SZ    MeetFast Labs Ltd.\r\n    UninstallString    REG_SZ    MsiExec.exe /X${GUID}\r\n    WindowsInstaller    REG_DWORD    0x1\r\n\r\n`;
const mfjoin = `\r\n${HKCU_MFJOIN}\r\n    (Default)    REG_SZ    URL:mfjoin Protocol\r\n    URL Protocol    REG_SZ    \r\n\r\n${HKCU_MFJOIN}\\shell\\open\\command\r\n    (Default)    REG_SZ    "${EXE}" --join "%1"\r\n\r\n`;
const tasklist = `${fixture('tasklist.csv')}"MeetFast.exe","9301","Console","1","98.120 K"\r\n`;

function commands(): FixtureCommand[] {
  return windowsCommands([
    regS(HKCU, hkcuKeys),
    regS(HKLM64, hklmKeys),
    { argv: ['tasklist', '/FO', 'CSV', '/NH'], stdout: tasklist },
    regS(HKCU_MFJOIN, mfjoin),
    regMissing('HKEY_LOCAL_MACHINE\\Software\\Classes\\mfjoin'),
    ...['HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE'].map((h) => regMissing(`${h}\\Software\\Classes\\meetfast`)),
    regValues(RUN_KEYS[0]!, [
      ['OneDrive', '"C:\\Users\\Nguyễn\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background'],
      ['MeetFastTray', `"%APPDATA%\\MeetFast\\app\\MeetFast.exe" --tray`],
    ]),
  ]);
}

function pc(exe: Uint8Array = MEETFAST_PE): FixtureHost {
  return new FixtureHost({
    platform: 'win32',
    homedir: 'C:\\Users\\Nguyễn',
    env: ENV,
    files: windowsFiles({
      [EXE]: { type: 'file', content: exe },
      [UNINSTALLER]: 'MZ-uninstaller',
      'C:\\Users\\Nguyễn\\AppData\\Local\\MeetFast': { type: 'dir' },
      'C:\\Users\\Nguyễn\\AppData\\Local\\MeetFast\\logs\\mf.log': 'log',
      'C:\\Users\\Nguyễn\\Downloads\\MeetFastSetup-3.4.1.exe': 'MZ-setup',
      'C:\\Users\\Nguyễn\\Downloads\\notes.txt': 'mine',
    }),
    commands: commands(),
  });
}

const check = bannedAppCheck({ linux: [], darwin: [], win32: windowsProbes });
const now = new Date('2026-07-20T08:00:00Z');
const of = (findings: readonly Finding[], app: string) => findings.filter((f) => f.app === app && f.status !== 'ok');

describe('a second banned app, only in the policy, on a recorded Windows PC', () => {
  it('is found in every form its entry names, each finding its own and titled by its own name; Zoom is still found as before', async () => {
    const findings = await check.run({ host: pc(), policy: meetfastPolicy(), now });
    const mf = of(findings, 'meetfast');
    const kinds = (f: Finding) => f.evidence.map((e) => e.kind).sort().join('+');
    expect(mf.map((f) => [f.status, kinds(f)]).sort()).toEqual(
      [
        ['violation', 'file+registry'], // the per-user key and its MeetFast.exe: one install
        ['violation', 'registry'], // the MSI, per machine
        ['violation', 'process'],
        ['violation', 'url-handler'],
        ['violation', 'launcher'], // the Run value
        ['warning', 'installer'],
        // %LOCALAPPDATA%\MeetFast is its data while it is installed for this profile, not a leftover.
      ].sort(),
    );
    expect(mf.every((f) => f.title.params?.app === 'MeetFast')).toBe(true);
    expect(mf.find((f) => kinds(f) === 'file+registry')!.evidence.find((e) => e.kind === 'file')?.data).toMatchObject({ identity: 'version', companyName: 'MeetFast Labs Ltd.' });
    expect(JSON.stringify(mf)).not.toMatch(/zoom/i);
    // Zoom's findings are what they were without MeetFast in the policy.
    const zoomOnly = of(await check.run({ host: pc(), policy: { ...meetfastPolicy(), bannedApps: [meetfastPolicy().bannedApps[0]!] }, now }), 'zoom');
    expect(of(findings, 'zoom').map((f) => f.id).sort()).toEqual(zoomOnly.map((f) => f.id).sort());
  });

  it("its program of another company is not it: found by its path, judged by the version resource's company", async () => {
    const mf = of(await check.run({ host: pc(OTHER_PE), policy: meetfastPolicy(), now }), 'meetfast');
    const perUser = mf.find((f) => f.evidence.some((e) => e.kind === 'registry' && e.data?.hive === 'HKCU'))!;
    expect(perUser.evidence.map((e) => e.kind)).toEqual(['registry']);
  });

  it('fix meetfast plans its own uninstaller, msiexec with its product code, reg delete of its handler and Run value, its installer to the Trash, and its cleanup tool by hand', async () => {
    const prepared = await prepareFix({ host: pc(), policy: meetfastPolicy(), now }, 'meetfast', [check]);
    expect(prepared.plans).toHaveLength(6);
    expect(prepared.app.name).toBe('MeetFast');
    const argvs = prepared.plans.flatMap((p) => p.steps.map((s) => (s.kind === 'run' ? s.argv.join(' ') : `${s.kind} ${'path' in s ? s.path : ''}`)));
    expect(argvs).toEqual(
      expect.arrayContaining([
        `${UNINSTALLER} /SILENT`,
        `C:\\Windows\\System32\\msiexec.exe /x ${GUID} /qn /norestart`,
        `${REG} delete HKCU\\Software\\Classes\\mfjoin /f`,
        `${REG} delete HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v MeetFastTray /f`,
        'trash C:\\Users\\Nguyễn\\Downloads\\MeetFastSetup-3.4.1.exe',
      ]),
    );
    // Every uninstall closes the running MeetFast.exe first, by its pid, under its own names.
    const uninstall = prepared.plans.find((p) => p.steps.some((s) => s.kind === 'run' && s.argv[0] === UNINSTALLER))!;
    expect(uninstall.steps[0]).toMatchObject({ kind: 'close-app', pids: [9301], names: expect.arrayContaining(['MeetFast.exe']) });
    expect(uninstall.manual).toContainEqual({ key: 'fix:manual.windows.cleanupTool', params: { app: 'MeetFast', tool: 'MeetFast Cleaner', program: 'mfclean.exe', url: 'https://help.meetfast.example/cleaner' } });
    // Nothing of Zoom is planned under MeetFast's name.
    expect(JSON.stringify(prepared.plans)).not.toMatch(/zoom/i);
    expect(prepared.plans.every((p) => prepared.before.findings.find((f) => f.id === p.findingId)?.app === 'meetfast')).toBe(true);
  });
});
