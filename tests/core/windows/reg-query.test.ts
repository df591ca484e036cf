import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FixtureHost, type FixtureCommand } from '../../../src/core/host/fixture-host';
import { childKeyNames, findKey, fullKeyPath, isLossyText, parseRegOutput, queryKey, regQueryArgv, regText, regValue, shortKeyPath } from '../../../src/core/windows/reg-query';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/windows/${name}`, import.meta.url), 'utf8');
const HKLM64 = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const argv = regQueryArgv(HKLM64, { recursive: true, view: 64 });
const host = (...commands: FixtureCommand[]): FixtureHost => new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\a', commands });

describe('parseRegOutput', () => {
  it('reads every key of a recursive query with typed values', () => {
    const parsed = parseRegOutput(fixture('reg-hklm-uninstall-64.txt'));
    if (!parsed.ok) throw new Error(parsed.badLine);
    expect(childKeyNames(parsed.keys, HKLM64)).toContain('{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}');
    const zoom = findKey(parsed.keys, `HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}`);
    expect(regText(zoom, 'displayname')).toBe('Zoom Workplace (64-bit)');
    expect(regValue(zoom, 'WindowsInstaller')).toMatchObject({ type: 'REG_DWORD', data: 1 });
    expect(regValue(zoom, 'UninstallString')).toMatchObject({ type: 'REG_EXPAND_SZ', data: 'MsiExec.exe /X{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}' });
    expect(regValue(zoom, 'InstallLocation')).toMatchObject({ type: 'REG_SZ', data: '' });
    const edge = findKey(parsed.keys, `${HKLM64}\\Microsoft Edge`);
    expect(regValue(edge, 'ProductCodes')).toMatchObject({ type: 'REG_MULTI_SZ', data: ['{A}', '{B}'] });
    expect(regValue(edge, 'InstallTime')).toMatchObject({ type: 'REG_QWORD', data: 0x1db2f4a5c6e7f80n });
    expect(regValue(edge, 'Blob')).toMatchObject({ type: 'REG_BINARY', data: new Uint8Array([0, 255, 16]) });
    expect(regValue(edge, 'Nothing')).toMatchObject({ type: 'REG_NONE', data: new Uint8Array([]) });
    expect(findKey(parsed.keys, `${HKLM64}\\EmptyLeftover`)?.values).toEqual([]);
  });

  it('reads LF output as CRLF output, and non-ASCII values intact', () => {
    const crlf = parseRegOutput(fixture('reg-hklm-uninstall-wow64.txt'));
    const lf = parseRegOutput(fixture('reg-hklm-uninstall-wow64.txt').replace(/\r\n/g, '\n'));
    expect(lf).toEqual(crlf);
    if (!crlf.ok) throw new Error('parse');
    const unikey = crlf.keys.find((k) => k.path.endsWith('\\UniKey'));
    expect(regText(unikey, 'Publisher')).toBe('Phạm Kim Long');
    expect(regText(unikey, 'UninstallString')).toBe('C:\\Program Files (x86)\\UniKey\\Gỡ cài đặt.exe');
  });

  it('lists direct subkeys of a non-recursive query', () => {
    const parsed = parseRegOutput(fixture('reg-hku.txt'));
    if (!parsed.ok) throw new Error('parse');
    expect(childKeyNames(parsed.keys, 'HKU')).toContain('S-1-5-21-3623811015-3361044348-30300820-1002_Classes');
  });

  it('names the line that is not registry output', () => {
    expect(parseRegOutput('\r\nHKEY_CURRENT_USER\\X\r\n\tgarbage here\r\n')).toEqual({ ok: false, badLine: '\tgarbage here' });
    expect(parseRegOutput('Zugriff verweigert\r\n')).toMatchObject({ ok: false });
  });
});

describe('queryKey', () => {
  it('runs exactly the argv reg.exe accepts', async () => {
    expect(argv).toEqual(['reg', 'query', HKLM64, '/s', '/reg:64']);
    expect(regQueryArgv('HKU')).toEqual(['reg', 'query', 'HKU']);
    expect(fullKeyPath('hklm\\SOFTWARE\\')).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE');
    expect(shortKeyPath('HKEY_USERS\\S-1-5-21-1\\Software')).toBe('HKU\\S-1-5-21-1\\Software');
  });

  it('parses a real recursive answer', async () => {
    const r = await queryKey(host({ argv, stdout: fixture('reg-hklm-uninstall-64.txt') }), HKLM64, { recursive: true, view: 64 });
    expect(r).toMatchObject({ ok: true, exists: true, lossy: false });
    if (r.ok) expect(r.keys.length).toBe(10);
  });

  it('treats a missing key as empty, in English (Windows stderr) and wine (stdout)', async () => {
    const windows = await queryKey(host({ argv, exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' }), HKLM64, { recursive: true, view: 64 });
    const wine = await queryKey(host({ argv, exitCode: 1, stdout: 'reg: Unable to find the specified registry key\r\n' }), HKLM64, { recursive: true, view: 64 });
    expect(windows).toEqual({ ok: true, exists: false, keys: [], lossy: false });
    expect(wine).toEqual(windows);
  });

  it('in another language, asks the parent whether the key exists', async () => {
    const parent = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
    const german = { argv, exitCode: 1, stderr: 'FEHLER: Der angegebene Registrierungsschlüssel bzw. Wert wurde nicht gefunden.\r\n' };
    const listing = (children: string[]): FixtureCommand => ({ argv: ['reg', 'query', parent, '/reg:64'], stdout: `\r\n${parent}\r\n    ProgramFilesDir    REG_SZ    C:\\Program Files\r\n\r\n${children.map((c) => `${parent}\\${c}\r\n`).join('')}` });
    expect(await queryKey(host(german, listing(['Run', 'Explorer'])), HKLM64, { recursive: true, view: 64 })).toMatchObject({ ok: true, exists: false });
    const present = await queryKey(host(german, listing(['Run', 'Uninstall'])), HKLM64, { recursive: true, view: 64 });
    expect(present).toMatchObject({ ok: false, reason: { key: 'common:reason.exitCode', params: { tool: 'reg', code: 1 } } });
  });

  it('gives a reason for a denied key, a missing tool, a hang and other errors', async () => {
    const denied = await queryKey(host({ argv, exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' }), HKLM64, { recursive: true, view: 64 });
    expect(denied).toEqual({ ok: false, reason: { key: 'common:reason.permission', params: { path: HKLM64 } } });
    expect(await queryKey(host(), HKLM64, { recursive: true, view: 64 })).toEqual({ ok: false, reason: { key: 'common:reason.toolMissing', params: { tool: 'reg' } } });
    expect(await queryKey(host({ argv, error: 'timeout' }), HKLM64, { recursive: true, view: 64 })).toEqual({ ok: false, reason: { key: 'common:reason.timeout', params: { tool: 'reg' } } });
    const crash = await queryKey(host({ argv, exitCode: 5, stdout: 'reg: something odd\r\n' }), HKLM64, { recursive: true, view: 64 });
    expect(crash).toMatchObject({ ok: false, reason: { key: 'common:reason.exitCode', params: { stderr: 'reg: something odd' } } });
  });

  it('reads a key with no values and no subkeys (reg prints one line break) as existing and empty', async () => {
    for (const stdout of ['\r\n', '\n']) {
      expect(await queryKey(host({ argv, stdout }), HKLM64, { recursive: true, view: 64 })).toEqual({ ok: true, exists: true, keys: [], lossy: false });
    }
  });

  it('calls empty, garbled and truncated output unknown, never an empty registry', async () => {
    const full = fixture('reg-hklm-uninstall-64.txt');
    const cases = ['', '\r\n\r\n', '\u0000\u0001\u0002binary', full.slice(0, full.indexOf('Zoom Workplace') + 6), full.slice(0, full.lastIndexOf('\r\n\r\n') - 20) + '\r\n'];
    for (const stdout of cases) {
      const r = await queryKey(host({ argv, stdout }), HKLM64, { recursive: true, view: 64 });
      expect(r, JSON.stringify(stdout.slice(-40))).toMatchObject({ ok: false, reason: { key: 'common:reason.garbled' } });
    }
    const flagged = await queryKey(host({ argv, stdout: full }), HKLM64, { recursive: true, view: 64 });
    expect(flagged.ok).toBe(true);
  });

  it('flags output whose letters were lost to the console code page', async () => {
    const lossy = fixture('reg-hkcu-uninstall.txt').replace(/Nguyễn/g, 'Nguy\uFFFDn');
    const cu = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
    const r = await queryKey(host({ argv: ['reg', 'query', cu, '/s', '/reg:64'], stdout: lossy }), cu, { recursive: true, view: 64 });
    expect(r).toMatchObject({ ok: true, lossy: true });
  });

  it('flags paths printed with ? for letters the console could not print (as wine prints Nguyễn)', async () => {
    const wine = fixture('reg-hkcu-uninstall.txt').replace(/Nguyễn/g, 'Nguy?n');
    const cu = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
    expect(await queryKey(host({ argv: ['reg', 'query', cu, '/s', '/reg:64'], stdout: wine }), cu, { recursive: true, view: 64 })).toMatchObject({ ok: true, lossy: true });
    expect(isLossyText('C:\\Users\\Nguy?n\\AppData')).toBe(true);
    expect(isLossyText('\\\\?\\C:\\Program Files\\Zoom')).toBe(false);
    expect(isLossyText('https://support.zoom.us/home?lang=vi')).toBe(false);
    expect(isLossyText('Bộ gõ tiếng Việt')).toBe(false);
  });
});
