/**
 * Windows version facts the tests write into the prefix (HKLM\...\Windows NT\CurrentVersion),
 * taken from the catalog the product ships (data/catalog.json), so "current" means current to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths';

/** What the patch check reads. */
export interface WindowsVersion {
  readonly build: number;
  readonly ubr: number;
  readonly displayVersion: string;
  readonly editionId: string;
  readonly productName: string;
}

interface CatalogRelease {
  readonly build: number;
  readonly product: string;
  readonly version: string;
  readonly end: { readonly homePro: string; readonly enterpriseEducation: string };
  readonly updates: readonly { readonly ubr: number; readonly date: string; readonly esu?: boolean }[];
}

/** The Windows releases of data/catalog.json, or [] when the catalog has not landed. */
export function catalogReleases(): readonly CatalogRelease[] {
  const file = resolve(REPO_ROOT, 'data', 'catalog.json');
  if (!existsSync(file)) return [];
  const c = JSON.parse(readFileSync(file, 'utf8')) as { windows?: { releases?: CatalogRelease[] } };
  return c.windows?.releases ?? [];
}

/** A release of the catalog by build, with its newest update; throws when the catalog lacks it. */
export function release(build: number): CatalogRelease & { readonly latestUbr: number } {
  const r = catalogReleases().find((x) => x.build === build);
  if (!r) throw new Error(`data/catalog.json has no Windows build ${build}`);
  const latestUbr = Math.max(...r.updates.map((u) => u.ubr));
  return { ...r, latestUbr };
}

/**
 * A fully patched Windows 11 25H2 Pro (the mainstream line; 26H1 ships only on new devices), with the
 * newest update the catalog knows. ProductName says "Windows 10 Pro" as on real Windows 11: the build decides.
 */
export function currentWindows11(): WindowsVersion {
  const r = release(26200);
  return { build: r.build, ubr: r.latestUbr, displayVersion: r.version, editionId: 'Professional', productName: 'Windows 10 Pro' };
}

/** Windows 10 22H2 Pro with the last update before its end of support (the last one everyone got: no ESU enrolment). */
export function windows10At22H2(): WindowsVersion {
  const r = release(19045);
  const lastFree = Math.max(...r.updates.filter((u) => !u.esu).map((u) => u.ubr));
  return { build: 19045, ubr: lastFree, displayVersion: '22H2', editionId: 'Professional', productName: 'Windows 10 Pro' };
}
