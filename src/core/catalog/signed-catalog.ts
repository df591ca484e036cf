import type { Message } from '../../shared/finding';
import { openSignedText, signText, type SignedFile } from '../signing/signed-file';
import type { TrustedKey } from '../signing/signing-keys';
import { parseCatalog, type Catalog } from './catalog-schema';

/** The `format` marker of a signed catalog file. */
export const SIGNED_CATALOG_FORMAT = 'attt-selfcheck-catalog';

/** A signed catalog file: the catalog JSON text as the payload of a signed file (src/core/signing/signed-file.ts). */
export type SignedCatalogFile = SignedFile<typeof SIGNED_CATALOG_FORMAT>;

/** A catalog that passed signature and schema checks, with the key that signed it. */
export interface VerifiedCatalog {
  readonly catalog: Catalog;
  readonly key: TrustedKey;
}

/** Why a signed catalog was refused. */
export interface CatalogRefusal {
  readonly kind: 'unreadable' | 'format' | 'untrusted-key' | 'signature' | 'schema' | 'older';
  readonly reason: Message;
}

/** Signs a catalog (already validated by the caller) with an Ed25519 private key in PEM. */
export function signCatalog(catalogJsonText: string, privateKeyPem: string): SignedCatalogFile {
  return signText(SIGNED_CATALOG_FORMAT, catalogJsonText, privateKeyPem);
}

/** Checks a signed catalog file's text: format, trusted key, Ed25519 signature, then the schema. */
export function verifySignedCatalog(text: string, keys: readonly TrustedKey[], file: string): VerifiedCatalog | CatalogRefusal {
  const opened = openSignedText(SIGNED_CATALOG_FORMAT, text, keys);
  if (!opened.ok) {
    switch (opened.kind) {
      case 'not-json':
        return { kind: 'format', reason: { key: 'patch:catalog.refused.format', params: { file, message: opened.message } } };
      case 'not-signed':
        return { kind: 'format', reason: { key: 'patch:catalog.refused.notSigned', params: { file, format: SIGNED_CATALOG_FORMAT } } };
      case 'untrusted-key':
        return { kind: 'untrusted-key', reason: { key: 'patch:catalog.refused.untrustedKey', params: { file, keyId: opened.keyId } } };
      case 'signature':
        return { kind: 'signature', reason: { key: 'patch:catalog.refused.signature', params: { file } } };
    }
  }
  let payload: unknown;
  try {
    payload = JSON.parse(opened.payload);
  } catch (e) {
    return { kind: 'schema', reason: { key: 'patch:catalog.refused.schema', params: { file, issues: e instanceof Error ? e.message : String(e) } } };
  }
  const parsed = parseCatalog(payload);
  if (!parsed.ok) return { kind: 'schema', reason: { key: 'patch:catalog.refused.schema', params: { file, issues: parsed.issues.slice(0, 5).join('; ') } } };
  return { catalog: parsed.catalog, key: opened.key };
}

/** Type guard: a refusal rather than a verified catalog. */
export function isRefusal(r: VerifiedCatalog | CatalogRefusal): r is CatalogRefusal {
  return 'kind' in r;
}
