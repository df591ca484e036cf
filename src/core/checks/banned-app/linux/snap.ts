import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { packageLabel } from './package-label';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { anyExists } from './presence';
import { NO_SNAPS, parseSnapList, type SnapRow } from './snap-parse';

/** The command: every installed snap (filtered here, so names match exactly). */
export const SNAP_ARGV: readonly string[] = ['snap', 'list'];
const LOOKED = 'snap (snap list)';

function hitOf(row: SnapRow): Hit {
  const name = row.name.split('_')[0]!;
  return {
    kind: 'installed',
    install: `snap:${row.name}`,
    source: `snap ${row.name}`,
    remediation: 'uninstall.package',
    evidence: {
      kind: 'package',
      version: row.version,
      detail: `snap: ${row.name} (rev ${row.revision})`,
      label: packageLabel(row.name, 'snap', row.version),
      data: { manager: 'snap', name: row.name, version: row.version, revision: row.revision, ...(name !== row.name ? { snap: name } : {}) },
    },
  };
}

/** Snaps named in the policy (`linux.snap`), matched exactly (parallel instances `name_key` too). */
export const snapProbe: Probe = {
  id: 'linux.snap',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = new Set(app.linux.snap);
    if (names.size === 0) return notApplicable('no snap names in the policy');
    const r = await ctx.host.run(SNAP_ARGV);
    if (r.error?.code === 'not-found' && !(await anyExists(ctx.host, ['/var/lib/snapd/snaps', '/snap']))) {
      return notApplicable('no snapd on this machine');
    }
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked: LOOKED, reason: failure };
    const parsed = parseSnapList(r.stdout);
    const hits = parsed.rows.filter((row) => names.has(row.name.split('_')[0]!)).map(hitOf);
    if (hits.length > 0) return ran(LOOKED, hits);
    if (r.stdout.trim() === '') {
      if (NO_SNAPS.test(r.stderr) || NO_SNAPS.test(r.stdout)) return ran(LOOKED, []);
      return couldNotLook(LOOKED, 'bannedApp:linux.reason.emptyDatabase', { tool: 'snap' });
    }
    if (r.truncated || !r.stdout.endsWith('\n')) return couldNotLook(LOOKED, 'bannedApp:linux.reason.truncated', { tool: 'snap' });
    if (!parsed.header || parsed.bad.length > 0) return { status: 'unknown', looked: LOOKED, reason: garbled('snap', parsed.bad[0] ?? r.stdout) };
    return ran(LOOKED, []);
  },
};
