/**
 * Reads the organisation's signed policy from the machine-wide folder: `policy.json`, signed (the catalog's
 * signing mechanism, src/core/signing/signed-file.ts) with the one key installed beside it,
 * `policy-signing.public.pem`. Every failure is a refusal with its reason; nothing throws.
 */
import type { PolicyRefusal, PolicyRefusalKind } from '../../shared/org-policy';
import type { Host } from '../host/host';
import { isHostError } from '../host/host';
import { openSignedText } from '../signing/signed-file';
import { trustedKeyFromPem, type TrustedKey } from '../signing/signing-keys';
import { orgPolicyFileSchema, SIGNED_POLICY_FORMAT, zodIssues, type OrgPolicyFile } from './org-policy-schema';
import { POLICY_FILE_NAME, POLICY_KEY_FILE_NAME } from './policy-locations';

/** A policy file larger than this is refused unread (its banned apps included, real ones are a few kB). */
export const MAX_POLICY_BYTES = 256 * 1024;
/** A public key file larger than this is not a PEM key. */
const MAX_KEY_BYTES = 8 * 1024;

/** A policy file that passed every check, with the key that signed it. */
export interface VerifiedOrgPolicy {
  readonly ok: true;
  readonly file: string;
  readonly policy: OrgPolicyFile;
  readonly key: TrustedKey;
}

/** No policy file in the folder (the normal case of a PC outside any organisation's deployment). */
export interface NoOrgPolicy {
  readonly ok: true;
  readonly file: null;
}

/** What reading the folder gave. */
export type OrgPolicyFileResult = VerifiedOrgPolicy | NoOrgPolicy | { readonly ok: false; readonly refusal: PolicyRefusal };

const refuse = (source: string, kind: PolicyRefusalKind, key: string, params: Record<string, string | number> = {}): { ok: false; refusal: PolicyRefusal } => ({
  ok: false,
  refusal: { source, kind, reason: { key: `policy:refused.${key}`, params: { source, ...params } } },
});

/** Reads, verifies and validates `<folder>/policy.json` at `now` (its `notAfter` is a UTC day, inclusive). */
export async function readOrgPolicyFile(host: Host, folder: string, now: Date): Promise<OrgPolicyFileResult> {
  const file = host.path.join(folder, POLICY_FILE_NAME);
  const keyFile = host.path.join(folder, POLICY_KEY_FILE_NAME);
  let text: string;
  try {
    // Links refused: the folder is IT's, a link in it points somewhere else that may not be.
    text = await host.readText(file, { maxBytes: MAX_POLICY_BYTES, links: 'refuse' });
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { ok: true, file: null };
    return unreadable(file, e, MAX_POLICY_BYTES);
  }
  const unsafe = (await worldWritable(host, folder)) ?? (await worldWritable(host, file));
  if (unsafe) return refuse(file, 'unsafe-permissions', 'unsafePermissions', { path: unsafe });
  let pem: string;
  try {
    pem = await host.readText(keyFile, { maxBytes: MAX_KEY_BYTES, links: 'refuse' });
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return refuse(file, 'no-key', 'noKey', { keyFile });
    return unreadable(keyFile, e, MAX_KEY_BYTES);
  }
  const keyUnsafe = await worldWritable(host, keyFile);
  if (keyUnsafe) return refuse(file, 'unsafe-permissions', 'unsafePermissions', { path: keyUnsafe });
  let key: TrustedKey;
  try {
    key = trustedKeyFromPem(pem, 'organisation', false);
  } catch (e) {
    return refuse(file, 'bad-key', 'badKey', { keyFile, detail: e instanceof Error ? e.message : String(e) });
  }
  const opened = openSignedText(SIGNED_POLICY_FORMAT, text, [key]);
  if (!opened.ok) {
    switch (opened.kind) {
      case 'not-json':
        return refuse(file, 'malformed', 'notJson', { detail: opened.message });
      case 'not-signed':
        return refuse(file, 'not-signed', 'notSigned', { format: SIGNED_POLICY_FORMAT });
      case 'untrusted-key':
        return refuse(file, 'untrusted-key', 'untrustedKey', { keyId: opened.keyId, trusted: key.id });
      case 'signature':
        return refuse(file, 'signature', 'signature', { keyId: opened.keyId });
    }
  }
  let payload: unknown;
  try {
    payload = JSON.parse(opened.payload);
  } catch (e) {
    return refuse(file, 'malformed', 'malformed', { detail: e instanceof Error ? e.message : String(e) });
  }
  const parsed = orgPolicyFileSchema().safeParse(payload);
  if (!parsed.success) return refuse(file, 'malformed', 'malformed', { detail: zodIssues(parsed.error) });
  const today = now.toISOString().slice(0, 10);
  if (parsed.data.notAfter < today) return refuse(file, 'expired', 'expired', { notAfter: displayDay(parsed.data.notAfter), policyId: parsed.data.id });
  return { ok: true, file, policy: parsed.data, key: opened.key };
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
function displayDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The path when anyone may write it (POSIX mode o+w): then anyone could have put their own policy there. */
async function worldWritable(host: Host, path: string): Promise<string | undefined> {
  try {
    const st = await host.stat(path);
    return st?.mode !== undefined && (st.mode & 0o002) !== 0 ? path : undefined;
  } catch {
    return undefined;
  }
}

function unreadable(path: string, e: unknown, maxBytes: number): { ok: false; refusal: PolicyRefusal } {
  if (isHostError(e) && e.code === 'too-large') return refuse(path, 'unreadable', 'tooLarge', { maxKiB: maxBytes / 1024 });
  const detail = isHostError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return refuse(path, 'unreadable', 'unreadable', { detail });
}
