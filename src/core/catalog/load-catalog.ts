import type { Host, LinkRule } from '../host/host';
import { isHostError } from '../host/host';
import { readFailure } from '../checks/reasons';
import { builtinCatalog } from './builtin-catalog';
import type { Catalog } from './catalog-schema';
import { machineCatalogDir, userCatalogDir } from './catalog-locations';
import { chooseNewest, type CatalogCandidate, type CatalogInUse } from './choose-catalog';
import { isRefusal, verifySignedCatalog, type CatalogRefusal } from './signed-catalog';
import type { TrustedKey } from '../signing/signing-keys';
import { trustedKeys } from './trusted-keys';

/** A signed catalog file larger than this is refused unread. */
const MAX_CATALOG_BYTES = 4 * 1024 * 1024;

/** Where to look for signed catalogs, and which keys to trust. */
export interface LoadCatalogOptions {
  /** A catalog given on the command line (`--catalog FILE`). */
  readonly file?: string;
  /** Folders whose `*.json` files are signed catalogs; defaults to the user and machine catalog folders. */
  readonly folders?: readonly string[];
  /** The per-user data folder, to derive the default folders. */
  readonly dataDir?: string;
  readonly keys?: readonly TrustedKey[];
  readonly builtin?: Catalog;
}

/** The folders searched by default: `<userDataDir>/catalog` and the machine-wide one. */
export function defaultCatalogFolders(host: Host, dataDir: string | undefined): readonly string[] {
  const out: string[] = [];
  if (dataDir) out.push(userCatalogDir(host, dataDir));
  const machine = machineCatalogDir(host);
  if (machine) out.push(machine);
  return out;
}

/**
 * Finds the catalog to judge with: the built-in one, or a newer signed catalog from the command
 * line or the catalog folders. Never throws: every file refused is listed with its reason.
 */
export async function loadCatalog(host: Host, options: LoadCatalogOptions = {}): Promise<CatalogInUse> {
  const keys = options.keys ?? trustedKeys();
  // The file IT names on the command line may be a link they chose; those in the folders may not.
  const files: { file: string; links: LinkRule }[] = [];
  const refusals: { file: string; refusal: CatalogRefusal }[] = [];
  if (options.file) files.push({ file: options.file, links: 'follow' });
  for (const folder of options.folders ?? defaultCatalogFolders(host, options.dataDir)) {
    try {
      const entries = await host.list(folder);
      for (const e of entries) if (e.type === 'file' && e.name.toLowerCase().endsWith('.json')) files.push({ file: host.path.join(folder, e.name), links: 'refuse' });
    } catch (e) {
      // A missing folder is the normal case; anything else is worth telling IT.
      if (!(isHostError(e) && e.code === 'not-found')) refusals.push({ file: folder, refusal: unreadable(folder, e) });
    }
  }
  const candidates: CatalogCandidate[] = [];
  for (const { file, links } of files) {
    let text: string;
    try {
      text = await host.readText(file, { maxBytes: MAX_CATALOG_BYTES, links });
    } catch (e) {
      refusals.push({ file, refusal: unreadable(file, e) });
      continue;
    }
    const r = verifySignedCatalog(text, keys, file);
    if (isRefusal(r)) refusals.push({ file, refusal: r });
    else candidates.push({ file, verified: r });
  }
  return chooseNewest(options.builtin ?? builtinCatalog(), candidates, refusals);
}

/** Refusals of the read path said in their own words (a FIFO, a device, a link, too large, ...). */
const IN_WORDS: ReadonlySet<string> = new Set(['permission', 'not-a-file', 'is-a-link', 'too-large', 'is-a-directory']);

function unreadable(file: string, e: unknown): CatalogRefusal {
  if (isHostError(e) && IN_WORDS.has(e.code)) return { kind: 'unreadable', reason: readFailure(e, file) };
  return { kind: 'unreadable', reason: { key: 'patch:catalog.refused.unreadable', params: { file, message: e instanceof Error ? e.message : String(e) } } };
}
