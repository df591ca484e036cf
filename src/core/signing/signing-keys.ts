import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** A public key that may sign a file (a catalog, an organisation policy), with its id (see `keyIdOf`) and whether it is a test key. */
export interface TrustedKey {
  readonly id: string;
  readonly name: string;
  readonly key: KeyObject;
  readonly test: boolean;
}

/** A key's id: the first 16 hex digits of SHA-256 over its SPKI DER encoding. */
export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Makes a TrustedKey from a PEM public key. Throws when the PEM is not an Ed25519 public key. */
export function trustedKeyFromPem(pem: string, name: string, test: boolean): TrustedKey {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} is not an Ed25519 public key`);
  return { id: keyIdOf(key), name, key, test };
}
