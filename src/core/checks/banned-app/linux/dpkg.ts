import type { RunResult } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { packageLabel } from './package-label';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { DPKG_FORMAT, dpkgPresence, parseDpkgQuery, type DpkgRow } from './dpkg-parse';
import { anyExists } from './presence';

/** The command: every package dpkg knows, in our format (filtered here, so names match exactly). */
export const DPKG_ARGV: readonly string[] = ['dpkg-query', '-W', `--showformat=${DPKG_FORMAT}`];
const LOOKED = 'dpkg (dpkg-query -W)';

function hitOf(row: DpkgRow): Hit {
  const presence = dpkgPresence(row.state);
  return {
    kind: presence === 'installed' ? 'installed' : 'leftover',
    install: `dpkg:${row.name}`,
    source: `dpkg ${row.name}`,
    remediation: 'uninstall.package',
    evidence: {
      kind: 'package',
      version: row.version,
      detail: `dpkg: ${row.name} (${row.arch}), ${row.want} ${row.flag} ${row.state}`,
      label: presence === 'installed' ? packageLabel(row.name, 'dpkg', row.version) : { key: 'bannedApp:evidence.packageConfigFiles', params: { package: row.name, manager: 'dpkg' } },
      data: { manager: 'dpkg', name: row.name, version: row.version, arch: row.arch, state: row.state },
    },
  };
}

/** Each answer of dpkg-query parsed once: one run gives every app of the policy the same result object (onceHost). */
const parsedAnswers = new WeakMap<RunResult, ReturnType<typeof parseDpkgQuery>>();
function parsedOnce(r: RunResult): ReturnType<typeof parseDpkgQuery> {
  let parsed = parsedAnswers.get(r);
  if (!parsed) parsedAnswers.set(r, (parsed = parseDpkgQuery(r.stdout)));
  return parsed;
}

/**
 * Debian packages named in the policy (`linux.dpkg`), matched exactly. Installed (files on disk)
 * is a violation; `config-files` (removed, not purged) is a leftover; `not-installed` is nothing.
 */
export const dpkgProbe: Probe = {
  id: 'linux.dpkg',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = new Set(app.linux.dpkg);
    if (names.size === 0) return notApplicable('no dpkg names in the policy');
    const r = await ctx.host.run(DPKG_ARGV);
    if (r.error?.code === 'not-found' && !(await anyExists(ctx.host, ['/var/lib/dpkg/status']))) {
      return notApplicable('no dpkg on this machine');
    }
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked: LOOKED, reason: failure };
    const parsed = parsedOnce(r);
    const hits = parsed.rows.filter((row) => names.has(row.name) && dpkgPresence(row.state) !== 'gone').map(hitOf);
    if (hits.length > 0) return ran(LOOKED, hits);
    if (r.truncated || parsed.cutOff) return couldNotLook(LOOKED, 'bannedApp:linux.reason.truncated', { tool: 'dpkg-query' });
    if (parsed.bad.length > 0) return { status: 'unknown', looked: LOOKED, reason: garbled('dpkg-query', parsed.bad[0]!) };
    // A Debian system always has packages: an empty answer means we were not shown the database.
    if (parsed.rows.length === 0) return couldNotLook(LOOKED, 'bannedApp:linux.reason.emptyDatabase', { tool: 'dpkg-query' });
    return ran(LOOKED, []);
  },
};
