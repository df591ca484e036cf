import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../../src/shared/finding';
import { FixtureHost, type FixtureCommand } from '../../../src/core/host/fixture-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { planFindings } from '../../../src/core/remediation/plan-findings';
import { joinWindowsCommandLine, parseWindowsCommandLine } from '../../../src/core/remediation/windows-command-line';
import { msiProductCode, msixSteps, uninstallArgv } from '../../../src/core/remediation/windows-plans';
import { elevatedArgv } from '../../../src/core/remediation/elevation';

const zoom = builtinPolicy().bannedApps[0]!;
const HOME = 'C:\\Users\\A B';
const env = { APPDATA: `${HOME}\\AppData\\Roaming`, LOCALAPPDATA: `${HOME}\\AppData\\Local`, SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
const MSIEXEC = 'C:\\Windows\\System32\\msiexec.exe';
const UNINSTALLER = `${HOME}\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe`;

function host(files: Record<string, string> = {}): FixtureHost {
  return new FixtureHost({ platform: 'win32', homedir: HOME, env, files: { [UNINSTALLER]: 'MZ', ...files } });
}

const ICACLS = 'C:\\Windows\\System32\\icacls.exe';
const PF86_EXE = 'C:\\Program Files (x86)\\Zoom\\uninstall\\Installer.exe';
/** A recorded icacls listing (tests/fixtures/windows/icacls), as the Host hands it over (UTF-8). */
const acl = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'windows', 'icacls', name)).toString('utf8');
/** icacls answers for Zoom's per-machine uninstaller and every folder above it, as a default Windows has them. */
function aclChain(over: Record<string, FixtureCommand | string> = {}): FixtureCommand[] {
  const chain: Record<string, string> = {
    [PF86_EXE]: 'zoom-installer-exe.txt',
    'C:\\Program Files (x86)\\Zoom\\uninstall': 'zoom-uninstall-folder.txt',
    'C:\\Program Files (x86)\\Zoom': 'zoom-folder.txt',
    'C:\\Program Files (x86)': 'program-files-x86.txt',
    'C:\\': 'drive-root.txt',
  };
  return Object.entries(chain).map(([path, file]) => {
    const o = over[path];
    if (typeof o === 'object') return { ...o, argv: [ICACLS, path] };
    return { argv: [ICACLS, path], stdout: acl(o ?? file) };
  });
}

function regFinding(data: Record<string, string>, extra: Evidence[] = []): Finding {
  return {
    id: `banned-app:${data.keyName}`,
    check: 'banned-app',
    status: 'violation',
    severity: 'high',
    advisoryPoint: 1,
    title: { key: 'bannedApp:installed.title', params: { app: 'Zoom' } },
    evidence: [{ kind: 'registry', path: `${data.hive}\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${data.keyName}`, detail: data.displayName ?? '', data }, ...extra],
    remediation: 'uninstall.windows-registry',
  };
}

