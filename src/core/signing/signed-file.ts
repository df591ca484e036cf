/**
 * The one signing mechanism of the program: a JSON envelope holding the signed document's text as
 * `payload` (signed byte for byte, so no canonical JSON is needed), the signing key's id and the Ed25519
 * signature in base64. Release catalogs and organisation policies differ only in their `format` marker.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { keyIdOf, type TrustedKey } from './signing-keys';

/** A signed file of one format. */
export interface SignedFile<F extends string = string> {
  readonly format: F;
  readonly version: 1;
  readonly keyId: string;
  readonly signature: string;
  readonly payload: string;
}

/** Why a signed file was not opened: not JSON, not this envelope, a key not trusted, a bad signature. */
export type SignedFileRefusal =
  | { readonly ok: false; readonly kind: 'not-json'; readonly message: string }
  | { readonly ok: false; readonly kind: 'not-signed' }
  | { readonly ok: false; readonly kind: 'untrusted-key'; readonly keyId: string }
  | { readonly ok: false; readonly kind: 'signature'; readonly keyId: string };

/** A signed file whose signature is good: its payload text and the key that signed it. */
export interface OpenedSignedFile {
  readonly ok: true;
  readonly payload: string;
  readonly key: TrustedKey;
}

/** Signs a document's text (already validated by the caller) with an Ed25519 private key in PEM. */
export function signText<F extends string>(format: F, text: string, privateKeyPem: string): SignedFile<F> {
  const priv = createPrivateKey(privateKeyPem);
  if (priv.asymmetricKeyType !== 'ed25519') throw new Error('the signing key is not an Ed25519 private key');
  const pub = createPublicKey(priv);
  const signature = sign(null, Buffer.from(text, 'utf8'), priv).toString('base64');
  return { format, version: 1, keyId: keyIdOf(pub), signature, payload: text };
}

/** Opens a signed file's text: the envelope of `format`, a key among `keys`, a good Ed25519 signature. */
export function openSignedText(format: string, text: string, keys: readonly TrustedKey[]): OpenedSignedFile | SignedFileRefusal {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'not-json', message: e instanceof Error ? e.message : String(e) };
  }
  const d = doc as Partial<SignedFile> | null;
  if (!d || typeof d !== 'object' || d.format !== format || d.version !== 1 || typeof d.keyId !== 'string' || typeof d.signature !== 'string' || typeof d.payload !== 'string') {
    return { ok: false, kind: 'not-signed' };
  }
  const key = keys.find((k) => k.id === d.keyId);
  if (!key) return { ok: false, kind: 'untrusted-key', keyId: d.keyId };
  const signature = Buffer.from(d.signature, 'base64');
  let good = false;
  try {
    good = signature.length === 64 && verify(null, Buffer.from(d.payload, 'utf8'), key.key, signature);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, kind: 'signature', keyId: d.keyId };
  return { ok: true, payload: d.payload, key };
}
