/**
 * What a person calls an install: the product as the install names itself (DisplayName, package or bundle
 * name) with its version, and whose account it is in. Finding titles say these; paths, keys, SIDs and
 * process ids stay in the evidence.
 */
import type { Evidence } from '../../../shared/finding';
import type { BannedApp } from '../../policy/policy-schema';
import type { HitKind } from './probe';

/** The product and the account of one install, for its title. */
export interface InstallSubject {
  /** e.g. `Product 6.1.11` (its DisplayName and version), `package 6.2.0.1855`, the app's name when the install names nothing better. */
  readonly product: string;
  /** The account name of another person whose install it is; absent for the current user and the machine. */
  readonly user?: string;
}

/** A version for a title: the build number Windows installers append in brackets (`6.1.11 (47183)`) left to the evidence. */
export function titleVersion(version: string): string {
  const v = version.trim();
  const m = / \((\d+)\)$/.exec(v);
  return m ? v.slice(0, m.index).trim() : v;
}

/** `name version`, the version left out when the name already ends with it. */
function withVersion(name: string, version: string | undefined): string {
  const v = version ? titleVersion(version) : '';
  return v && !name.endsWith(v) ? `${name} ${v}` : name;
}

/** The name an install gives itself in one piece of evidence, if any (never a path or a key). */
function ownName(e: Evidence): string | undefined {
  const d = e.data ?? {};
  if (d.displayName) return d.displayName;
  if (e.kind === 'package' || e.kind === 'app-bundle' || e.kind === 'browser-extension') return d.name;
  return undefined;
}

/** The subject of a group of hits of one install; a running program or a file is named by the app. */
export function installSubject(app: BannedApp, kind: HitKind, evidence: readonly Evidence[]): InstallSubject {
  const user = evidence.map((e) => e.data?.user).find((u) => u);
  const named = kind === 'installed' ? evidence.find((e) => ownName(e)) : undefined;
  const version = named?.data?.displayVersion ?? named?.version ?? (kind === 'installed' ? evidence.map((e) => e.version).find((v) => v) : undefined);
  const product = withVersion((named && ownName(named)) || app.name, version);
  return user ? { product, user } : { product };
}
