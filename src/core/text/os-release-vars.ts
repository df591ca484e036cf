import { isOverlong } from './lines';

/** The KEY=value lines of an os-release file (values optionally quoted, shell escapes undone); others are skipped. */
export function osReleaseVars(text: string): Readonly<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = isOverlong(line) ? null : /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    vars[m[1]!] = v;
  }
  return vars;
}
