/** SQL text built from policy values: string literals and LIKE patterns, never a value pasted raw. */

/** A value as an SQL string literal (`'` doubled). A NUL cannot be carried by osquery's SQL: refused. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new Error(`a policy value holds a NUL character: ${JSON.stringify(value)}`);
  return `'${value.replace(/'/g, "''")}'`;
}

/** `(a, b, …)` for `IN`, or null for no values (the clause is then left out). */
export function sqlList(values: readonly string[]): string | null {
  const unique = [...new Set(values)];
  return unique.length === 0 ? null : `(${unique.map(sqlString).join(', ')})`;
}

/** A value matched literally inside a LIKE pattern used with `ESCAPE '\'`: `\`, `%` and `_` escaped. */
export function likeEscaped(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE 'prefix%' ESCAPE '\'`: starts with the value, its `%` and `_` taken literally. */
export function sqlStartsWith(column: string, prefix: string): string {
  return `${column} LIKE ${sqlString(`${likeEscaped(prefix)}%`)} ESCAPE '\\'`;
}

/**
 * A regular expression of the policy (case-insensitive there) for osquery's `regex_match` on a lower-cased
 * column: its letters lower-cased, escapes (`\d`, `\b`, `\S`) kept as they are.
 */
export function lowerPattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += c + pattern[++i]!;
    } else {
      out += c.toLowerCase();
    }
  }
  return out;
}
