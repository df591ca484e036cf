import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import { accountOf, aclVerdict, changeGrant, parseIcacls } from '../../../src/core/windows/icacls';

const DIR = join(__dirname, '..', '..', 'fixtures', 'windows', 'icacls');
/** A recorded listing as the Host hands it over: bytes decoded as UTF-8 (another code page arrives as U+FFFD). */
const rec = (name: string): string => readFileSync(join(DIR, name)).toString('utf8');
const ICACLS = 'C:\\Windows\\System32\\icacls.exe';
const EXE = 'C:\\Program Files (x86)\\Zoom\\uninstall\\Installer.exe';
const UNINSTALL = 'C:\\Program Files (x86)\\Zoom\\uninstall';

async function verdict(path: string, answer: { stdout?: string; exitCode?: number; error?: 'timeout' }) {
  const host = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', env: { SystemRoot: 'C:\\Windows' }, commands: [{ argv: [ICACLS, path], ...answer }] });
  return aclVerdict(host, path);
}

describe('icacls listings (recorded layouts)', () => {
  it('parses every entry of a Program Files listing: account, inheritance flags, rights', () => {
    const p = parseIcacls(rec('program-files-x86.txt'), 'C:\\Program Files (x86)');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.entries).toHaveLength(13);
    expect(p.entries[0]).toEqual({ principal: 'NT SERVICE\\TrustedInstaller', flags: [], rights: ['F'] });
    expect(p.entries[7]).toEqual({ principal: 'BUILTIN\\Users', flags: ['OI', 'CI', 'IO'], rights: ['GR', 'GE'] });
    expect(changeGrant(p.entries, false)).toBeNull();
  });

  it.each([
    ['drive-root.txt', 'C:\\'],
    ['program-files-x86.txt', 'C:\\Program Files (x86)'],
    ['zoom-folder.txt', 'C:\\Program Files (x86)\\Zoom'],
    ['zoom-uninstall-folder.txt', UNINSTALL],
    ['zoom-installer-exe.txt', EXE],
    // Users denied writing: a deny only takes rights away.
    ['zoom-uninstall-users-denied.txt', UNINSTALL],
  ])('%s: administrators only', async (file, path) => {
    expect(await verdict(path, { stdout: rec(file) })).toEqual({ kind: 'administrators' });
  });

  it('a drive root lets users add folders (AD), which changes no existing path; the same right on a folder does', async () => {
    const root = parseIcacls(rec('drive-root.txt'), 'C:\\');
    expect(root.ok && changeGrant(root.entries, true)).toBeNull();
    expect(root.ok && changeGrant(root.entries, false)).toMatchObject({ principal: 'NT AUTHORITY\\Authenticated Users', rights: ['AD'] });
  });

  it.each([
    ['BUILTIN\\Users with modify', 'zoom-uninstall-users-modify.txt', UNINSTALL, 'BUILTIN\\Users', 'M'],
    ['Everyone by its SID with full control', 'zoom-uninstall-everyone-full-sid.txt', UNINSTALL, 'S-1-1-0', 'F'],
    ['Authenticated Users with write, inherited', 'zoom-uninstall-authenticated-write.txt', UNINSTALL, 'NT AUTHORITY\\Authenticated Users', 'W'],
    ['INTERACTIVE with add-file rights', 'zoom-uninstall-interactive-specific.txt', UNINSTALL, 'NT AUTHORITY\\INTERACTIVE', 'RX,WD,AD'],
    ['one named person with full control', 'zoom-installer-named-user.txt', EXE, 'DESKTOP-7Q2M4KD\\an', 'F'],
  ])('%s: changeable by others, and says who', async (_name, file, path, who, rights) => {
    expect(await verdict(path, { stdout: rec(file) })).toEqual({ kind: 'others', who, rights });
  });

  it('knows the standard-user groups and the administrators by name and by well-known SID; anything else is never assumed harmless', () => {
    for (const s of ['BUILTIN\\Users', 'builtin\\users', 'S-1-5-32-545', '*S-1-5-11', 'Everyone', 'NT AUTHORITY\\INTERACTIVE', 'S-1-5-4']) expect(accountOf(s), s).toBe('standard');
    for (const s of ['NT AUTHORITY\\SYSTEM', 'S-1-5-18', 'BUILTIN\\Administrators', 'S-1-5-32-544', 'NT SERVICE\\TrustedInstaller']) expect(accountOf(s), s).toBe('admin');
    // A domain group named like a built-in one, a localized name, a person: not an administrator.
    for (const s of ['CONTOSO\\Users', 'EVIL\\Everyone', 'VORDEFINIERT\\Administratoren', 'PC\\an', 'S-1-5-21-1-2-3-1001']) expect(accountOf(s), s).not.toBe('admin');
  });

  it('a Vietnamese-display listing: translated summary, garbled path (OEM code page), accounts still read', async () => {
    const exe = 'C:\\Program Files\\Zoom\\Gỡ cài đặt\\Installer.exe';
    const text = rec('vi-installer-exe.txt');
    expect(text.startsWith(exe)).toBe(false);
    expect(await verdict(exe, { stdout: text })).toEqual({ kind: 'administrators' });
    expect(await verdict('C:\\Program Files\\Zoom\\Gỡ cài đặt', { stdout: rec('vi-uninstall-users-full.txt') })).toMatchObject({ kind: 'others', rights: 'F' });
  });

  it.each([
    ['empty output (wine: icacls is a stub that prints nothing)', { stdout: '' }, 'common:reason.garbled'],
    ['a listing cut in the middle of an entry', { stdout: rec('truncated.txt') }, 'common:reason.garbled'],
    ['binary garbage', { stdout: rec('garbled.txt') }, 'common:reason.garbled'],
    ['access denied (exit 5)', { stdout: rec('access-denied.txt'), exitCode: 5 }, 'common:reason.exitCode'],
    ['a hang', { error: 'timeout' as const }, 'common:reason.timeout'],
    ['no icacls at all', null, 'common:reason.toolMissing'],
  ])('%s: not known, with the reason, never "administrators only"', async (_name, answer, key) => {
    const v = answer ? await verdict(EXE, answer) : await aclVerdict(new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an' }), EXE);
    expect(v).toMatchObject({ kind: 'unknown', reason: { key } });
  });

  it('an entry line with an unknown flag or rights letters is garbled, not skipped', () => {
    expect(parseIcacls('C:\\x NT AUTHORITY\\SYSTEM:(F)\r\n    BUILTIN\\Users:(XX)(F)\r\n\r\n', 'C:\\x')).toEqual({ ok: false, badLine: '    BUILTIN\\Users:(XX)(F)' });
    expect(parseIcacls('C:\\x NT AUTHORITY\\SYSTEM:(F)\r\n    BUILTIN\\Users:F\r\n\r\n', 'C:\\x').ok).toBe(false);
  });
});
