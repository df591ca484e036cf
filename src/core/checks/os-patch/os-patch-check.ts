import type { Finding } from '../../../shared/finding';
import type { CatalogInUse } from '../../catalog/choose-catalog';
import { loadCatalog } from '../../catalog/load-catalog';
import type { Host } from '../../host/host';
import { errorText, msg, type Check, type CheckContext } from '../check';
import { judgeOs, OS_PATCH_CHECK, refusalFindings, unidentified } from './judge-os';
import { probeLinux } from './linux-probe';
import { probeMacos } from './macos-probe';
import type { OsState, OsUnidentified } from './os-state';
import { probeWindows } from './windows-probe';

/** Options of the OS patch check; tests inject the catalog and the distro-info folder. */
export interface OsPatchCheckOptions {
  /** Finds the catalog to judge with; default: built-in or a newer signed one (see loadCatalog). */
  readonly catalog?: (ctx: CheckContext) => Promise<CatalogInUse>;
  readonly distroInfoDir?: string;
}

async function probe(host: Host, catalogP: Promise<CatalogInUse>, ctx: CheckContext, options: OsPatchCheckOptions): Promise<OsState | OsUnidentified> {
  switch (host.platform) {
    case 'win32':
      return probeWindows(host, (await catalogP).catalog, ctx.now);
    case 'darwin':
      return probeMacos(host, (await catalogP).catalog, ctx.now);
    default: {
      // The Linux probe needs the catalog only to judge: its slow pending-updates command starts without waiting for it.
      const catalog = catalogP.then((c) => c.catalog);
      catalog.catch(() => undefined); // a probe that ends early never awaits it; run() awaits catalogP itself
      return probeLinux(host, catalog, ctx.now, {
        maxBehindDays: ctx.policy.patch.maxBehindDays,
        ...(options.distroInfoDir ? { distroInfoDir: options.distroInfoDir } : {}),
        ...(ctx.memoWriter && ctx.dataDir ? { memo: { dataDir: ctx.dataDir, writer: ctx.memoWriter } } : {}),
      });
    }
  }
}

/** Point 2 of Công văn 1981/UBND-VHTT for the operating system: still supported by its vendor, patched, not waiting for a restart. */
export function osPatchCheck(options: OsPatchCheckOptions = {}): Check {
  return {
    id: OS_PATCH_CHECK,
    advisoryPoint: 2,
    // Its pending-updates command is the slowest thing a check runs.
    leads: true,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      // Found beside the probe, not before it; a catalog that cannot be found still fails the check, as it did.
      const catalogP = options.catalog ? options.catalog(ctx) : loadCatalog(ctx.host, { ...(ctx.catalogFile ? { file: ctx.catalogFile } : {}), ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}) });
      catalogP.catch(() => undefined); // awaited below, after the probe
      let state: OsState | OsUnidentified;
      try {
        state = await probe(ctx.host, catalogP, ctx, options);
      } catch (e) {
        state = { unidentified: true, reason: msg('common:reason.probeCrashed', { probe: `${OS_PATCH_CHECK}.${ctx.host.platform}`, message: errorText(e) }), looked: ctx.host.platform };
      }
      const catalog = await catalogP;
      const findings = 'unidentified' in state ? [unidentified(state, ctx.host.platform)] : judgeOs(state, { platform: ctx.host.platform, now: ctx.now, policy: ctx.policy.patch, catalog });
      return [...findings, ...refusalFindings(catalog)];
    },
  };
}
