import { describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { windowsProbes } from '../../../../src/core/checks/banned-app/windows/windows-probes';
import { currentProfileExecutableProbe, otherProfilesExecutableProbe, programFilesExecutableProbe } from '../../../../src/core/checks/banned-app/windows/executable-probes';
import { currentUserLeftoversProbe, currentUserInstallersProbe, otherUsersInstallersProbe } from '../../../../src/core/checks/banned-app/windows/profile-folder-probes';
import type { RunOptions, RunResult } from '../../../../src/core/host/host';
import { HKCU, HKLM32, HKLM64, hku, regMissing, regS, SID_NGUYEN, SID_TRAN, windowsCommands, windowsContext, windowsFiles, zoom } from './windows-host';

const check = bannedAppCheck({ linux: [], darwin: [], win32: windowsProbes });

describe('the banned-app check on a recorded Windows PC', () => {
  it('gives one finding per install, each with all its evidence', async () => {
    const { ctx } = windowsContext();
    const findings = await check.run(ctx);
    const byInstall = (needle: string) => findings.filter((f) => f.evidence.some((e) => (e.path ?? '').includes(needle) || e.detail.includes(needle)));
    // The current user's ZoomUMX key (seen in HKCU) and the Zoom.exe in their %APPDATA%: one install.
    const mine = byInstall('Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.evidence.map((e) => e.kind).sort()).toEqual(['file', 'registry']);
    expect(mine[0]).toMatchObject({ status: 'violation', remediation: 'uninstall.windows-registry' });
    // Another user's install: its HKU\SID key and the Zoom.exe in its profile.
    const tran = byInstall('C:\\Users\\tran\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe');
    expect(tran).toHaveLength(1);
    expect(tran[0]!.evidence.find((e) => e.kind === 'registry')?.data).toMatchObject({ hive: `HKU\\${SID_TRAN}` });
    // The Program Files Zoom.exe belongs to the key whose InstallLocation is its folder.
    const msi = byInstall('C:\\Program Files\\Zoom\\bin\\Zoom.exe');
    expect(msi).toHaveLength(1);
    expect(msi[0]!.evidence.find((e) => e.kind === 'registry')?.data?.displayName).toBe('Zoom(64bit)');
    // Both Zoom.exe processes: one "running" finding; ZoomIt.exe is not Zoom.
    const running = findings.filter((f) => f.title.key === 'bannedApp:running.title');
    expect(running).toHaveLength(1);
    expect(running[0]!.evidence.map((e) => e.data?.pid)).toEqual(['8012', '8120']);
    expect(JSON.stringify(findings)).not.toMatch(/ZoomIt|Zoomify|Zoomerang|Loom/);
    // Installed: 2 per-user + Zoom Workplace + Zoom(64bit) + plugin + Rooms + VDI; running: 1. Nothing unknown.
    expect(findings.map((f) => f.status).sort()).toEqual([...Array(8).fill('violation')]);
  });

  it('titles say the product and version as the install names itself, and another account by its user name, never a key or a SID', async () => {
    const { ctx } = windowsContext();
    const findings = await check.run(ctx);
    const titles = findings.map((f) => ({ key: f.title.key, ...f.title.params }));
    expect(titles).toContainEqual({ key: 'bannedApp:installed.title', app: 'Zoom', product: 'Zoom Workplace 6.1.11' });
    expect(titles).toContainEqual({ key: 'bannedApp:installed.titleOfUser', app: 'Zoom', product: 'Zoom 5.13.7', user: 'tran' });
    expect(titles).toContainEqual({ key: 'bannedApp:installed.title', app: 'Zoom', product: 'Zoom Rooms 6.0.7' });
    expect(titles).toContainEqual({ key: 'bannedApp:installed.title', app: 'Zoom', product: 'ZoomOutlookPlugin 5.17.5' });
    const said = JSON.stringify(findings.map((f) => f.title));
    expect(said).not.toMatch(/S-1-5-21|HKU|HKLM|HKCU|Uninstall|\\\\|pid/i);
    // The SID and the key stay in the evidence, for IT staff and the removal.
    const tran = findings.find((f) => f.title.params?.user === 'tran')!;
    expect(tran.evidence.find((e) => e.kind === 'registry')?.data).toMatchObject({ sid: SID_TRAN, user: 'tran' });
    expect(tran.evidence.find((e) => e.kind === 'file')?.data).toMatchObject({ sid: SID_TRAN, user: 'tran' });
  });

  it('without ProfileList the other account is not named at all rather than named by its SID', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands([regMissing('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList')]) });
    const findings = await check.run(ctx);
    const tran = findings.find((f) => f.evidence.some((e) => e.data?.hive === `HKU\\${SID_TRAN}`))!;
    expect(tran.title).toEqual({ key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'Zoom 5.13.7' } });
  });

  it('reads each registry root once however many probes ask, even when reg answers slowly', async () => {
    const { ctx, host } = windowsContext();
    const slow = Object.create(host) as typeof host;
    slow.run = async (argv: readonly string[], options?: RunOptions): Promise<RunResult> => {
      await new Promise((r) => setTimeout(r, 30));
      return host.run(argv, options);
    };
    const findings = await check.run({ ...ctx, host: slow });
    expect(findings.filter((f) => f.status === 'violation')).toHaveLength(8);
    const regCalls = host.calls.filter((c) => c[0] === 'reg').map((c) => c.join(' '));
    expect(new Set(regCalls).size).toBe(regCalls.length);
    expect(regCalls.filter((c) => c.includes(HKLM64))).toHaveLength(1);
  });

  it('still finds the per-user Zoom.exe when reg is missing, and says which places it could not look at', async () => {
    const { ctx } = windowsContext({ commands: windowsCommands().filter((c) => c.argv[0] !== 'reg') });
    const findings = await check.run(ctx);
    const file = findings.find((f) => f.evidence.some((e) => e.path === 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe'));
    expect(file).toMatchObject({ status: 'violation' });
    // Without the key there is no uninstall plan from the registry.
    expect(file!.remediation).toBeUndefined();
    const unknown = findings.filter((f) => f.status === 'unknown').map((f) => f.evidence[0]?.data?.probe).sort();
    expect(unknown).toEqual(['windows.run-values', 'windows.uninstall.current-user', 'windows.uninstall.machine', 'windows.uninstall.machine-wow64', 'windows.uninstall.other-users', 'windows.url-handlers']);
    expect(findings.find((f) => f.status === 'unknown')!.reason).toEqual({ key: 'common:reason.toolMissing', params: { tool: 'reg' } });
  });

  it('is ok on a clean PC, and never ok where it could not look', async () => {
    const clean = windowsCommands([
      regMissing(HKLM32),
      regS(HKLM64, '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomIt\r\n    DisplayName    REG_SZ    ZoomIt\r\n\r\n'),
      regMissing(HKCU),
      regMissing(hku(SID_NGUYEN)),
      regMissing(hku(SID_TRAN)),
      { argv: ['tasklist', '/FO', 'CSV', '/NH'], stdout: '\r\n"System","4","Services","0","1,024 K"\r\n"ZoomIt.exe","9001","Console","1","4,200 K"\r\n' },
    ]);
    const { ctx } = windowsContext({ commands: clean, files: { 'C:\\Users\\Nguyễn\\Documents\\a.txt': 'x', 'C:\\Users\\tran\\Documents\\b.txt': 'x' } });
    const findings = await check.run(ctx);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'ok', title: { key: 'bannedApp:ok.title' } });
  });
});

