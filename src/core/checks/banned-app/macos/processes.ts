import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { baseName, parsePsPidComm } from '../linux/proc-parse';

/** Every process with its executable (on macOS, comm is the executable's path). */
export const MAC_PS_ARGV: readonly string[] = ['ps', '-axo', 'pid=,comm='];
const LOOKED = 'processes (ps -ax)';

/** Running processes whose executable's name is exactly one of `macos.processNames` (e.g. zoom.us). */
export const macosProcessesProbe: Probe = {
  id: 'macos.processes',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = new Set(app.macos.processNames.map((n) => n.normalize('NFC')));
    if (names.size === 0) return notApplicable('no process names in the policy');
    const r = await ctx.host.run(MAC_PS_ARGV);
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked: LOOKED, reason: failure };
    const procs = parsePsPidComm(r.stdout);
    // ps always lists at least itself: nothing, or lines we cannot read, means we did not see.
    if (procs === null || procs.length === 0) return { status: 'unknown', looked: LOOKED, reason: garbled('ps', r.stdout) };
    const hits: Hit[] = [];
    for (const p of procs) {
      const name = baseName(p.comm).normalize('NFC');
      if (!names.has(name)) continue;
      const exe = p.comm.startsWith('/') ? p.comm : undefined;
      hits.push({
        kind: 'running',
        install: `process:${app.id}`,
        source: `${name} (pid ${p.pid})`,
        evidence: { kind: 'process', ...(exe ? { path: exe } : {}), detail: `process ${name}, pid ${p.pid}`, label: { key: 'bannedApp:evidence.process', params: { name, pid: p.pid } }, data: { pid: String(p.pid), name, ...(exe ? { exe } : {}) } },
      });
    }
    return ran(LOOKED, hits);
  },
};
