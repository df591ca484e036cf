import type { Message } from '../../../../shared/finding';
import { isHostError } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled, readFailure } from '../../reasons';
import { expandHomePaths } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { appBundleHit, bundleInfo } from './app-bundles';
import { isOverlong } from '../../../text/lines';

/** `lsof -nP -iTCP:PORT -sTCP:LISTEN`: who listens on a local TCP port (no name lookups). */
export function lsofArgv(port: number): readonly string[] {
  return ['lsof', '-nP', `-iTCP:${port}`, '-sTCP:LISTEN'];
}

/** Parses lsof's table: header `COMMAND PID USER ...`, then one open file a line. Null when not that table. */
export function parseLsof(stdout: string): { readonly command: string; readonly pid: number }[] | null {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  if (!/^COMMAND\s+PID\s/.test(lines[0]!)) return null;
  const out: { command: string; pid: number }[] = [];
  for (const line of lines.slice(1)) {
    const m = isOverlong(line) ? null : /^(\S+)\s+(\d+)\s/.exec(line);
    if (!m) return null;
    out.push({ command: m[1]!.replace(/\\x20/g, ' '), pid: Number(m[2]) });
  }
  return out;
}

/**
 * The app's old local web server (a meeting helper that outlived the app): a process listening on one of
 * `macos.localPorts` (`port:PORT`), and helper app bundles hidden in its folders under home
 * (`macos.localServerFolders` and the `~/.…` leftovers). lsof missing means only the folders were looked at.
 */
export const localServerProbe: Probe = {
  id: 'macos.local-server',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const { host } = ctx;
    const ports = app.macos.localPorts;
    const folders = [...new Set([...app.macos.localServerFolders, ...app.macos.leftovers.filter((p) => p.startsWith('~/.'))])];
    const hidden = expandHomePaths(host, folders, [host.homedir]);
    if (ports.length === 0 && hidden.length === 0) return notApplicable('no local ports or hidden folders in the policy');
    const looked = [...ports.map((p) => `TCP ${p}`), ...hidden].join(', ');
    const hits: Hit[] = [];
    let failure: Message | null = null;
    for (const port of ports) {
      const r = await host.run(lsofArgv(port));
      // lsof exits 1 when nothing matches; without lsof there is nothing more to ask.
      if (r.error?.code === 'not-found') continue;
      if (!(r.exitCode === 1 && r.stdout.trim() === '')) {
        const f = commandFailure(r);
        if (f) {
          failure ??= f;
          continue;
        }
      }
      const rows = parseLsof(r.stdout);
      if (rows === null) {
        failure ??= garbled('lsof', r.stdout);
        continue;
      }
      for (const row of rows) {
        hits.push({
          kind: 'running',
          install: `port:${port}`,
          source: `TCP ${port} (${row.command}, pid ${row.pid})`,
          remediation: 'remove.allowlisted',
          evidence: { kind: 'port', detail: `listening on TCP ${port}: ${row.command} (pid ${row.pid})`, label: { key: 'bannedApp:evidence.port', params: { name: row.command, pid: row.pid, port } }, data: { port: String(port), pid: String(row.pid), name: row.command } },
        });
      }
    }
    for (const dir of hidden) {
      let entries;
      try {
        entries = await host.list(dir);
      } catch (e) {
        if (isHostError(e) && (e.code === 'not-found' || e.code === 'not-a-directory')) continue;
        failure ??= readFailure(e as Error, dir);
        continue;
      }
      for (const entry of entries) {
        if (entry.type !== 'dir' || !entry.name.toLowerCase().endsWith('.app')) continue;
        const path = host.path.join(dir, entry.name);
        hits.push(appBundleHit(path, 'user', await bundleInfo(host, path)));
      }
    }
    if (hits.length === 0 && failure) return { status: 'unknown', looked, reason: failure };
    return ran(looked, hits);
  },
};
