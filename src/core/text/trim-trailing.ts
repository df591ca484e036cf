/**
 * Strips trailing characters in linear time. `s.replace(/[\\/]+$/, '')` looks like the same thing but is
 * quadratic: on 50,000 separators followed by a letter the engine retries the run from every position.
 */
export function trimTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end -= 1;
  return end === s.length ? s : s.slice(0, end);
}