describe('program files in every profile', () => {
  it('enumerates profiles from ProfileList even when they are not beside the home folder', async () => {
    const { ctx } = windowsContext({ files: windowsFiles({ 'D:\\Profiles\\hoa\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': 'MZ' }), commands: windowsCommands([regS('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList', '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-12-1-111-222-333-444\r\n    ProfileImagePath    REG_EXPAND_SZ    D:\\Profiles\\hoa\r\n\r\n')]) });
    const r = await otherProfilesExecutableProbe.run(ctx, zoom);
    expect(r.status === 'ran' && r.hits.map((h) => h.install)).toContain('file:D:\\Profiles\\hoa\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe');
  });

  it('groups a profile Zoom.exe with its user key even when reg lost the Vietnamese letters of the path', async () => {
    const lossy = (await import('./windows-host')).fixture('reg-profile-list.txt').replace('C:\\Users\\Nguyễn', 'C:\\Users\\Nguy?n');
    const { ctx } = windowsContext({ commands: windowsCommands([regS('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList', lossy)]) });
    const r = await currentProfileExecutableProbe.run(ctx, zoom);
    expect(r).toMatchObject({ status: 'ran', hits: [{ install: `registry:${hku(SID_NGUYEN)}\\ZoomUMX`, evidence: { kind: 'file', data: { profile: 'C:\\Users\\Nguyễn', scope: 'user', sid: SID_NGUYEN } } }] });
  });

  it('is unknown for other profiles a standard user may not read, and still reports the own profile', async () => {
    const files = windowsFiles({ 'C:\\Users\\tran\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe': { type: 'error', code: 'permission' } });
    const { ctx } = windowsContext({ files });
    expect(await otherProfilesExecutableProbe.run(ctx, zoom)).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.permission' } });
    expect((await currentProfileExecutableProbe.run(ctx, zoom)).status).toBe('ran');
  });

  it('finds Zoom.exe under Program Files (x86) with no key as its own install', async () => {
    const { ctx } = windowsContext({ files: { 'C:\\Program Files (x86)\\Zoom\\bin\\Zoom.exe': 'MZ' }, commands: windowsCommands([regMissing(HKLM32), regMissing(HKLM64)]) });
    const r = await programFilesExecutableProbe.run(ctx, zoom);
    expect(r).toMatchObject({ status: 'ran', hits: [{ kind: 'installed', install: 'file:C:\\Program Files (x86)\\Zoom\\bin\\Zoom.exe', evidence: { data: { scope: 'machine' } } }] });
  });
});

