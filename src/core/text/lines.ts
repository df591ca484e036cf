/**
 * Lines of a tool's output, for parsers that would otherwise run one `m`-flag pattern over the whole text:
 * there `^\s*` runs on across blank lines from every line start (quadratic on 50,000 of them).
 */

/** Splits at \r\n, \n, \r, U+2028 and U+2029: the line ends a pattern's `^` and `$` see with the `m` flag. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/);
}

/**
 * The longest line a parser hands to a pattern (64 Ki characters): no tool or file we read writes a longer one.
 * In a tool's output such a line makes the output garbled (`unknown`, with a cut sample); in a file of settings
 * it is skipped, the setting it would hold taken as absent. The whole text is bounded before, by the Host.
 */
export const MAX_LINE_CHARS = 64 * 1024;

/** Whether a line is too long to parse (see MAX_LINE_CHARS). */
export function isOverlong(line: string): boolean {
  return line.length > MAX_LINE_CHARS;
}
