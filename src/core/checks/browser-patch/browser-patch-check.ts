import type { Finding } from '../../../shared/finding';
import type { CatalogInUse } from '../../catalog/choose-catalog';
import { loadCatalog } from '../../catalog/load-catalog';
import type { ProbeSet } from '../banned-app/banned-app-check';
import { errorText, findingId, msg, type Check, type CheckContext } from '../check';
import { BROWSER_PROBES, seeBrowsers } from './browser-probes';
import { BROWSER_PATCH_CHECK, judgeBrowsers } from './judge-browser';

/** Options of the browser patch check; tests inject the catalog and the probes. */
export interface BrowserPatchCheckOptions {
  /** Finds the catalog to judge with; default: built-in or a newer signed one (see loadCatalog). */
  readonly catalog?: (ctx: CheckContext) => Promise<CatalogInUse>;
  readonly probes?: ProbeSet;
}

/**
 * Point 2 of Công văn 1981/UBND-VHTT for the browsers: each installed browser the policy lists, on a major its
 * vendor still patches and not behind the latest release the catalog knows by more than the policy allows.
 * Catalog files refused on the way are reported by the os-patch check, once.
 */
export function browserPatchCheck(options: BrowserPatchCheckOptions = {}): Check {
  return {
    id: BROWSER_PATCH_CHECK,
    advisoryPoint: 2,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      const browsers = ctx.policy.browsers.list;
      const catalog = options.catalog
        ? await options.catalog(ctx)
        : await loadCatalog(ctx.host, { ...(ctx.catalogFile ? { file: ctx.catalogFile } : {}), ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}) });
      try {
        const seen = await seeBrowsers(ctx, browsers, options.probes ?? BROWSER_PROBES);
        return judgeBrowsers(seen, {
          platform: ctx.host.platform,
          now: ctx.now,
          policy: { maxBehindDays: ctx.policy.browsers.maxBehindDays, catalogMaxAgeDays: ctx.policy.patch.catalogMaxAgeDays },
          catalog,
          // A channel reached only by policy (Chrome Extended Stable) is no browser of its own to look for.
          browserNames: browsers.filter((b) => !browsers.some((o) => o.channelPolicies.some((c) => c.browser === b.id))).map((b) => b.name),
        });
      } catch (e) {
        return [
          {
            id: findingId(BROWSER_PATCH_CHECK, 'crashed'),
            check: BROWSER_PATCH_CHECK,
            advisoryPoint: 2,
            status: 'unknown',
            severity: 'medium',
            title: msg('patch:browser.unknown.unlooked'),
            reason: msg('common:reason.probeCrashed', { probe: BROWSER_PATCH_CHECK, message: errorText(e) }),
            evidence: [],
          },
        ];
      }
    },
  };
}
