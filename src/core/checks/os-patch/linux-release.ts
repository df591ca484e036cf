import type { Catalog, DebianRelease, UbuntuRelease } from '../../catalog/catalog-schema';
import { isAfterDay } from '../../catalog/dates';
import { pickRelease, type DistroInfo } from '../../catalog/distro-info';
import type { Lifecycle } from './os-state';
import { osReleaseVars } from '../../text/os-release-vars';

/** The fields of /etc/os-release we use. */
export interface OsRelease {
  readonly id: string;
  readonly idLike: readonly string[];
  readonly versionId?: string;
  readonly codename?: string;
  readonly prettyName: string;
}

/** Parses os-release (KEY=value, values optionally quoted); null when it has no ID. */
export function parseOsRelease(text: string): OsRelease | null {
  const vars = osReleaseVars(text);
  const id = vars.ID?.toLowerCase();
  if (!id || !/^[a-z0-9._-]+$/.test(id)) return null;
  return {
    id,
    idLike: (vars.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    ...(vars.VERSION_ID ? { versionId: vars.VERSION_ID } : {}),
    ...(vars.VERSION_CODENAME ? { codename: vars.VERSION_CODENAME } : {}),
    prettyName: vars.PRETTY_NAME || `${vars.NAME ?? id} ${vars.VERSION ?? ''}`.trim(),
  };
}

/** A release judgement with the date of the data it rests on. */
export interface LinuxLifecycle {
  readonly lifecycle: Lifecycle;
  readonly asOf: string;
  readonly from: 'catalog' | 'distro-info';
}

/** Debian: supported to `eol` by the security team, then to `eol-lts` by Debian LTS; ELTS (paid, third party) is not counted. */
export function debianLifecycle(r: DebianRelease, now: Date): Lifecycle {
  if (!r.eol || !isAfterDay(r.eol, now)) return r.eol ? { kind: 'supported', until: r.eol } : { kind: 'supported', ...(r.eolLts ? { until: r.eolLts } : {}) };
  if (r.eolLts && !isAfterDay(r.eolLts, now)) return { kind: 'supported', until: r.eolLts, via: 'lts' };
  return { kind: 'ended', ended: r.eolLts ?? r.eol };
}

/** Ubuntu: standard support to `eol`; after it only with Ubuntu Pro/ESM enabled (evidence: an ESM apt source). */
export function ubuntuLifecycle(r: UbuntuRelease, esmEnabled: boolean, now: Date): Lifecycle {
  if (!isAfterDay(r.eol, now)) return { kind: 'supported', until: r.eol };
  if (r.eolEsm && esmEnabled && !isAfterDay(r.eolEsm, now)) return { kind: 'supported', until: r.eolEsm, via: 'esm' };
  return { kind: 'ended', ended: esmEnabled && r.eolEsm ? r.eolEsm : r.eol };
}

/** Judges a Linux release from the catalog or the system's distro-info-data, whichever is newer. */
export function linuxLifecycle(os: OsRelease, catalog: Catalog, distroInfo: DistroInfo | null, esmEnabled: boolean, now: Date): LinuxLifecycle {
  const unknown = (key: string): LinuxLifecycle => ({ lifecycle: { kind: 'unknown', reason: { key, params: { release: os.prettyName } } }, asOf: catalog.asOf, from: 'catalog' });
  if (os.id === 'debian') {
    if (!os.versionId) return unknown('patch:reason.rollingRelease');
    const major = os.versionId.split('.')[0]!;
    const picked = pickRelease(catalog.linux.debian.find((r) => r.version === major), catalog.asOf, distroInfo?.debian.find((r) => r.version === major), distroInfo?.asOf);
    if (!picked) return unknown('patch:reason.unknownRelease');
    return { lifecycle: debianLifecycle(picked.release, now), asOf: picked.asOf, from: picked.from };
  }
  if (os.id === 'ubuntu') {
    if (!os.versionId) return unknown('patch:reason.unknownRelease');
    const picked = pickRelease(catalog.linux.ubuntu.find((r) => r.version === os.versionId), catalog.asOf, distroInfo?.ubuntu.find((r) => r.version === os.versionId), distroInfo?.asOf);
    if (!picked) return unknown('patch:reason.unknownRelease');
    return { lifecycle: ubuntuLifecycle(picked.release, esmEnabled, now), asOf: picked.asOf, from: picked.from };
  }
  return unknown('patch:reason.unknownDistro');
}
