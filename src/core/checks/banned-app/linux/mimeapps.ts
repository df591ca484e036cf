/**
 * mimeapps.list (freedesktop.org MIME Applications Associations): the lines that make an app the handler
 * of a URL scheme (`x-scheme-handler/SCHEME=APP.desktop` in [Default Applications] or [Added Associations]),
 * found and removed without touching any other byte of the file.
 */

/** Groups whose lines choose a handler ([Removed Associations] only takes one away, so it is left alone). */
const HANDLER_GROUPS = new Set(['[Default Applications]', '[Added Associations]']);

/** One handler line of the file. */
export interface HandlerLine {
  /** 0-based line number. */
  readonly line: number;
  readonly group: string;
  /** The MIME type as written, e.g. `x-scheme-handler/SCHEME`. */
  readonly type: string;
  /** The desktop ids it names, e.g. `APP.desktop`. */
  readonly handlers: readonly string[];
}

/** The handler lines for any of `types` (compared in lower case, as MIME types are). */
export function handlerLines(text: string, types: readonly string[]): HandlerLine[] {
  const want = new Set(types.map((t) => t.toLowerCase()));
  const out: HandlerLine[] = [];
  let group = '';
  text.split('\n').forEach((raw, line) => {
    const s = raw.replace(/\r$/, '').trim();
    if (s.startsWith('[')) {
      group = s;
      return;
    }
    if (!HANDLER_GROUPS.has(group) || s.startsWith('#')) return;
    const eq = s.indexOf('=');
    if (eq <= 0) return;
    const type = s.slice(0, eq).trim();
    if (!want.has(type.toLowerCase())) return;
    out.push({ line, group, type, handlers: s.slice(eq + 1).split(';').map((h) => h.trim()).filter((h) => h !== '') });
  });
  return out;
}

/** The file without the handler lines for `types`: every other line (comments, order, line ends) kept byte for byte. */
export function withoutHandlers(text: string, types: readonly string[]): { readonly text: string; readonly removed: readonly HandlerLine[] } {
  const removed = handlerLines(text, types);
  if (removed.length === 0) return { text, removed };
  const drop = new Set(removed.map((r) => r.line));
  return { text: text.split('\n').filter((_l, i) => !drop.has(i)).join('\n'), removed };
}
