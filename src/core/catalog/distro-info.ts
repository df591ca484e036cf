import type { Host } from '../host/host';
import type { DebianRelease, UbuntuRelease } from './catalog-schema';
import { isoDay } from './dates';

/** Where Debian's distro-info-data keeps its tables. */
export const DISTRO_INFO_DIR = '/usr/share/distro-info';

/** Release tables read from the system's distro-info-data, dated by the files' modification time. */
export interface DistroInfo {
  readonly debian: readonly DebianRelease[];
  readonly ubuntu: readonly UbuntuRelease[];
  /** Day the CSV files were last changed (the package's build), to compare with the catalog's asOf. */
  readonly asOf: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a distro-info CSV by its header row; rows with a bad shape are skipped. */
export function parseDistroCsv(text: string): readonly Readonly<Record<string, string>>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || !header.includes('version') || !header.includes('series')) return [];
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = cells[i]?.trim();
      if (v) row[h] = v;
    });
    return row;
  });
}

const date = (v: string | undefined): string | undefined => (v && DATE.test(v) ? v : undefined);

/** Debian rows that have a version number and a release date (testing and sid have neither). */
export function debianFromCsv(text: string): DebianRelease[] {
  const out: DebianRelease[] = [];
  for (const r of parseDistroCsv(text)) {
    const release = date(r.release);
    if (!r.version || !/^\d+$/.test(r.version) || !release || !r.series) continue;
    const eol = date(r.eol);
    const eolLts = date(r['eol-lts']);
    out.push({ version: r.version, codename: r.series, release, ...(eol ? { eol } : {}), ...(eolLts ? { eolLts } : {}), sources: ['distro-info-data'] });
  }
  return out;
}

/** Ubuntu rows with a version, release and end-of-life date. */
export function ubuntuFromCsv(text: string): UbuntuRelease[] {
  const out: UbuntuRelease[] = [];
  for (const r of parseDistroCsv(text)) {
    const m = /^(\d+\.\d+)( LTS)?$/.exec(r.version ?? '');
    const release = date(r.release);
    const eol = date(r.eol);
    if (!m || !release || !eol || !r.series) continue;
    const eolEsm = date(r['eol-esm']);
    out.push({ version: m[1]!, codename: r.series, lts: Boolean(m[2]), release, eol, ...(eolEsm ? { eolEsm } : {}), sources: ['distro-info-data'] });
  }
  return out;
}

/** Reads the system's distro-info-data; null when it is not installed or unreadable (the catalog is used then). */
export async function readDistroInfo(host: Host, dir = DISTRO_INFO_DIR): Promise<DistroInfo | null> {
  try {
    const debianPath = host.path.join(dir, 'debian.csv');
    const ubuntuPath = host.path.join(dir, 'ubuntu.csv');
    // Root's package files: a link there is root's own doing (and a FIFO or device is still refused).
    const [dStat, uStat] = await Promise.all([host.stat(debianPath), host.stat(ubuntuPath)]);
    if (!dStat && !uStat) return null;
    const debian = dStat ? debianFromCsv(await host.readText(debianPath, { maxBytes: 1024 * 1024, links: 'follow' })) : [];
    const ubuntu = uStat ? ubuntuFromCsv(await host.readText(ubuntuPath, { maxBytes: 1024 * 1024, links: 'follow' })) : [];
    if (debian.length === 0 && ubuntu.length === 0) return null;
    return { debian, ubuntu, asOf: isoDay(Math.max(dStat?.mtimeMs ?? 0, uStat?.mtimeMs ?? 0)) };
  } catch {
    // Unreadable system tables: the catalog still answers.
    return null;
  }
}

/** A release fact and the data it came from. */
export interface Sourced<T> {
  readonly release: T;
  readonly from: 'catalog' | 'distro-info';
  /** Date of the data: the catalog's asOf or the CSV's. */
  readonly asOf: string;
}

/**
 * Picks the entry for one release: the system's CSV when it is newer than the catalog (or the
 * catalog does not know the release), the catalog otherwise.
 */
export function pickRelease<T>(fromCatalog: T | undefined, catalogAsOf: string, fromCsv: T | undefined, csvAsOf: string | undefined): Sourced<T> | undefined {
  if (fromCsv && csvAsOf && (!fromCatalog || csvAsOf > catalogAsOf)) return { release: fromCsv, from: 'distro-info', asOf: csvAsOf };
  if (fromCatalog) return { release: fromCatalog, from: 'catalog', asOf: catalogAsOf };
  return undefined;
}
