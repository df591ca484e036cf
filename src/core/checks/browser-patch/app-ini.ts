/**
 * The `[App]` section of a Gecko program's `application.ini` (mozilla-central build/application.ini.in:
 * `Vendor=`, `Name=`, `RemotingName=`, `Version=`, `BuildID=`, ...), read as text: `;` and `#` start comments,
 * `[Name]` a section, `key=value` a value. Nothing else of the file matters here.
 */

/** What `[App]` says; null when the text has no `[App]` section. */
export interface AppIni {
  readonly vendor?: string;
  readonly name?: string;
  readonly version?: string;
}

/** Reads the `[App]` section of an application.ini; null when there is none. */
export function parseAppIni(text: string): AppIni | null {
  let section: string | null = null;
  let seen = false;
  const app: Record<string, string> = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      section = head[1]!.trim();
      if (section === 'App') seen = true;
      continue;
    }
    const eq = line.indexOf('=');
    // A line that is neither a section, a comment nor key=value is not this format.
    if (eq <= 0) return null;
    if (section === 'App') app[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  if (!seen) return null;
  return { ...(app.Vendor ? { vendor: app.Vendor } : {}), ...(app.Name ? { name: app.Name } : {}), ...(app.Version ? { version: app.Version } : {}) };
}
