/** The organisation policy as the report, the CLI and the window see it: which agency, where it came from, what was refused. */
import type { Message } from './finding';

/** How to reach the agency's IT staff; each part optional, at least one given. */
export interface ItContact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly room?: string;
}

/** The agency that deployed the app, from its organisation policy. */
export interface Agency {
  readonly name?: string;
  readonly itContact?: ItContact;
}

/** Where the organisation's settings came from: the signed file (with its signer) or Group Policy's registry key. */
export type PolicySource =
  | { readonly kind: 'file'; readonly path: string; readonly keyId: string; readonly policyId: string; readonly notAfter: string }
  | { readonly kind: 'registry'; readonly key: string };

/** Why an organisation policy (a file, or the registry's values) was not applied. */
export type PolicyRefusalKind =
  | 'unreadable'
  | 'unsafe-permissions'
  | 'no-key'
  | 'bad-key'
  | 'not-signed'
  | 'untrusted-key'
  | 'signature'
  | 'malformed'
  | 'expired'
  | 'conflict';

/** One organisation policy not applied: its place (a file path or a registry key, for the details line), the kind and the reason. */
export interface PolicyRefusal {
  readonly source: string;
  readonly kind: PolicyRefusalKind;
  readonly reason: Message;
}

/** Where the policy in force came from, as a report records it. */
export interface PolicyProvenance {
  /** `builtin`: Công văn 1981 alone; `organisation`: with an organisation's settings over it. */
  readonly origin: 'builtin' | 'organisation';
  readonly sources: readonly PolicySource[];
  readonly agency?: Agency;
  /** Organisation policies found and refused: the built-in policy stays in force for what they would have set. */
  readonly refusals: readonly PolicyRefusal[];
}

/** The organisation's policy as the window shows it: the agency and where it came from, and what it decided for the window. */
export interface OrgPolicyView extends PolicyProvenance {
  /** The longest wait between full checks the organisation allows, in hours; null: any of the settings' choices. */
  readonly fullCheckHours: number | null;
  /** False: the settings' notification switch is locked on, with the reason. */
  readonly usersMayTurnOffNotifications: boolean;
  /** The organisation's words on the advisory page. */
  readonly advisoryNote: { readonly vi: string; readonly en: string } | null;
}
