import type { Host } from '../host/host';
import { machineConfigDir } from '../paths';

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
  return host.path.join(machineConfigDir(host), CATALOG_DIR_NAME);
}
