import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** A public key that may sign catalogs, with its id (see `keyIdOf`) and whether it is a test key. */
export interface TrustedKey {
  readonly id: string;
  readonly name: string;
  readonly key: KeyObject;
  readonly test: boolean;
}

/**
 * The release public key, built into the app. Its private half is NOT in the repository: it is made
 * and kept offline by the maintainers (docs/catalog.md). Replace this PEM when the key is rotated.
 */
export const RELEASE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAKQeB9anYTw3iGfqwaoWUnj3ql+jnSkiqtdtO+yE41FU=
-----END PUBLIC KEY-----
`;

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

/** The keys a release build trusts: the release key only. */
export function releaseKeys(): readonly TrustedKey[] {
  return [trustedKeyFromPem(RELEASE_PUBLIC_KEY_PEM, 'release', false)];
}

const extraForTests: TrustedKey[] = [];

/**
 * Trusts one more key in this process. Only tests call this (no command-line flag, environment
 * variable or file reaches it), so a release build refuses catalogs signed with the test key.
 */
export function trustKeyInThisProcessForTests(pem: string, name = 'TEST key'): TrustedKey {
  const k = trustedKeyFromPem(pem, name, true);
  if (!extraForTests.some((e) => e.id === k.id)) extraForTests.push(k);
  return k;
}

/** Forgets keys added by `trustKeyInThisProcessForTests`. */
export function forgetTestKeys(): void {
  extraForTests.length = 0;
}

/** The keys trusted now: the release key plus any a test added. */
export function trustedKeys(): readonly TrustedKey[] {
  return [...releaseKeys(), ...extraForTests];
}