describe('installers and leftovers', () => {
  it('finds installers in Downloads and Desktop of every profile, not look-alikes', async () => {
    const files = windowsFiles({
      'C:\\Users\\Nguyễn\\Downloads\\ZoomInstallerFull.exe': 'MZ-installer',
      'C:\\Users\\Nguyễn\\Downloads\\ZoomIt.zip': 'PK',
      'C:\\Users\\Nguyễn\\Desktop\\Tài liệu họp.docx': 'PK',
      'C:\\Users\\Public\\Desktop\\ZoomOutlookPluginSetup.msi': 'MSI',
      'C:\\Users\\tran\\Desktop\\ZoomInstaller (1).exe': 'MZ',
    });
    const { ctx } = windowsContext({ files });
    const mine = await currentUserInstallersProbe.run(ctx, zoom);
    expect(mine.status === 'ran' && mine.hits.map((h) => h.install).sort()).toEqual(['installer:C:\\Users\\Nguyễn\\Downloads\\ZoomInstallerFull.exe', 'installer:C:\\Users\\Public\\Desktop\\ZoomOutlookPluginSetup.msi']);
    const theirs = await otherUsersInstallersProbe.run(ctx, zoom);
    expect(theirs.status === 'ran' && theirs.hits.map((h) => h.evidence.data?.size)).toEqual(['2']);
  });

  it('reports %APPDATA%\\Zoom left after removal, but not the data of a live install', async () => {
    const removed = windowsContext({
      files: { 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\data\\zoomus.enc.db': 'x' },
      commands: windowsCommands([regMissing(HKLM64), regMissing(HKLM32), regMissing(HKCU), regMissing(hku(SID_NGUYEN))]),
    });
    const r = await currentUserLeftoversProbe.run(removed.ctx, zoom);
    expect(r).toMatchObject({ status: 'ran', hits: [{ kind: 'leftover', install: 'leftover:C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom', evidence: { kind: 'folder' } }] });
    const live = windowsContext();
    expect((await currentUserLeftoversProbe.run(live.ctx, zoom)).status).toBe('not-applicable');
  });
});
