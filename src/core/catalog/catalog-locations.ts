import type { Host } from '../host/host';
import { APP_DIR_NAME } from '../paths';

/** Name of the folder, under the per-user data folder, where IT places newer signed catalogs. */
export const CATALOG_DIR_NAME = 'catalog';

/** The per-user catalog folder: `<userDataDir>/catalog`. */
export function userCatalogDir(host: Host, dataDir: string): string {
  return host.path.join(dataDir, CATALOG_DIR_NAME);
}

/**
 * The machine-wide catalog folder, for IT to place one catalog for every user:
 * %ProgramData%\attt-selfcheck\catalog, /Library/Application Support/attt-selfcheck/catalog,
 * /etc/attt-selfcheck/catalog. ATTT_SELFCHECK_MACHINE_CATALOG_DIR overrides it ("" turns it off).
 */
export function machineCatalogDir(host: Host): string | null {
  const override = host.env.ATTT_SELFCHECK_MACHINE_CATALOG_DIR;
  if (override !== undefined) return override === '' ? null : override;
  const p = host.path;
  switch (host.platform) {
    case 'win32':
      return p.join(host.env.ProgramData || host.env.PROGRAMDATA || 'C:\\ProgramData', APP_DIR_NAME, CATALOG_DIR_NAME);
    case 'darwin':
      return p.join('/Library/Application Support', APP_DIR_NAME, CATALOG_DIR_NAME);
    default:
      return p.join('/etc', APP_DIR_NAME, CATALOG_DIR_NAME);
  }
}
