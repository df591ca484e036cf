import type { Evidence } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { identifyProcess, type ProgramIdentity } from './program-identity';
import { argv0FromCmdline, isLinuxProcess, parsePsPidComm, type ProcessEntry } from './proc-parse';

/** Fallback command when /proc cannot be listed. */
export const PS_ARGV: readonly string[] = ['ps', '-e', '-o', 'pid=', '-o', 'comm='];

/** How many /proc files are read at once: a machine can have more processes than we may open files. */
const PROC_READS_AT_ONCE = 32;

/**
 * Reads every process's comm from /proc; null when /proc cannot be listed or a read failed for any
 * reason but "the process has ended" (then `ps` is asked instead: a skipped process could be the app).
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
          const comm = (await host.readText(`/proc/${pid}/comm`, { maxBytes: 64, links: 'refuse' })).replace(/\n$/, '');
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
    const argv0 = argv0FromCmdline(await host.readText(`/proc/${p.pid}/cmdline`, { maxBytes: 64 * 1024, links: 'refuse' }));
    return argv0 ? { ...p, argv0 } : p;
  } catch {
    return p;
  }
}

/** The evidence's words and data for what the process was found to be. */
function described(id: Exclude<ProgramIdentity, { is: 'other' }>, name: string, pid: number): Pick<Evidence, 'detail' | 'label' | 'data' | 'path'> {
  const base = { pid: String(pid), name };
  if (id.is === 'unconfirmed' && id.why === 'unreadable') {
    return { detail: `process ${name}, pid ${pid}; its executable could not be read (${id.detail})`, label: { key: 'bannedApp:evidence.processUnreadable', params: { name, pid } }, data: { ...base, identity: 'unconfirmed' } };
  }
  const exe = id.exe;
  if (id.is === 'unconfirmed') {
    return { path: exe, detail: `process ${name}, pid ${pid}: ${exe}, in no install place of the app and owned by no package`, label: { key: 'bannedApp:evidence.processElsewhere', params: { name, pid, exe } }, data: { ...base, exe, identity: 'unconfirmed' } };
  }
  if (id.by === 'package') {
    return { path: exe, detail: `process ${name}, pid ${pid}: ${exe} of the ${id.pkg.manager} package ${id.pkg.name}`, label: { key: 'bannedApp:evidence.processOfPackage', params: { name, pid, exe, package: id.pkg.name } }, data: { ...base, exe, identity: 'package', package: id.pkg.name, manager: id.pkg.manager } };
  }
  return { path: exe, detail: `process ${name}, pid ${pid}: ${exe}`, label: { key: 'bannedApp:evidence.processOfPlace', params: { name, pid, exe } }, data: { ...base, exe, identity: id.by } };
}

function hitOf(app: BannedApp, p: ProcessEntry, name: string, id: Exclude<ProgramIdentity, { is: 'other' }>): Hit {
  return { kind: 'running', install: `process:${app.id}`, source: `${name} (pid ${p.pid})`, evidence: { kind: 'process', ...described(id, name, p.pid) } };
}

/**
 * Running processes named in the policy (`linux.processNames`), by exact name, then by what they are:
 * the executable (`/proc/PID/exe`) under an install place of the app or of a banned package. One of
 * another package (a game player of Debian whose program has the app's name under /usr/games) is not the app; one whose executable
 * cannot be read stays, saying so. Reads /proc (comm, then cmdline and exe of the matches); falls back
 * to `ps` where /proc is not readable.
 */
export const linuxProcessesProbe: Probe = {
  id: 'linux.processes',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const names = app.linux.processNames;
    if (names.length === 0) return notApplicable('no process names in the policy');
    let procs = await fromProc(ctx.host);
    const procListed = procs !== null;
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
    const others: string[] = [];
    for (const p of procs) {
      const short = names.find((n) => n.length <= 15 && p.comm === n);
      const long = names.filter((n) => n.length > 15 && p.comm === n.slice(0, 15));
      if (!short && long.length === 0) continue;
      const full = await withArgv0(ctx.host, p);
      const name = short ?? long.find((n) => isLinuxProcess(full, n));
      if (!name) continue;
      const id = await identifyProcess(ctx.host, app, p.pid, procListed);
      if (id === null) continue; // ended meanwhile
      if (id.is === 'other') others.push(`${name} (pid ${p.pid}) is ${id.exe} of the ${id.pkg.manager} package ${id.pkg.name}`);
      else hits.push(hitOf(app, full, name, id));
    }
    hits.sort((a, b) => Number(a.evidence.data!.pid) - Number(b.evidence.data!.pid));
    return ran(others.length ? `${looked}; not ${app.name}: ${others.join('; ')}` : looked, hits);
  },
};
