import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Message } from '../../shared/finding';
import { parseCatalog, type Catalog } from './catalog-schema';
import { keyIdOf, type TrustedKey } from './trusted-keys';

/** The `format` marker of a signed catalog file. */
export const SIGNED_CATALOG_FORMAT = 'attt-selfcheck-catalog';

/**
 * A signed catalog file: the catalog JSON text as `payload` (signed byte for byte, so no
 * canonical JSON is needed), the signing key's id, and the Ed25519 signature in base64.
 */
export interface SignedCatalogFile {
  readonly format: typeof SIGNED_CATALOG_FORMAT;
  readonly version: 1;
  readonly keyId: string;
  readonly signature: string;
  readonly payload: string;
}

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
  const priv = createPrivateKey(privateKeyPem);
  if (priv.asymmetricKeyType !== 'ed25519') throw new Error('the signing key is not an Ed25519 private key');
  const pub = createPublicKey(priv);
  const signature = sign(null, Buffer.from(catalogJsonText, 'utf8'), priv).toString('base64');
  return { format: SIGNED_CATALOG_FORMAT, version: 1, keyId: keyIdOf(pub), signature, payload: catalogJsonText };
}

/** Checks a signed catalog file's text: format, trusted key, Ed25519 signature, then the schema. */
export function verifySignedCatalog(text: string, keys: readonly TrustedKey[], file: string): VerifiedCatalog | CatalogRefusal {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { kind: 'format', reason: { key: 'patch:catalog.refused.format', params: { file, message: e instanceof Error ? e.message : String(e) } } };
  }
  const d = doc as Partial<SignedCatalogFile> | null;
  if (!d || typeof d !== 'object' || d.format !== SIGNED_CATALOG_FORMAT || d.version !== 1 || typeof d.keyId !== 'string' || typeof d.signature !== 'string' || typeof d.payload !== 'string') {
    return { kind: 'format', reason: { key: 'patch:catalog.refused.notSigned', params: { file, format: SIGNED_CATALOG_FORMAT } } };
  }
  const key = keys.find((k) => k.id === d.keyId);
  if (!key) return { kind: 'untrusted-key', reason: { key: 'patch:catalog.refused.untrustedKey', params: { file, keyId: d.keyId } } };
  const signature = Buffer.from(d.signature, 'base64');
  let good = false;
  try {
    good = signature.length === 64 && verify(null, Buffer.from(d.payload, 'utf8'), key.key, signature);
  } catch {
    good = false;
  }
  if (!good) return { kind: 'signature', reason: { key: 'patch:catalog.refused.signature', params: { file } } };
  let payload: unknown;
  try {
    payload = JSON.parse(d.payload);
  } catch (e) {
    return { kind: 'schema', reason: { key: 'patch:catalog.refused.schema', params: { file, issues: e instanceof Error ? e.message : String(e) } } };
  }
  const parsed = parseCatalog(payload);
  if (!parsed.ok) return { kind: 'schema', reason: { key: 'patch:catalog.refused.schema', params: { file, issues: parsed.issues.slice(0, 5).join('; ') } } };
  return { catalog: parsed.catalog, key };
}

/** Type guard: a refusal rather than a verified catalog. */
export function isRefusal(r: VerifiedCatalog | CatalogRefusal): r is CatalogRefusal {
  return 'kind' in r;
}
