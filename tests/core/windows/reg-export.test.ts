/** The .reg file `reg export` writes (UTF-16LE with its mark), parsed: every letter as stored, every form of value. */
import { describe, expect, it } from 'vitest';
import { decodeRegFile, parseRegFile, regExportArgv } from '../../../src/core/windows/reg-export';

const utf16File = (text: string): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));

/** What wine's reg.exe wrote for the policy key (captured from a prefix; Windows writes the same form). */
const WINE_EXPORT =
  'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck]\r\n"AgencyName"="UBND phường Cẩm Thủy \\"x\\" \\\\y"\r\n"FullCheckHours"=dword:00000008\r\n"Note"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,5c,00,dd,1e,00,00\r\n\r\n';

describe('reg export', () => {
  it('runs as argv with the view, overwriting its own file', () => {
    expect(regExportArgv('HKLM\\SOFTWARE\\Policies\\attt-selfcheck', 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck\\group-policy.reg', 64)).toEqual(['reg', 'export', 'HKLM\\SOFTWARE\\Policies\\attt-selfcheck', 'C:\\Users\\an\\AppData\\Roaming\\attt-selfcheck\\group-policy.reg', '/y', '/reg:64']);
  });

  it('decodes the file as UTF-16LE after its mark; anything else is not a .reg file', () => {
    expect(decodeRegFile(utf16File(WINE_EXPORT))).toBe(WINE_EXPORT);
    expect(decodeRegFile(new Uint8Array(Buffer.from(WINE_EXPORT, 'utf8')))).toBeNull();
    expect(decodeRegFile(new Uint8Array([0xff, 0xfe, 0x41]))).toBeNull();
  });

  it('reads text with its escapes and Vietnamese letters, numbers and expandable text as stored', () => {
    const parsed = parseRegFile(WINE_EXPORT);
    expect(parsed).toEqual({
      ok: true,
      keys: [
        {
          path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck',
          values: [
            { name: 'AgencyName', type: 'REG_SZ', data: 'UBND phường Cẩm Thủy "x" \\y', raw: 'UBND phường Cẩm Thủy "x" \\y' },
            { name: 'FullCheckHours', type: 'REG_DWORD', data: 8, raw: '0x8' },
            { name: 'Note', type: 'REG_EXPAND_SZ', data: '%TEMP%\\ờ', raw: '%TEMP%\\ờ' },
          ],
        },
      ],
    });
  });

  it('reads a long value continued over lines, the default value, lists and other types by name', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck]',
      '@="mặc định"',
      '"Apps"=hex(7):7a,00,6f,00,6f,00,6d,00,00,00,7a,00,61,00,6c,00,6f,00,00,00,\\',
      '  00,00',
      '"Big"=hex(b):2a,00,00,00,00,00,00,00',
      '"Blob"=hex:01,02',
      '"Odd"=hex(5):00,00,00,01',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck\\Sub]',
      '',
    ].join('\r\n');
    const parsed = parseRegFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.keys.map((k) => k.path)).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\attt-selfcheck\\Sub']);
    const [dflt, apps, big, blob, odd] = parsed.keys[0]!.values;
    expect(dflt).toMatchObject({ name: '', type: 'REG_SZ', data: 'mặc định' });
    expect(apps).toMatchObject({ name: 'Apps', type: 'REG_MULTI_SZ', data: ['zoom', 'zalo'] });
    expect(big).toMatchObject({ type: 'REG_QWORD', data: 42n });
    expect(blob).toMatchObject({ type: 'REG_BINARY', data: new Uint8Array([1, 2]) });
    expect(odd).toMatchObject({ type: 'other', typeName: 'REG_TYPE_5' });
  });

  it('a line of none of its forms, or a file without the header, is garbled: the line is given, nothing guessed', () => {
    expect(parseRegFile('REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n')).toEqual({ ok: false, badLine: 'REGEDIT4' });
    expect(parseRegFile('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"A"="open\r\n')).toEqual({ ok: false, badLine: '"A"="open' });
    expect(parseRegFile('Windows Registry Editor Version 5.00\r\n\r\n"A"=dword:00000001\r\n')).toEqual({ ok: false, badLine: '"A"=dword:00000001' });
    expect(parseRegFile('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"A"=hex:zz\r\n')).toEqual({ ok: false, badLine: '"A"=hex:zz' });
  });
});
