import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { packageLabel } from './package-label';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { anyExists } from './presence';
import { parseRpmQuery, RPM_FORMAT, type RpmRow } from './rpm-parse';

/** The command: every installed rpm, in our format (filtered here, so names match exactly). */
export const RPM_ARGV: readonly string[] = ['rpm', '-qa', '--qf', RPM_FORMAT];
const LOOKED = 'rpm (rpm -qa)';
/** Where rpm keeps its database: the classic place and the newer one (/var/lib/rpm may link to it). */
const DB_DIRS = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];
const DB_FILES = ['rpmdb.sqlite', 'Packages', 'Packages.db'];

/** True when a non-empty rpm database file exists (then an empty answer is suspicious). */
async function hasDatabase(host: Host): Promise<boolean> {
  for (const dir of DB_DIRS) {
    for (const file of DB_FILES) {
      try {
        const st = await host.stat(host.path.join(dir, file));
        if (st && st.size > 0) return true;
      } catch {
        return true;
      }
    }
  }
  return false;
}

function hitOf(row: RpmRow): Hit {
  return {
    kind: 'installed',
    install: `rpm:${row.name}`,
    source: `rpm ${row.name}`,
    remediation: 'uninstall.package',
    evidence: {
      kind: 'package',
      version: row.version,
      detail: `rpm: ${row.name} (${row.arch})`,
      label: packageLabel(row.name, 'rpm', row.version),
      data: { manager: 'rpm', name: row.name, version: row.version, arch: row.arch },
    },
  };
}

/**
 * RPM packages named in the policy (`linux.rpm`), matched exactly. Applies where the rpm tool or
 * its database folder exists (Debian may carry the tool with an empty database: that is clean).
 */
export const rpmProbe: Probe = {
  id: 'linux.rpm',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = new Set(app.linux.rpm);
    if (names.size === 0) return notApplicable('no rpm names in the policy');
    const r = await ctx.host.run(RPM_ARGV);
    if (r.error?.code === 'not-found' && !(await anyExists(ctx.host, DB_DIRS))) return notApplicable('no rpm on this machine');
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked: LOOKED, reason: failure };
    const parsed = parseRpmQuery(r.stdout);
    const hits = parsed.rows.filter((row) => names.has(row.name)).map(hitOf);
    if (hits.length > 0) return ran(LOOKED, hits);
    if (r.truncated || parsed.cutOff) return couldNotLook(LOOKED, 'bannedApp:linux.reason.truncated', { tool: 'rpm' });
    if (parsed.bad.length > 0) return { status: 'unknown', looked: LOOKED, reason: garbled('rpm', parsed.bad[0]!) };
    if (parsed.rows.length === 0 && (await hasDatabase(ctx.host))) {
      return couldNotLook(LOOKED, 'bannedApp:linux.reason.emptyDatabase', { tool: 'rpm' });
    }
    return ran(LOOKED, []);
  },
};
