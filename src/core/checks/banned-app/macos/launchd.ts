import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { bytesContain, isBinaryPlist, readPlistDict } from './plist-read';
import { plistString } from './plist-xml';

/** The launchd job folders we look in, and whose jobs they hold. */
export function launchdFolders(host: Host): readonly { readonly dir: string; readonly domain: 'user' | 'system' }[] {
  return [
    { dir: host.path.join(host.homedir, 'Library', 'LaunchAgents'), domain: 'user' },
    { dir: '/Library/LaunchAgents', domain: 'system' },
    { dir: '/Library/LaunchDaemons', domain: 'system' },
  ];
}

/**
 * A job's label and where it was learnt: `plist` (its Label, matching a prefix), or `file-name` (the
 * plist could not be read, or has no Label); `otherLabel` when the plist's Label names a job the
 * prefixes do not (then only the file's name is the app's).
 */
export interface JobLabel {
  readonly label: string;
  readonly from: 'plist' | 'file-name';
  readonly otherLabel?: string;
}

/** The job's Label: read from the plist when it can be; its file name otherwise. Null when neither matches. */
async function labelOf(host: Host, path: string, stem: string, prefixes: readonly string[]): Promise<JobLabel | null> {
  const matches = (l: string): boolean => prefixes.some((p) => l.toLowerCase().startsWith(p));
  let read: string | undefined;
  try {
    const bytes = await host.readBytes(path, { maxBytes: 1024 * 1024, links: 'refuse' });
    if (isBinaryPlist(bytes) && !matches(stem) && !prefixes.some((p) => bytesContain(bytes.map((b) => (b >= 65 && b <= 90 ? b + 32 : b)), p))) return null;
    read = plistString(await readPlistDict(host, path), 'Label');
    if (read && matches(read)) return { label: read, from: 'plist' };
  } catch {
    // an unreadable job file (or a link, e.g. one Homebrew made) is judged by its name alone
  }
  if (!matches(stem)) return null;
  return read ? { label: stem, from: 'file-name', otherLabel: read } : { label: stem, from: 'file-name' };
}

/**
 * The launchd jobs in one folder whose Label, or file name, starts with one of the prefixes (lower
 * case). Throws HostError when the folder cannot be listed.
 */
export async function jobsIn(host: Host, dir: string, domain: 'user' | 'system', prefixes: readonly string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const entry of await host.list(dir)) {
    if (!entry.name.endsWith('.plist') || entry.type === 'dir') continue;
    const path = host.path.join(dir, entry.name);
    const job = await labelOf(host, path, entry.name.slice(0, -'.plist'.length), prefixes);
    if (!job) continue;
    const { label } = job;
    hits.push({
      kind: 'leftover',
      install: `launchd:${label}`,
      source: label,
      remediation: 'remove.allowlisted',
      evidence: { kind: 'launch-agent', path, detail: `launchd ${domain === 'user' ? 'agent' : dir.endsWith('Daemons') ? 'daemon' : 'agent'} ${label}`, label: { key: 'bannedApp:evidence.launchJob', params: { label, path } }, data: { label, labelFrom: job.from, ...(job.otherLabel ? { otherLabel: job.otherLabel } : {}), domain } },
    });
  }
  return hits;
}

/**
 * launchd jobs (agents and daemons) whose Label, or file name, starts with one of
 * `macos.launchdLabelPrefixes` (e.g. com.vendor.): leftovers that keep an updater or helper alive.
 */
export const launchdProbe: Probe = {
  id: 'macos.launchd',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const prefixes = app.macos.launchdLabelPrefixes.map((p) => p.toLowerCase());
    if (prefixes.length === 0) return notApplicable('no launchd label prefixes in the policy');
    const folders = launchdFolders(ctx.host);
    const looked = folders.map((f) => f.dir).join(', ');
    const hits: Hit[] = [];
    let failure: Message | null = null;
    for (const { dir, domain } of folders) {
      try {
        hits.push(...(await jobsIn(ctx.host, dir, domain, prefixes)));
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        failure ??= readFailure(e as Error, dir);
      }
    }
    if (hits.length === 0 && failure) return { status: 'unknown', looked, reason: failure };
    return ran(looked, hits);
  },
};
