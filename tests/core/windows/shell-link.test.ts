// The .lnk reader on real shortcuts (written by wine's shell32 through WScript.Shell's CreateShortcut, see
// tests/fixtures/windows/lnk/README.md), on shortcuts built to [MS-SHLLINK] around shell items a Windows 7
// Explorer wrote, and on garbled bytes: every truncation and random damage gives a ShellLinkError, never a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SHELL_LINK_BYTES, parseShellLink, shellLinkTarget, ShellLinkError } from '../../../src/core/windows/shell-link';
import { buildShellLink, MY_COMPUTER_ITEM, volumeItem, WIN7_ITEMS } from '../../helpers/shell-link-bytes';

const LNK = join(__dirname, '..', '..', 'fixtures', 'windows', 'lnk');
const real = (name: string): Uint8Array => new Uint8Array(readFileSync(join(LNK, name)));

describe('real shortcuts (wine shell32)', () => {
  it("reads Zoom's: target in LinkInfo and in the ID list, arguments, working folder, icon", () => {
    const link = parseShellLink(real('zoom-wine.lnk'));
    expect(link).toEqual({
      idListPath: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe',
      localBasePath: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe',
      name: 'Zoom Workplace',
      workingDir: 'C:\\Program Files\\Zoom\\bin',
      arguments: '--url=zoommtg://zoom.us/join',
      iconLocation: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe',
    });
    expect(shellLinkTarget(link)).toBe('C:\\Program Files\\Zoom\\bin\\Zoom.exe');
  });

  it("reads another program's shortcut as that program", () => {
    expect(shellLinkTarget(parseShellLink(real('notepad-wine.lnk')))).toBe('C:\\windows\\notepad.exe');
  });
});

describe('shortcuts built to the spec', () => {
  it('long names from Windows 7 shell items (0xBEEF0004 version 3) after a volume item', () => {
    const link = parseShellLink(buildShellLink({ items: [MY_COMPUTER_ITEM, volumeItem('C:'), ...WIN7_ITEMS] }));
    expect(link.idListPath).toBe('C:\\Alloy Research\\Detailed Documents\\Copy of Metal Alloy List Research.xlsx');
  });

  it('LinkInfo with the Unicode local path (a Vietnamese profile) and its common path suffix; ANSI letters it cannot know are U+FFFD', () => {
    const link = parseShellLink(buildShellLink({ localBasePath: 'C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\', suffix: 'bin\\Zoom.exe', unicodeInfo: true, name: 'Zoom' }));
    expect(link.localBasePath).toBe('C:\\Users\\Nguyễn\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe');
    const ansi = parseShellLink(buildShellLink({ localBasePath: 'C:\\Users\\Nguyễn\\Zoom.exe' }));
    expect(ansi.localBasePath).toMatch(/^C:\\Users\\Nguy\uFFFDn\\Zoom\.exe$/);
  });

  it('the environment-variables block gives the target unexpanded', () => {
    const link = parseShellLink(buildShellLink({ environmentTarget: '%APPDATA%\\Zoom\\bin\\Zoom.exe', arguments: '' }));
    expect(link).toEqual({ environmentTarget: '%APPDATA%\\Zoom\\bin\\Zoom.exe', arguments: '' });
    expect(shellLinkTarget(link)).toBe('%APPDATA%\\Zoom\\bin\\Zoom.exe');
  });

  it('an ID list of something that is no file (a Control Panel item) gives no path', () => {
    const controlPanel = [0x14, 0x00, 0x1f, 0x70, ...new Array(16).fill(0x21)];
    const other = [0x10, 0x00, 0x71, ...new Array(13).fill(0)];
    expect(parseShellLink(buildShellLink({ items: [controlPanel, other] })).idListPath).toBeUndefined();
  });
});

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function parsesOrRefuses(bytes: Uint8Array): void {
  try {
    parseShellLink(bytes);
  } catch (e) {
    if (!(e instanceof ShellLinkError)) throw new Error(`not a ShellLinkError for ${Buffer.from(bytes).toString('hex')}: ${String(e)}`);
  }
}

describe('garbled shortcuts', () => {
  const samples = [real('zoom-wine.lnk'), buildShellLink({ items: [MY_COMPUTER_ITEM, volumeItem('C:'), ...WIN7_ITEMS], localBasePath: 'C:\\x\\', suffix: 'y.exe', unicodeInfo: true, name: 'n', environmentTarget: '%X%\\y' })];

  it('every truncation is refused in words or read as far as it goes, never a crash', () => {
    for (const s of samples) for (let n = 0; n < s.length; n++) parsesOrRefuses(s.subarray(0, n));
    expect(() => parseShellLink(samples[0]!.subarray(0, 100))).toThrow(ShellLinkError);
  });

  it('random damage (seeded) never crashes the reader', () => {
    const next = rng(1981);
    for (const s of samples) {
      for (let round = 0; round < 400; round++) {
        const b = Uint8Array.from(s);
        for (let k = 0; k < 1 + Math.floor(next() * 8); k++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
        parsesOrRefuses(b);
      }
    }
  });

  it('not a shortcut: another header, another CLSID, empty, too large', () => {
    const z = Uint8Array.from(real('zoom-wine.lnk'));
    expect(() => parseShellLink(new Uint8Array(0))).toThrow(ShellLinkError);
    expect(() => parseShellLink(Uint8Array.from([0x4d, 0x5a, ...z.subarray(2)]))).toThrow(/HeaderSize/);
    const clsid = Uint8Array.from(z);
    clsid[5] = 0x15;
    expect(() => parseShellLink(clsid)).toThrow(/CLSID/);
    expect(() => parseShellLink(new Uint8Array(MAX_SHELL_LINK_BYTES + 1))).toThrow(/larger/);
  });

  it('sizes that point past the end are refused: an ID list, a LinkInfo, a string count', () => {
    const idList = buildShellLink({ items: [MY_COMPUTER_ITEM] });
    idList[0x4c] = 0xff;
    idList[0x4d] = 0x7f;
    expect(() => parseShellLink(idList)).toThrow(/LinkTargetIDList/);
    const info = buildShellLink({ localBasePath: 'C:\\a.exe' });
    info[0x4c + 3] = 0x10;
    expect(() => parseShellLink(info)).toThrow(/LinkInfo/);
    const name = buildShellLink({ name: 'Zoom' });
    name[0x4c] = 0xff;
    expect(() => parseShellLink(name)).toThrow(/name/);
  });
});
