/**
 * Firefox add-ons: profiles are listed in profiles.ini (`[ProfileN]` with `Path=` and `IsRelative=`), and
 * each profile's extensions.json lists its add-ons (`addons[]`: id, version, active, defaultLocale.name/creator).
 * A profile without extensions.json (never started since an add-on was added) is looked at through its
 * `extensions/` folder, where add-ons lie as `<id>.xpi`.
 */
import type { Message } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import { readFailure } from '../reasons';
import { errorText } from '../check';
import type { BrowserLocation } from './browser-extensions-locations';
import { garbledFile, withoutBom, type FamilyScan, type SeenExtension } from './browser-extensions-model';
import { isOverlong } from '../../text/lines';

const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** One profile from profiles.ini. */
export interface IniProfile {
  readonly name?: string;
  readonly path: string;
  readonly isRelative: boolean;
}

/** Parses profiles.ini; null when it is not an ini file at all (garbled, binary, empty). */
export function parseProfilesIni(text: string): readonly IniProfile[] | null {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of withoutBom(text).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#') || isOverlong(line)) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      current = new Map();
      sections.set(head[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current || line.includes('\u0000')) return null;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  if (sections.size === 0) return null;
  const out: IniProfile[] = [];
  for (const [name, keys] of sections) {
    const path = keys.get('path');
    if (!/^Profile\d+$/i.test(name) || !path) continue;
    const profileName = keys.get('name');
    out.push({ path, isRelative: keys.get('isrelative') !== '0', ...(profileName ? { name: profileName } : {}) });
  }
  return out;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The add-ons of an extensions.json; null when it is not one (truncated, garbled, empty). */
export function parseExtensionsJson(text: string): ReadonlyArray<Omit<SeenExtension, 'browser' | 'profile' | 'manifestPath'>> | null {
  let doc: Record<string, unknown> | undefined;
  try {
    doc = record(JSON.parse(withoutBom(text)));
  } catch {
    return null;
  }
  if (!doc || !Array.isArray(doc.addons)) return null;
  const out: Array<Omit<SeenExtension, 'browser' | 'profile' | 'manifestPath'>> = [];
  for (const a of doc.addons.map(record)) {
    if (!a || typeof a.id !== 'string' || !a.id) continue;
    const loc = record(a.defaultLocale);
    out.push({
      id: a.id,
      ...(typeof loc?.name === 'string' && loc.name ? { name: loc.name } : {}),
      ...(typeof a.version === 'string' ? { version: a.version } : {}),
      ...(typeof loc?.creator === 'string' && loc.creator ? { author: loc.creator } : {}),
      ...(typeof a.active === 'boolean' ? { active: a.active } : {}),
    });
  }
  return out;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(errorText(e));
}

function isNotFound(e: unknown): boolean {
  return isHostError(e) && e.code === 'not-found';
}

/** Add-ons of a profile that has no extensions.json: the files in its extensions/ folder. */
async function fromXpiFolder(host: Host, browser: BrowserLocation, profile: string, profileDir: string): Promise<SeenExtension[]> {
  const dir = host.path.join(profileDir, 'extensions');
  let entries;
  try {
    entries = await host.list(dir);
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  return entries
    .filter((e) => (e.type === 'file' && e.name.toLowerCase().endsWith('.xpi')) || e.type === 'dir')
    .map((e) => ({ browser, profile, id: e.type === 'file' ? e.name.slice(0, -4) : e.name, manifestPath: host.path.join(dir, e.name) }));
}

async function scanProfile(host: Host, browser: BrowserLocation, profileDir: string): Promise<SeenExtension[] | Message> {
  const profile = host.path.basename(profileDir);
  const file = host.path.join(profileDir, 'extensions.json');
  let text: string;
  try {
    if (!(await host.stat(profileDir))) return []; // listed in profiles.ini but deleted: nothing installed there
    text = await host.readText(file, { maxBytes: MAX_FILE_BYTES, links: 'refuse' });
  } catch (e) {
    if (!isNotFound(e)) return readFailure(asError(e), isHostError(e) ? e.path : file);
    try {
      return await fromXpiFolder(host, browser, profile, profileDir);
    } catch (e2) {
      return readFailure(asError(e2), host.path.join(profileDir, 'extensions'));
    }
  }
  const addons = parseExtensionsJson(text);
  if (!addons) return garbledFile(file, text);
  return addons.map((a) => ({ ...a, browser, profile, manifestPath: file }));
}

/** Scans every profile listed in each Firefox location's profiles.ini. */
export async function scanFirefox(host: Host, locations: readonly BrowserLocation[]): Promise<FamilyScan> {
  const found: string[] = [];
  const profiles: string[] = [];
  const seen: SeenExtension[] = [];
  const failures: Message[] = [];
  for (const loc of locations) {
    const ini = host.path.join(loc.dir, 'profiles.ini');
    let text: string;
    try {
      text = await host.readText(ini, { maxBytes: MAX_FILE_BYTES, links: 'refuse' });
    } catch (e) {
      if (isNotFound(e)) continue; // no Firefox profiles here
      found.push(ini);
      failures.push(readFailure(asError(e), ini));
      continue;
    }
    found.push(ini);
    const listed = parseProfilesIni(text);
    if (!listed) {
      failures.push(garbledFile(ini, text));
      continue;
    }
    for (const p of listed) {
      const dir = p.isRelative ? host.path.join(loc.dir, ...p.path.split(/[\\/]/)) : p.path;
      profiles.push(dir);
      const r = await scanProfile(host, loc, dir);
      if (Array.isArray(r)) seen.push(...r);
      else failures.push(r);
    }
  }
  return { found, profiles, seen, failures };
}
