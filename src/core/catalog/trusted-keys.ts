import { trustedKeyFromPem, type TrustedKey } from '../signing/signing-keys';

/**
 * The release public key, built into the app. Its private half is NOT in the repository: it is made
 * and kept offline by the maintainers (docs/catalog.md). Replace this PEM when the key is rotated.
 */
export const RELEASE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAKQeB9anYTw3iGfqwaoWUnj3ql+jnSkiqtdtO+yE41FU=
-----END PUBLIC KEY-----
`;

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
