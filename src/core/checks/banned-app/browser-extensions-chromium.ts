/**
 * Extensions of Chromium-family browsers: `<User Data>/<Default|Profile N>/Extensions/<id>/<version>/manifest.json`.
 * The id is the folder name, so a listed id is found even when its manifest cannot be read; the manifest
 * only adds the name (`__MSG_key__` resolved from `_locales/<default_locale>/messages.json`), version and author.
 */
import type { Message } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import { readFailure } from '../reasons';
import { errorText } from '../check';
import type { BrowserLocation } from './browser-extensions-locations';
import { withoutBom, type FamilyScan, type SeenExtension } from './browser-extensions-model';

/** Profile folders Chromium creates for people (not `System Profile`, `Guest Profile`). */
const PROFILE = /^(Default|Profile \d+)$/;
/** A Chrome Web Store id: 32 letters a-p. */
const EXTENSION_ID = /^[a-p]{32}$/;
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** What a manifest says about an extension. */
export interface ManifestInfo {
  readonly name?: string;
  readonly version?: string;
  readonly author?: string;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(errorText(e));
}

function isNotFound(e: unknown): boolean {
  return isHostError(e) && e.code === 'not-found';
}

/** Orders version folders (`1.5.12_0`) numerically; the highest is the one the browser runs. */
export function pickVersionFolder(names: readonly string[]): string | undefined {
  const parts = (n: string): number[] => n.split(/[._]/).map((p) => Number.parseInt(p, 10) || 0);
  return [...names].sort((a, b) => {
    const x = parts(a);
    const y = parts(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return 0;
  })[0];
}

async function readJson(host: Host, path: string): Promise<unknown> {
  return JSON.parse(withoutBom(await host.readText(path, { maxBytes: MAX_MANIFEST_BYTES, links: 'refuse' }))) as unknown;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Resolves `__MSG_key__` from the extension's default locale (message names are case-insensitive). */
async function localized(host: Host, dir: string, raw: string, defaultLocale: unknown): Promise<string | undefined> {
  const key = /^__MSG_(.+)__$/.exec(raw)?.[1];
  if (!key) return raw;
  const locale = typeof defaultLocale === 'string' && /^[A-Za-z_-]+$/.test(defaultLocale) ? defaultLocale : 'en';
  try {
    const messages = record(await readJson(host, host.path.join(dir, '_locales', locale, 'messages.json')));
    const entry = Object.entries(messages ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    const message = record(entry)?.message;
    return typeof message === 'string' && message.trim() ? message.trim() : undefined;
  } catch {
    return undefined; // the id still identifies it; the name is only shown
  }
}

/** What the read path refuses (a FIFO, a device, a link, a giant): not a missing manifest, but one we could not look at. */
const REFUSED: ReadonlySet<string> = new Set(['not-a-file', 'is-a-link', 'too-large']);

/**
 * Reads name, version and author from an extension's version folder; null when the manifest is
 * missing or garbled. Throws the HostError when the read path refused it.
 */
export async function readManifest(host: Host, versionDir: string): Promise<ManifestInfo | null> {
  let m: Record<string, unknown> | undefined;
  try {
    m = record(await readJson(host, host.path.join(versionDir, 'manifest.json')));
  } catch (e) {
    if (isHostError(e) && REFUSED.has(e.code)) throw e;
    return null;
  }
  if (!m) return null;
  const author = typeof m.author === 'string' ? m.author : record(m.author)?.email;
  const name = typeof m.name === 'string' ? await localized(host, versionDir, m.name, m.default_locale) : undefined;
  return {
    ...(name ? { name } : {}),
    ...(typeof m.version === 'string' ? { version: m.version } : {}),
    ...(typeof author === 'string' && author ? { author } : {}),
  };
}

/** An extension as seen, and why its manifest could not be looked at (it is then seen by its id alone). */
async function readExtension(host: Host, browser: BrowserLocation, profile: string, idDir: string, id: string): Promise<{ seen: SeenExtension; failure?: Message }> {
  let versions: string[] = [];
  try {
    versions = (await host.list(idDir)).filter((e) => e.type === 'dir').map((e) => e.name);
  } catch {
    // seen by its id alone
  }
  const best = pickVersionFolder(versions);
  if (!best) return { seen: { browser, profile, id, manifestPath: idDir } };
  const dir = host.path.join(idDir, best);
  const manifestPath = host.path.join(dir, 'manifest.json');
  let m: ManifestInfo | null = null;
  let failure: Message | undefined;
  try {
    m = await readManifest(host, dir);
  } catch (e) {
    failure = readFailure(asError(e), manifestPath);
  }
  const seen: SeenExtension = { browser, profile, id, manifestPath, version: m?.version ?? best.replace(/_\d+$/, ''), ...(m?.name ? { name: m.name } : {}), ...(m?.author ? { author: m.author } : {}) };
  return failure ? { seen, failure } : { seen };
}

/** Scans every profile of every Chromium-family browser location given. */
export async function scanChromium(host: Host, locations: readonly BrowserLocation[]): Promise<FamilyScan> {
  const found: string[] = [];
  const profiles: string[] = [];
  const seen: SeenExtension[] = [];
  const failures: Message[] = [];
  for (const loc of locations) {
    let entries;
    try {
      if (!(await host.stat(loc.dir))) continue;
      found.push(loc.dir);
      entries = await host.list(loc.dir);
    } catch (e) {
      if (!found.includes(loc.dir)) found.push(loc.dir);
      failures.push(readFailure(asError(e), loc.dir));
      continue;
    }
    for (const entry of entries.filter((x) => PROFILE.test(x.name) && x.type !== 'file')) {
      const profileDir = host.path.join(loc.dir, entry.name);
      const extDir = host.path.join(profileDir, 'Extensions');
      profiles.push(profileDir);
      let ids: string[];
      try {
        // stat first: a profile folder we may not enter must say so, not look empty.
        await host.stat(profileDir);
        ids = (await host.list(extDir)).filter((x) => x.type === 'dir' && EXTENSION_ID.test(x.name)).map((x) => x.name);
      } catch (e) {
        if (!isNotFound(e)) failures.push(readFailure(asError(e), isHostError(e) ? e.path : extDir));
        continue;
      }
      for (const id of ids) {
        const r = await readExtension(host, loc, entry.name, host.path.join(extDir, id), id);
        seen.push(r.seen);
        if (r.failure) failures.push(r.failure);
      }
    }
  }
  return { found, profiles, seen, failures };
}