describe('Windows command lines', () => {
  it.each([
    ['"C:\\Users\\A B\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall', ['C:\\Users\\A B\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe', '/uninstall']],
    ['MsiExec.exe /X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', ['MsiExec.exe', '/X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}']],
    ['"C:\\a\\x.exe" "arg with space" plain "say \\"hi\\"" tail\\\\ "end\\\\"', ['C:\\a\\x.exe', 'arg with space', 'plain', 'say "hi"', 'tail\\\\', 'end\\']],
    ['  "C:\\p q\\u.exe"  /S   /D="C:\\x y"  ', ['C:\\p q\\u.exe', '/S', '/D=C:\\x y']],
    ['"C:\\odd\\u.exe" a""b "c""d" ""', ['C:\\odd\\u.exe', 'ab', 'c"d', '']],
  ])('%s', (line, argv) => {
    expect(parseWindowsCommandLine(line)).toEqual(argv);
  });

  it('quoting round-trips through the parser', () => {
    const argv = ['C:\\p q\\u.exe', 'a b', 'say "hi"', 'end\\', 'x\\\\"y', '', 'plain', 'tab\there'];
    expect(parseWindowsCommandLine(joinWindowsCommandLine(argv))).toEqual(argv);
  });

  it('unquoted programs with spaces end at the first .exe; unknown %VARS% are never guessed', () => {
    expect(uninstallArgv('C:\\Program Files (x86)\\Zoom\\uninstall\\Installer.exe /uninstall /silent', {})).toEqual(['C:\\Program Files (x86)\\Zoom\\uninstall\\Installer.exe', '/uninstall', '/silent']);
    expect(uninstallArgv('"%APPDATA%\\Zoom\\uninstall\\Installer.exe" /uninstall', env)).toEqual([UNINSTALLER, '/uninstall']);
    expect(uninstallArgv('"%NOPE%\\Zoom\\Installer.exe" /uninstall', env)).toBeNull();
    expect(uninstallArgv('rundll32 something', env)).toBeNull();
  });

  it('reads the MSI product code from the key, the key name or the uninstall string', () => {
    expect(msiProductCode({ productCode: '{6fc53f6b-cc58-43a0-b23e-84b95825cbfe}' })).toBe('{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}');
    expect(msiProductCode({ keyName: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}' })).toBe('{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}');
    expect(msiProductCode({ keyName: 'ZoomUMX', uninstallString: 'MsiExec.exe /I{C819B794-A45C-4F27-9860-0C86492A52CC}' })).toBe('{C819B794-A45C-4F27-9860-0C86492A52CC}');
    expect(msiProductCode({ keyName: 'x', uninstallString: 'MsiExec.exe /X{not-a-guid}' })).toBeNull();
  });

  it('elevation on Windows is a UAC prompt through an encoded PowerShell script, exit code passed back', () => {
    const argv = elevatedArgv('win32', ['msiexec', '/x', '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', '/qn'], env);
    expect(argv.slice(0, 6)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const script = Buffer.from(argv[6]!, 'base64').toString('utf16le');
    expect(script).toContain("Start-Process -FilePath 'msiexec' -ArgumentList '/x {6FC53F6B-CC58-43A0-B23E-84B95825CBFE} /qn' -Verb RunAs -Wait -PassThru");
    expect(script).toContain('exit 1223');
  });
});

describe('Windows plans from recorded Uninstall keys', () => {
  it('per-user ZoomUMX: the uninstaller the key names, parsed into argv, no elevation', async () => {
    const f = regFinding({ hive: 'HKCU', view: '64', keyName: 'ZoomUMX', displayName: 'Zoom', publisher: 'Zoom Video Communications, Inc.', uninstallString: `"${UNINSTALLER}" /uninstall`, scope: 'user' });
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan!.kind).toBe('uninstall');
    expect(plan!.steps).toEqual([expect.objectContaining({ kind: 'run', argv: [UNINSTALLER, '/uninstall'], elevation: 'none' })]);
  });

  it('per-machine MSI 6.x: msiexec /x {ProductCode} /qn with elevation, never the string as given', async () => {
    const f = regFinding({ hive: 'HKLM', view: '64', keyName: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', displayName: 'Zoom Workplace (64-bit)', publisher: 'Zoom', uninstallString: 'MsiExec.exe /X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', windowsInstaller: '1', scope: 'machine' });
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan!.steps).toEqual([expect.objectContaining({ argv: [MSIEXEC, '/x', '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', '/qn', '/norestart'], elevation: 'admin', okExitCodes: [0, 1605, 1641, 3010] })]);
  });

  it('the Outlook plugin is planned by its own key', async () => {
    const f = regFinding({ hive: 'HKLM', view: '32', keyName: '{0B76DE11-5937-4491-A66A-617E42170AFF}', displayName: 'Zoom Outlook Plugin', publisher: 'Zoom Video Communications, Inc.', uninstallString: 'MsiExec.exe /I{0B76DE11-5937-4491-A66A-617E42170AFF}', windowsInstaller: '1', scope: 'machine' });
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan!.steps[0]).toMatchObject({ argv: [MSIEXEC, '/x', '{0B76DE11-5937-4491-A66A-617E42170AFF}', '/qn', '/norestart'] });
  });

  it('a .cmd uninstaller runs through cmd /d /c only when its line holds nothing cmd.exe reads (no quotes, spaces, & ...)', async () => {
    const cmdPath = 'C:\\Program Files\\Zoom\\uninstall\\remove.cmd';
    const plainCmd = `${HOME.replace(' ', '')}\\AppData\\Roaming\\Zoom\\uninstall\\uninstall.cmd`;
    const keys = [
      regFinding({ hive: 'HKCU', view: '64', keyName: 'ZoomCmd', displayName: 'Zoom', uninstallString: `${plainCmd} /uninstall`, scope: 'user' }),
      regFinding({ hive: 'HKLM', view: '64', keyName: 'ZoomSpace', displayName: 'Zoom', uninstallString: `"${cmdPath}" /quiet`, scope: 'machine' }),
      regFinding({ hive: 'HKLM', view: '64', keyName: 'ZoomBad', displayName: 'Zoom', uninstallString: `"${cmdPath}" /quiet & del C:\\x`, scope: 'machine' }),
      regFinding({ hive: 'HKLM', view: '64', keyName: 'ZoomPct', displayName: 'Zoom', uninstallString: `"${cmdPath}" /x=%%PATH%%`, scope: 'machine' }),
    ];
    const plainEnv = { ...env, APPDATA: `${HOME.replace(' ', '')}\\AppData\\Roaming` };
    const plans = await planFindings(new FixtureHost({ platform: 'win32', homedir: HOME.replace(' ', ''), env: plainEnv, files: { [plainCmd]: '@echo off', [cmdPath]: '@echo off' } }), zoom, keys);
    expect(plans.find((p) => p.findingId.endsWith('ZoomCmd'))!.steps[0]).toMatchObject({ argv: ['C:\\Windows\\System32\\cmd.exe', '/d', '/c', plainCmd, '/uninstall'], elevation: 'none' });
    for (const k of ['ZoomSpace', 'ZoomBad', 'ZoomPct']) {
      const manual = plans.find((p) => p.findingId.endsWith(k))!;
      expect(manual.steps, k).toEqual([]);
      expect(manual.why?.key).toBe('fix:why.unusableUninstaller');
    }
  });

  it.each([
    ['rundll32 from System32', 'C:\\Windows\\System32\\rundll32.exe', '"C:\\Windows\\System32\\rundll32.exe" shell32.dll,Control_RunDLL', 'user'],
    ['powershell -enc', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -enc ZABlAGwAIABDADoAXAA=', 'user'],
    ['cmd.exe /c', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\System32\\cmd.exe /c del /q C:\\Users', 'machine'],
    ['pwsh inside Program Files', 'C:\\Program Files\\PowerShell\\7\\pwsh.exe', '"C:\\Program Files\\PowerShell\\7\\pwsh.exe" -EncodedCommand:ZABlAGwA', 'machine'],
    ['an interpreter in a Zoom folder', 'C:\\Program Files\\Zoom\\bin\\node.exe', '"C:\\Program Files\\Zoom\\bin\\node.exe" /uninstall', 'machine'],
    ['a program of another vendor', 'C:\\Program Files\\Other\\uninst.exe', '"C:\\Program Files\\Other\\uninst.exe" /S', 'machine'],
    // The install folder is compared whole, right below the root: a name that merely contains "Zoom" is another program.
    ['a folder whose name only contains Zoom (ZoomItPro)', 'C:\\Program Files\\ZoomItPro\\uninstall.exe', '"C:\\Program Files\\ZoomItPro\\uninstall.exe" /S', 'machine'],
    ['a folder named Zoom deeper inside another vendor\'s', 'C:\\Program Files\\Other\\Zoom\\uninst.exe', '"C:\\Program Files\\Other\\Zoom\\uninst.exe" /S', 'machine'],
    ['a program directly in Program Files', 'C:\\Program Files\\Zoom.exe', '"C:\\Program Files\\Zoom.exe" /uninstall', 'machine'],
    ['a per-user folder that only contains Zoom (ZoomIt)', `${HOME}\\AppData\\Roaming\\ZoomIt\\uninst.exe`, `"${HOME}\\AppData\\Roaming\\ZoomIt\\uninst.exe" /S`, 'user'],
    ['a per-user program outside the application data folders', `${HOME}\\Zoom\\uninstall\\Installer.exe`, `"${HOME}\\Zoom\\uninstall\\Installer.exe" /uninstall`, 'user'],
    ['a per-machine uninstaller in a folder the user can write (the profile)', UNINSTALLER, `"${UNINSTALLER}" /uninstall`, 'machine'],
    ['a program outside Program Files and the profile', 'C:\\Zoom\\uninstall\\Installer.exe', '"C:\\Zoom\\uninstall\\Installer.exe" /uninstall', 'user'],
    ['free-text arguments (a path, an &)', UNINSTALLER, `"${UNINSTALLER}" /uninstall C:\\Users & calc`, 'user'],
    ['a trailing dot Windows would drop', `${UNINSTALLER}.`, `"${UNINSTALLER}." /uninstall`, 'user'],
    ['an alternate data stream', `${HOME}\\AppData\\Roaming\\Zoom\\uninstall\\x.txt:Installer.exe`, `"${HOME}\\AppData\\Roaming\\Zoom\\uninstall\\x.txt:Installer.exe" /uninstall`, 'user'],
    ['.. in the path', `${HOME}\\AppData\\Roaming\\Zoom\\..\\..\\x\\Installer.exe`, `"${HOME}\\AppData\\Roaming\\Zoom\\..\\..\\x\\Installer.exe" /uninstall`, 'user'],
  ])('an UninstallString that is not the vendor uninstaller is never run: %s', async (_name, exe, uninstallString, scope) => {
    const f = regFinding({ hive: scope === 'machine' ? 'HKLM' : 'HKCU', view: '64', keyName: 'ZoomUMX', displayName: 'Zoom', uninstallString, scope });
    const [plan] = await planFindings(host({ [exe]: 'MZ' }), zoom, [f]);
    expect(plan!.steps).toEqual([]);
    expect(plan!.why?.key).toBe('fix:why.unusableUninstaller');
    expect(plan!.manual.map((m) => m.key)).toContain('fix:manual.windows.cleanupTool');
  });

  it('the vendor uninstaller of a per-machine install in Program Files runs elevated, its switches kept', async () => {
    const exe = PF86_EXE;
    const f = regFinding({ hive: 'HKLM', view: '32', keyName: 'ZoomUMX', displayName: 'Zoom', uninstallString: `"${exe}" /uninstall /silent`, scope: 'machine' });
    const h = new FixtureHost({ platform: 'win32', homedir: HOME, env, files: { [exe]: 'MZ' }, commands: aclChain() });
    const [plan] = await planFindings(h, zoom, [f]);
    expect(plan!.steps).toEqual([expect.objectContaining({ argv: [exe, '/uninstall', '/silent'], elevation: 'admin' })]);
    // Only after the access list of the program and of every folder up to C:\\ was read, by icacls from System32.
    expect(h.calls.map((c) => c[1])).toEqual([exe, 'C:\\Program Files (x86)\\Zoom\\uninstall', 'C:\\Program Files (x86)\\Zoom', 'C:\\Program Files (x86)', 'C:\\']);
    expect(h.calls.every((c) => c[0] === ICACLS)).toBe(true);
    // Variable names in another case (PROGRAMFILES(X86)) name the same folder.
    const upper = new FixtureHost({ platform: 'win32', homedir: HOME, env: { SystemRoot: 'C:\\Windows', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, files: { [exe]: 'MZ' }, commands: aclChain() });
    expect((await planFindings(upper, zoom, [f]))[0]!.steps).toHaveLength(1);
  });

  it.each([
    ['its folder lets Users modify', { 'C:\\Program Files (x86)\\Zoom\\uninstall': 'zoom-uninstall-users-modify.txt' }, 'C:\\Program Files (x86)\\Zoom\\uninstall', 'BUILTIN\\Users (M)'],
    ['its folder gives Everyone (by SID) full control', { 'C:\\Program Files (x86)\\Zoom\\uninstall': 'zoom-uninstall-everyone-full-sid.txt' }, 'C:\\Program Files (x86)\\Zoom\\uninstall', 'S-1-1-0 (F)'],
    ['its folder lets INTERACTIVE add files (a DLL beside it)', { 'C:\\Program Files (x86)\\Zoom\\uninstall': 'zoom-uninstall-interactive-specific.txt' }, 'C:\\Program Files (x86)\\Zoom\\uninstall', 'NT AUTHORITY\\INTERACTIVE (RX,WD,AD)'],
    ['the program itself belongs to one person', { [PF86_EXE]: 'zoom-installer-named-user.txt' }, PF86_EXE, 'DESKTOP-7Q2M4KD\\an (F)'],
  ])('an HKLM uninstaller a standard user can change is manual, with the place and who: %s', async (_name, over, where, who) => {
    const f = regFinding({ hive: 'HKLM', view: '32', keyName: 'ZoomUMX', displayName: 'Zoom', uninstallString: `"${PF86_EXE}" /uninstall`, scope: 'machine' });
    const [plan] = await planFindings(new FixtureHost({ platform: 'win32', homedir: HOME, env, files: { [PF86_EXE]: 'MZ' }, commands: aclChain(over) }), zoom, [f]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.userWritableProgram', params: { program: PF86_EXE, path: where, who } } });
    expect(plan!.manual.map((m) => m.key)).toContain('fix:manual.windows.cleanupTool');
  });

  it.each([
    ['icacls prints nothing (a stub, as under wine)', { stdout: '' }, 'common:reason.garbled'],
    ['icacls is refused (access denied)', { stdout: acl('access-denied.txt'), exitCode: 5 }, 'common:reason.exitCode'],
    ['icacls hangs', { error: 'timeout' as const }, 'common:reason.timeout'],
  ])('an HKLM uninstaller whose rights cannot be read is manual, never elevated: %s', async (_name, answer, detail) => {
    const f = regFinding({ hive: 'HKLM', view: '32', keyName: 'ZoomUMX', displayName: 'Zoom', uninstallString: `"${PF86_EXE}" /uninstall`, scope: 'machine' });
    const [plan] = await planFindings(new FixtureHost({ platform: 'win32', homedir: HOME, env, files: { [PF86_EXE]: 'MZ' }, commands: aclChain({ 'C:\\Program Files (x86)\\Zoom': { argv: [], ...answer } }) }), zoom, [f]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.programRightsUnknown', params: { program: PF86_EXE, path: 'C:\\Program Files (x86)\\Zoom', detail } } });
  });

  it('an MSIX name that would read as a PowerShell parameter, or that the policy does not name, is refused', async () => {
    expect(msixSteps(host(), { manager: 'msix', name: 'Zoom', packageFullName: '-AllUsers_x' })).toEqual({ why: { key: 'fix:why.noPackageName', params: { name: 'Zoom' } } });
    const other: Finding = { ...regFinding({ keyName: 'm' }), id: 'banned-app:msix', evidence: [{ kind: 'package', detail: 'msix', data: { manager: 'msix', name: 'Microsoft.Teams', packageFullName: 'Microsoft.Teams_1.0.0.0_x64__8wekyb3d8bbwe' } }] };
    const [plan] = await planFindings(host(), zoom, [other]);
    expect(plan!.steps).toEqual([]);
    expect(plan!.why?.key).toBe('fix:why.unknownPackage');
  });

  it.each([
    ['no uninstall string', { uninstallString: '' }, 'fix:why.noUninstaller'],
    ['an uninstaller that is not on disk', { uninstallString: `"${HOME}\\AppData\\Roaming\\Zoom\\gone\\Installer.exe" /uninstall` }, 'fix:why.uninstallerMissing'],
    ['a network path', { uninstallString: '"\\\\server\\share\\Installer.exe" /uninstall' }, 'fix:why.unusableUninstaller'],
    ['a relative program', { uninstallString: 'Installer.exe /uninstall' }, 'fix:why.unusableUninstaller'],
    ['a key the console printed lossily (lossy=1)', { uninstallString: `"${UNINSTALLER}" /uninstall`, lossy: '1' }, 'fix:why.unusableUninstaller'],
    ['an MSI without any product code', { windowsInstaller: '1', uninstallString: 'MsiExec.exe' }, 'fix:why.noProductCode'],
    ['another profile, its account named from the profile folder', { hive: 'HKU\\S-1-5-21-1-2-3-1002', uninstallString: '"C:\\Users\\Other\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall' }, 'fix:why.otherUser'],
    ['another profile whose account cannot be told', { hive: 'HKU\\S-1-5-21-1-2-3-1002', uninstallString: '"D:\\Elsewhere\\Zoom\\Installer.exe" /uninstall' }, 'fix:why.otherProfile'],
  ])('%s: manual steps with CleanZoom, never a guessed command', async (_name, over, why) => {
    const f = regFinding({ hive: 'HKCU', view: '64', keyName: 'ZoomUMX', displayName: 'Zoom', scope: 'user', ...over });
    const [plan] = await planFindings(host({ 'C:\\Users\\Other\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe': 'MZ' }), zoom, [f]);
    expect(plan!.steps).toEqual([]);
    expect(plan!.why?.key).toBe(why);
    // Never a SID in the words: the account by its name, or no name at all.
    expect(JSON.stringify(plan!.why?.params ?? {})).not.toMatch(/S-1-5-/);
    if (why === 'fix:why.otherUser') expect(plan!.why?.params?.user).toBe('Other');
    expect(plan!.manual.map((m) => m.key)).toContain('fix:manual.windows.cleanupTool');
  });

  it('an MSI key without a DisplayName is named by the app in the words, never by its key name (a product code)', async () => {
    const f = regFinding({ hive: 'HKCU', view: '64', keyName: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', windowsInstaller: '1', uninstallString: 'MsiExec.exe /X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}', scope: 'user' });
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan!.steps.map((s) => s.title)).toEqual([{ key: 'fix:step.msiexec', params: { name: 'Zoom', code: '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}' } }]);
  });

  it('a per-user Zoom.exe without an Uninstall key: manual', async () => {
    const f: Finding = { ...regFinding({ keyName: 'x' }), evidence: [{ kind: 'file', path: `${HOME}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe`, detail: 'Zoom.exe', data: { profile: HOME, scope: 'user' } }] };
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan!.kind).toBe('manual');
    expect(plan!.why?.key).toBe('fix:why.noUninstallKey');
  });

  it('a Zoom.exe under Program Files without an Uninstall key: manual, never a delete step', async () => {
    const f: Finding = { ...regFinding({ keyName: 'x' }), evidence: [{ kind: 'file', path: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe', detail: 'Zoom.exe', data: { scope: 'machine', size: '100' } }] };
    const [plan] = await planFindings(host(), zoom, [f]);
    expect(plan).toMatchObject({ kind: 'manual', steps: [], why: { key: 'fix:why.noUninstallKey' } });
  });

  it('a running Zoom.exe is closed with taskkill by pid; MSIX by its full name', async () => {
    const proc: Finding = { ...regFinding({ keyName: 'p' }), id: 'banned-app:proc', evidence: [{ kind: 'process', detail: 'Zoom.exe', data: { pid: '4242', name: 'Zoom.exe' } }] };
    const msix: Finding = { ...regFinding({ keyName: 'm' }), id: 'banned-app:msix', evidence: [{ kind: 'package', detail: 'msix', data: { manager: 'msix', name: 'Zoom.Zoom', packageFullName: 'ZoomVideoCommunicationsInc.ZoomWorkplace_6.2.0.0_x64__abc123', version: '6.2.0.0' } }] };
    const plans = await planFindings(host(), zoom, [msix, proc]);
    expect(plans[0]).toMatchObject({ kind: 'close', steps: [{ kind: 'close-app', pids: [4242], names: expect.arrayContaining(['Zoom.exe']) }] });
    // The uninstall closes the running Zoom first too, then removes the package.
    expect(plans[1]!.steps.map((st) => st.kind)).toEqual(['close-app', 'run']);
    expect(plans[1]!.steps[1]).toMatchObject({ argv: ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command', 'Remove-AppxPackage', '-Package', 'ZoomVideoCommunicationsInc.ZoomWorkplace_6.2.0.0_x64__abc123'] });
  });
});
