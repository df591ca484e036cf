/** A value of a property list. */
export type PlistValue = string | number | boolean | Date | Uint8Array | readonly PlistValue[] | { readonly [key: string]: PlistValue };

/** A property list that could not be parsed; the message says where. */
export class PlistError extends Error {
  override name = 'PlistError';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
}

/** A tiny tokenizer over the XML: tags (open/close/empty) and text, comments and <?...?>/<!...> skipped. */
class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Next tag, skipping text that is only whitespace; throws on anything else. */
  tag(): { name: string; close: boolean; empty: boolean } {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
      if (this.i >= this.s.length) throw new PlistError('unexpected end of the property list');
      if (this.s[this.i] !== '<') throw new PlistError(`unexpected text at ${this.i}`);
      if (this.s.startsWith('<!--', this.i)) this.skipTo('-->');
      else if (this.s.startsWith('<?', this.i)) this.skipTo('?>');
      else if (this.s.startsWith('<!', this.i)) this.skipTo('>');
      else break;
    }
    const end = this.s.indexOf('>', this.i);
    if (end < 0) throw new PlistError('unterminated tag');
    const body = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    const close = body.startsWith('/');
    const empty = body.endsWith('/');
    const name = body.replace(/^\//, '').replace(/\/$/, '').trim().split(/\s/)[0] ?? '';
    return { name, close, empty };
  }

  /** Text up to the closing tag `name`. */
  textUntil(name: string): string {
    const end = this.s.indexOf(`</${name}>`, this.i);
    if (end < 0) throw new PlistError(`unterminated <${name}>`);
    const text = this.s.slice(this.i, end);
    this.i = end + name.length + 3;
    return decode(text);
  }

  private skipTo(marker: string): void {
    const end = this.s.indexOf(marker, this.i);
    if (end < 0) throw new PlistError('unterminated declaration or comment');
    this.i = end + marker.length;
  }
}

function value(r: Reader, t: { name: string; close: boolean; empty: boolean }): PlistValue {
  if (t.close) throw new PlistError(`unexpected </${t.name}>`);
  switch (t.name) {
    case 'string':
      return t.empty ? '' : r.textUntil('string');
    case 'integer':
    case 'real': {
      const n = Number(r.textUntil(t.name).trim());
      if (Number.isNaN(n)) throw new PlistError(`bad <${t.name}>`);
      return n;
    }
    case 'true':
    case 'false':
      if (!t.empty) r.textUntil(t.name);
      return t.name === 'true';
    case 'date':
      return new Date(r.textUntil('date').trim());
    case 'data':
      return Uint8Array.from(atob(r.textUntil('data').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    case 'array': {
      const out: PlistValue[] = [];
      if (t.empty) return out;
      for (let n = r.tag(); !(n.close && n.name === 'array'); n = r.tag()) out.push(value(r, n));
      return out;
    }
    case 'dict': {
      const out: Record<string, PlistValue> = {};
      if (t.empty) return out;
      for (let k = r.tag(); !(k.close && k.name === 'dict'); k = r.tag()) {
        if (k.name !== 'key' || k.close) throw new PlistError(`expected <key>, got <${k.name}>`);
        const key = k.empty ? '' : r.textUntil('key');
        out[key] = value(r, r.tag());
      }
      return out;
    }
    default:
      throw new PlistError(`unknown element <${t.name}>`);
  }
}

/** Parses an XML property list (as in Info.plist, launchd jobs, `plutil -convert xml1`). Throws PlistError. */
export function parseXmlPlist(text: string): PlistValue {
  const r = new Reader(text.replace(/^\uFEFF/, ''));
  let t = r.tag();
  if (t.name === 'plist' && !t.close) t = r.tag();
  return value(r, t);
}

/** The top-level dictionary of a plist, or throws PlistError when the root is not a dictionary. */
export function plistDict(v: PlistValue): { readonly [key: string]: PlistValue } {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date || v instanceof Uint8Array) {
    throw new PlistError('the property list is not a dictionary');
  }
  return v as { readonly [key: string]: PlistValue };
}

/** A string entry of a dictionary, or undefined. */
export function plistString(d: { readonly [key: string]: PlistValue }, key: string): string | undefined {
  const v = d[key];
  return typeof v === 'string' ? v : undefined;
}
