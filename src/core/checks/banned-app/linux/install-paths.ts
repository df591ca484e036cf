import { diskPath } from '../../../host/package-root';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { packagesOwning, type OwningPackage } from './package-owning';

/** The banned package among a folder's owners; null when none owns it; `other` when only other packages do (then it is theirs, not the app's). */
function chosen(app: BannedApp, owners: readonly OwningPackage[]): OwningPackage | null | 'other' {
  return owners.find((o) => app.linux[o.manager].includes(o.name)) ?? (owners.length > 0 ? 'other' : null);
}

/**
 * Install folders named in the policy (`linux.installPaths`, e.g. /opt/APP). A folder owned by a
 * package is evidence of that package's install (same identity, so one finding; its data names the
 * package and its manager, so the removal runs that manager); one that no package owns is a manual
 * install of its own (`folder:PATH`), removed from the allowlist. A folder that only another package owns
 * is that package's, not the app's: no hit (the `looked` text names the package).
 */
export const installPathsProbe: Probe = {
  id: 'linux.install-paths',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    // In a sandbox the package database's paths lie under its install root.
    const paths = app.linux.installPaths.map((p) => diskPath(ctx.host, p));
    if (paths.length === 0) return notApplicable('no install paths in the policy');
    let looked = lookedAt(paths);
    const hits: Hit[] = [];
    let failure: ProbeResult | null = null;
    for (const path of paths) {
      let st;
      try {
        st = await ctx.host.stat(path);
      } catch (e) {
        failure ??= { status: 'unknown', looked, reason: readFailure(e as Error, path) };
        continue;
      }
      if (!st) continue;
      const owners = await packagesOwning(ctx.host, path);
      const pkg = chosen(app, owners);
      if (pkg === 'other') {
        looked += `; not ${app.name}: ${path} belongs to the ${owners.map((o) => `${o.manager} package ${o.name}`).join(', ')}`;
        continue;
      }
      hits.push({
        kind: 'installed',
        install: pkg ? `${pkg.manager}:${pkg.name}` : `folder:${path}`,
        source: path,
        ...(pkg ? {} : { remediation: 'remove.allowlisted' }),
        evidence: {
          kind: st.type === 'dir' ? 'folder' : 'file',
          path,
          detail: pkg ? `${path} (${pkg.manager} package ${pkg.name})` : `${path} (no package owns it)`,
          label: pkg ? { key: 'bannedApp:evidence.folderOfPackage', params: { path, package: pkg.name, manager: pkg.manager } } : { key: 'bannedApp:evidence.folderNoPackage', params: { path } },
          data: { path, ...(pkg ? { package: pkg.name, manager: pkg.manager } : {}) },
        },
      });
    }
    return hits.length === 0 && failure ? { ...failure, looked } : ran(looked, hits);
  },
};
