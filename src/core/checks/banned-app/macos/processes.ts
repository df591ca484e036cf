import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { baseName, parsePsPidComm } from '../linux/proc-parse';
import { bundleInfo, isAppBundleId } from './app-bundles';

/** Every process with its executable (on macOS, comm is the executable's path). */
export const MAC_PS_ARGV: readonly string[] = ['ps', '-axo', 'pid=,comm='];
const LOOKED = 'processes (ps -ax)';

/** The app bundle an executable lies in (`/Applications/X.app/Contents/MacOS/x` -> `/Applications/X.app`), or null. */
export function enclosingBundle(exe: string): string | null {
  const m = /^(.*?\.app)\/Contents\/MacOS\/[^/]+$/i.exec(exe);
  return m ? m[1]! : null;
}

/** What the bundle of a running program says it is: the app (`bundle`), another app (`other`), or not known. */
async function bundleIdentity(host: Host, app: BannedApp, exe: string | undefined): Promise<{ is: 'app' | 'unconfirmed'; bundleId?: string } | { is: 'other'; bundleId: string }> {
  const bundle = exe ? enclosingBundle(exe) : null;
  const info = bundle ? await bundleInfo(host, bundle) : null;
  if (!info?.bundleId) return { is: 'unconfirmed' };
  return isAppBundleId(app, info.bundleId) ? { is: 'app', bundleId: info.bundleId } : { is: 'other', bundleId: info.bundleId };
}

/**
 * Running processes whose executable's name is exactly one of `macos.processNames` (the bundle's executable), then by
 * the bundle id of the app bundle they run from: another app's is not the app; one outside a bundle, or whose
 * bundle cannot be read, stays, not confirmed.
 */
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
    const others: string[] = [];
    for (const p of procs) {
      const name = baseName(p.comm).normalize('NFC');
      if (!names.has(name)) continue;
      const exe = p.comm.startsWith('/') ? p.comm : undefined;
      const id = await bundleIdentity(ctx.host, app, exe);
      if (id.is === 'other') {
        others.push(`${name} (pid ${p.pid}) runs from ${enclosingBundle(exe!)} (${id.bundleId})`);
        continue;
      }
      const data = { pid: String(p.pid), name, ...(exe ? { exe } : {}), identity: id.is === 'app' ? 'bundle' : 'unconfirmed', ...(id.bundleId ? { bundleId: id.bundleId } : {}) };
      const label = id.is === 'app' ? { key: 'bannedApp:evidence.process', params: { name, pid: p.pid } } : { key: 'bannedApp:evidence.processNoBundle', params: { name, pid: p.pid } };
      hits.push({ kind: 'running', install: `process:${app.id}`, source: `${name} (pid ${p.pid})`, evidence: { kind: 'process', ...(exe ? { path: exe } : {}), detail: `process ${name}, pid ${p.pid}${id.bundleId ? ` (${id.bundleId})` : ''}`, label, data } });
    }
    return ran(others.length ? `${LOOKED}; not ${app.name}: ${others.join('; ')}` : LOOKED, hits);
  },
};
