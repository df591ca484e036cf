/**
 * macOS: where a downloaded file came from, as `com.apple.metadata:kMDItemWhereFroms` records it (a binary plist
 * array of URL strings: the file's URL, then the page that linked it). Only the small subset that attribute uses is
 * decoded (an array of ASCII or UTF-16 strings); anything else is an error, never a guess.
 */

/** The strings of a binary plist whose top object is an array of strings. Throws Error on anything else. */
export function decodeWhereFroms(bytes: Uint8Array): readonly string[] {
  if (bytes.length < 40 || new TextDecoder('latin1').decode(bytes.subarray(0, 8)) !== 'bplist00') throw new Error('not a binary plist');
  const t = bytes.length - 32;
  const offsetSize = bytes[t + 6]!;
  const refSize = bytes[t + 7]!;
  const uint = (at: number, size: number): number => {
    if (at < 0 || at + size > bytes.length) throw new Error('truncated plist');
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + bytes[at + i]!;
    return v;
  };
  const count = uint(t + 8, 8);
  const top = uint(t + 16, 8);
  const table = uint(t + 24, 8);
  if (count === 0 || count > 10_000 || top >= count || offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) throw new Error('garbled plist trailer');
  const offsetOf = (ref: number): number => {
    if (ref >= count) throw new Error('object reference out of range');
    return uint(table + ref * offsetSize, offsetSize);
  };
  // The length of an object: in its marker's low nibble, or (0xF) in the int object that follows.
  const lengthAt = (at: number): { readonly length: number; readonly start: number } => {
    const low = bytes[at]! & 0x0f;
    if (low !== 0x0f) return { length: low, start: at + 1 };
    const marker = bytes[at + 1]!;
    if (marker >> 4 !== 0x1) throw new Error('garbled length');
    const size = 1 << (marker & 0x0f);
    return { length: uint(at + 2, size), start: at + 2 + size };
  };
  const arrayAt = offsetOf(top);
  if (bytes[arrayAt]! >> 4 !== 0xa) throw new Error('top object is not an array');
  const arr = lengthAt(arrayAt);
  const out: string[] = [];
  for (let i = 0; i < arr.length; i++) {
    const at = offsetOf(uint(arr.start + i * refSize, refSize));
    const kind = bytes[at]! >> 4;
    const s = lengthAt(at);
    if (kind === 0x5) {
      if (s.start + s.length > bytes.length) throw new Error('truncated plist');
      out.push(new TextDecoder('latin1').decode(bytes.subarray(s.start, s.start + s.length)));
    }
    else if (kind === 0x6) {
      const units = bytes.subarray(s.start, s.start + s.length * 2);
      if (units.length !== s.length * 2) throw new Error('truncated plist');
      let text = '';
      for (let j = 0; j < units.length; j += 2) text += String.fromCharCode(units[j]! * 256 + units[j + 1]!);
      out.push(text);
    } else throw new Error('an array item is not a string');
  }
  return out;
}

/** The bytes of `xattr -px` output (hex pairs separated by spaces and newlines). Throws Error on anything else. */
export function hexBytes(text: string): Uint8Array {
  const hex = text.replace(/\s+/g, '');
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not hex');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
