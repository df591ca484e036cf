import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';

/** Which package owns a path: `dpkg:NAME` / `rpm:NAME`, or null (a manual install, or no way to ask). */
export async function packageOwning(host: Host, path: string): Promise<string | null> {
  const d = await host.run(['dpkg-query', '-S', path]);
  if (d.exitCode === 0) {
    // "zoom: /opt/zoom" or "a, b: /opt/zoom"; "diversion by ..." lines are not owners.
    for (const line of d.stdout.split('\n')) {
      const at = line.lastIndexOf(': ');
      if (at < 0 || line.slice(at + 2).trim() !== path || line.startsWith('diversion by')) continue;
      const owner = line.slice(0, at).split(',')[0]!.trim().split(':')[0];
      if (owner) return `dpkg:${owner}`;
    }
  }
  const r = await host.run(['rpm', '-qf', '--qf', '%{NAME}\\n', path]);
  if (r.exitCode === 0) {
    const owner = r.stdout.split('\n')[0]!.trim();
    if (/^[A-Za-z0-9_+.~-]+$/.test(owner)) return `rpm:${owner}`;
  }
  return null;
}

/**
 * Install folders named in the policy (`linux.installPaths`, e.g. /opt/zoom). A folder owned by a
 * package is evidence of that package's install (same identity, so one finding); one that no
 * package owns is a manual install of its own (`folder:PATH`), removed from the allowlist.
 */
export const installPathsProbe: Probe = {
  id: 'linux.install-paths',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const paths = app.linux.installPaths;
    if (paths.length === 0) return notApplicable('no install paths in the policy');
    const looked = lookedAt(paths);
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
      const owner = await packageOwning(ctx.host, path);
      hits.push({
        kind: 'installed',
        install: owner ?? `folder:${path}`,
        source: path,
        ...(owner ? {} : { remediation: 'remove.allowlisted' }),
        evidence: {
          kind: st.type === 'dir' ? 'folder' : 'file',
          path,
          detail: owner ? `${path} (${owner.replace(':', ' package ')})` : `${path} (no package owns it)`,
          label: owner ? { key: 'bannedApp:evidence.folderOfPackage', params: { path, package: owner.replace(/^[^:]*:/, ''), manager: owner.split(':')[0] ?? '' } } : { key: 'bannedApp:evidence.folderNoPackage', params: { path } },
          data: { path, ...(owner ? { owner } : {}) },
        },
      });
    }
    return hits.length === 0 && failure ? failure : ran(looked, hits);
  },
};
