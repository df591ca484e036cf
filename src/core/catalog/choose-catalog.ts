import type { Catalog } from './catalog-schema';
import type { CatalogRefusal, VerifiedCatalog } from './signed-catalog';
import { displayDate } from './dates';

/** A verified catalog found in a file. */
export interface CatalogCandidate {
  readonly file: string;
  readonly verified: VerifiedCatalog;
}

/** The catalog a check judges with, where it came from, and what was refused on the way. */
export interface CatalogInUse {
  readonly catalog: Catalog;
  readonly origin: 'builtin' | 'file';
  /** The file, when origin is `file`. */
  readonly file?: string;
  /** The signing key, when origin is `file`. */
  readonly keyId?: string;
  readonly keyName?: string;
  /** True when the signing key is a test key (only possible where a test trusted it). */
  readonly testKey?: boolean;
  /** Files looked at and refused, each with the reason. */
  readonly refusals: readonly { readonly file: string; readonly refusal: CatalogRefusal }[];
}

/**
 * Picks the newest catalog by `asOf`: a candidate replaces the built-in only when strictly newer,
 * so an old file cannot roll the knowledge back (downgrade); each loser is listed as refused.
 */
export function chooseNewest(builtin: Catalog, candidates: readonly CatalogCandidate[], refusals: CatalogInUse['refusals']): CatalogInUse {
  let best: CatalogInUse = { catalog: builtin, origin: 'builtin', refusals: [] };
  const out = [...refusals];
  const sorted = [...candidates].sort((a, b) => b.verified.catalog.asOf.localeCompare(a.verified.catalog.asOf) || a.file.localeCompare(b.file));
  for (const c of sorted) {
    if (c.verified.catalog.asOf > best.catalog.asOf) {
      best = { catalog: c.verified.catalog, origin: 'file', file: c.file, keyId: c.verified.key.id, keyName: c.verified.key.name, testKey: c.verified.key.test, refusals: [] };
    } else {
      out.push({
        file: c.file,
        refusal: {
          kind: 'older',
          reason: { key: 'patch:catalog.refused.older', params: { file: c.file, asOf: displayDate(c.verified.catalog.asOf), inUse: displayDate(best.catalog.asOf) } },
        },
      });
    }
  }
  return { ...best, refusals: out };
}
