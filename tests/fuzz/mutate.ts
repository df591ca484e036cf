/** Ways real outputs and files go wrong: cut short, garbled, binary, huge, non-UTF-8, NFD, hostile patterns. */
import type { Random } from './random';

/** Characters that break naive parsers and terminals: NUL, controls, CR, ESC, C1, bidi overrides, BOM, a lone surrogate. */
const NASTY = ['\u0000', '\u0007', '\r', '\u001b[2J', '\u009b', '\u202e', '\ufeff', '\ud800', '\t', '\\', '"', "'", '%s', '${x}', '\n\n'];

/** Long runs that make a super-linear pattern stall (repeated separators, spaces, quotes, key-like prefixes). */
const STALLERS = [' ', '\t', 'a', '0', '.', ' =', '"', '\\', 'zoom', 'Zoom ', 'REG_SZ    ', '<string>', '&amp;', ',', ';', ':', '\n', ' \n', '\r\n', '\t\n', '<release ', '<release version', '* Label:', '* ', '","', 'Version: ', 'zoom:', '\u00a0'];

/** A random string of `n` characters drawn from printable ASCII, Vietnamese letters and the nasty ones. */
export function noise(r: Random, n: number): string {
  const alphabet = 'abcxyzABC019 _-./:=,;"<>{}[]()\\|ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ';
  let s = '';
  for (let i = 0; i < n; i++) s += r.chance(0.05) ? r.pick(NASTY) : alphabet[r.int(alphabet.length)]!;
  return s;
}

/** A text mutated in one of many ways; `huge` allows outputs of megabytes. */
export function mutateText(r: Random, text: string, huge = true): string {
  const lines = text.split('\n');
  switch (r.int(15)) {
    case 0:
      return '';
    case 1:
      return text.slice(0, r.int(text.length + 1)); // cut short anywhere, also mid-character
    case 2:
      return noise(r, 1 + r.int(4000));
    case 3: {
      // flip characters here and there
      const cs = [...text];
      for (let i = 0; i < 1 + r.int(20) && cs.length; i++) cs[r.int(cs.length)] = r.pick(NASTY);
      return cs.join('');
    }
    case 4:
      return text.normalize('NFD');
    case 5: {
      // one line made very long out of a staller
      const line = r.pick(STALLERS).repeat(huge ? 20_000 + r.int(280_000) : 2_000);
      lines.splice(r.int(lines.length + 1), 0, line);
      return lines.join('\n');
    }
    case 6:
      // the same lines many times over
      return huge ? Array.from({ length: 50 + r.int(400) }, () => text).join('\n') : text + text;
    case 7:
      return lines.map((l) => (r.chance(0.3) ? l.replace(/\s+/g, '') : l)).join(r.chance(0.5) ? '\r\n' : '\n');
    case 8:
      return lines.filter(() => r.chance(0.7)).join('\n');
    case 9:
      // bytes that are not UTF-8, as a decoder that does not know them shows them
      return Buffer.from(text, 'utf8').toString('latin1');
    case 10:
      return lines.map((l) => (r.chance(0.2) ? noise(r, l.length) : l)).join('\n');
    case 11:
      return `${text}\u0000${noise(r, 50)}`;
    case 12:
      return lines.map((l) => l.split(/(\s+)/).reverse().join('')).join('\n');
    case 13:
      // a long run at the very end, then one character that makes a pattern anchored at the end fail
      return `${r.chance(0.5) ? text : ''}${r.pick(STALLERS).repeat(huge ? 20_000 + r.int(280_000) : 2_000)}${r.pick(['!', 'x', '\u0000', '"', '>'])}`;
    default:
      return text;
  }
}

/** Random binary bytes (a file that is not text at all). */
export function binary(r: Random, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  return b;
}

/** File names a local user can create to confuse a probe: controls, bidi, NFD, very long, dots, installer-like. */
export function hostileName(r: Random): string {
  return r.pick([
    `zoom\n_amd64.deb`,
    `\u001b[31mZoomInstaller.exe`,
    `Zoom\u202egpj.exe`,
    'Tải về'.normalize('NFD'),
    'a'.repeat(255),
    '...',
    ' zoom ',
    `zoom_${noise(r, 8).replaceAll('/', '_').replaceAll('\\', '_').replaceAll('\u0000', '_')}.pkg`,
    'ZoomInstallerFull.msi.',
    'zoom_x86_64.tar.xz',
    '-rf',
    '--help',
  ]);
}
