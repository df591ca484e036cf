import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { argv0FromCmdline, isLinuxProcess, parsePsPidComm, type ProcessEntry } from './proc-parse';

/** Fallback command when /proc cannot be listed. */
export const PS_ARGV: readonly string[] = ['ps', '-e', '-o', 'pid=', '-o', 'comm='];

/** How many /proc files are read at once: a machine can have more processes than we may open files. */
const PROC_READS_AT_ONCE = 32;

/**
 * Reads every process's comm from /proc; null when /proc cannot be listed or a read failed for any
 * reason but "the process has ended" (then `ps` is asked instead: a skipped process could be Zoom).
 */
async function fromProc(host: Host): Promise<ProcessEntry[] | null> {
  let entries;
  try {
    entries = await host.list('/proc');
  } catch {
    return null;
  }
  const pids = entries.filter((e) => e.type === 'dir' && /^\d+$/.test(e.name)).map((e) => e.name);
  if (pids.length === 0) return null;
  const out: ProcessEntry[] = [];
  for (let i = 0; i < pids.length; i += PROC_READS_AT_ONCE) {
    const batch = await Promise.all(
      pids.slice(i, i + PROC_READS_AT_ONCE).map(async (pid): Promise<ProcessEntry | 'gone' | 'failed'> => {
        try {
          const comm = (await host.readText(`/proc/${pid}/comm`, { maxBytes: 64 })).replace(/\n$/, '');
          return { pid: Number(pid), comm };
        } catch (e) {
          return isHostError(e) && e.code === 'not-found' ? 'gone' : 'failed';
        }
      }),
    );
    if (batch.includes('failed')) return null;
    for (const p of batch) if (typeof p === 'object') out.push(p);
  }
  return out;
}

async function withArgv0(host: Host, p: ProcessEntry): Promise<ProcessEntry> {
  try {
    const argv0 = argv0FromCmdline(await host.readText(`/proc/${p.pid}/cmdline`, { maxBytes: 64 * 1024 }));
    return argv0 ? { ...p, argv0 } : p;
  } catch {
    return p;
  }
}

function hitOf(app: BannedApp, p: ProcessEntry, name: string): Hit {
  return {
    kind: 'running',
    install: `process:${app.id}`,
    source: `${name} (pid ${p.pid})`,
    evidence: {
      kind: 'process',
      ...(p.argv0?.startsWith('/') ? { path: p.argv0 } : {}),
      detail: `process ${name}, pid ${p.pid}`, label: { key: 'bannedApp:evidence.process', params: { name, pid: p.pid } },
      data: { pid: String(p.pid), name, ...(p.argv0?.startsWith('/') ? { exe: p.argv0 } : {}) },
    },
  };
}

/**
 * Running processes named in the policy (`linux.processNames`), by exact name. Reads /proc
 * (comm, then cmdline of the matches); falls back to `ps` where /proc is not readable.
 */
export const linuxProcessesProbe: Probe = {
  id: 'linux.processes',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = app.linux.processNames;
    if (names.length === 0) return notApplicable('no process names in the policy');
    let procs = await fromProc(ctx.host);
    let looked = 'processes (/proc)';
    if (procs === null) {
      looked = 'processes (ps -e)';
      const r = await ctx.host.run(PS_ARGV);
      const failure = commandFailure(r);
      if (failure) return { status: 'unknown', looked, reason: failure };
      procs = parsePsPidComm(r.stdout);
      if (procs === null || procs.length === 0) return { status: 'unknown', looked, reason: garbled('ps', r.stdout) };
    } else if (procs.length === 0) {
      return couldNotLook(looked, 'bannedApp:linux.reason.noProcesses');
    }
    const hits: Hit[] = [];
    for (const p of procs) {
      const short = names.find((n) => n.length <= 15 && p.comm === n);
      const long = names.filter((n) => n.length > 15 && p.comm === n.slice(0, 15));
      if (!short && long.length === 0) continue;
      const full = await withArgv0(ctx.host, p);
      const name = short ?? long.find((n) => isLinuxProcess(full, n));
      if (name) hits.push(hitOf(app, full, name));
    }
    hits.sort((a, b) => Number(a.evidence.data!.pid) - Number(b.evidence.data!.pid));
    return ran(looked, hits);
  },
};
