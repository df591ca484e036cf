/**
 * Leftovers of a banned app (data folders, config files) on any platform. Platform-neutral: the
 * caller gives the paths, already expanded per home or profile (`expandHomePaths` does `~`).
 */
import type { Message } from '../../../shared/finding';
import type { Host } from '../../host/host';
import { readFailure } from '../reasons';
import { errorText, type CheckContext } from '../check';
import type { BannedApp } from '../../policy/policy-schema';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from './probe';

/** What a scan of paths saw: hits, and the paths it could not look at (with why). */
export interface PathScan {
  readonly hits: readonly Hit[];
  readonly failures: readonly Message[];
}

/**
 * Turns a scan into a probe result. Hits win: a partial failure does not hide what was found.
 * With no hit, any failure makes the result `unknown` (we did not look everywhere).
 */
export function scanResult(looked: string, scan: PathScan): ProbeResult {
  if (scan.hits.length > 0 || scan.failures.length === 0) return ran(looked, scan.hits);
  return { status: 'unknown', looked, reason: scan.failures[0]! };
}

/**
 * Expands `~` (alone or followed by / or \) to each home; other paths are kept once as they are.
 * Duplicates are dropped, order kept.
 */
export function expandHomePaths(host: Host, patterns: readonly string[], homes: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) {
      for (const home of homes) out.push(host.path.join(home, p.slice(1)));
    } else {
      out.push(p);
    }
  }
  return [...new Set(out)];
}

/** Looks at each path: whatever exists is a leftover hit (`leftover:PATH`), files with their size. */
export async function scanLeftovers(host: Host, paths: readonly string[]): Promise<PathScan> {
  const hits: Hit[] = [];
  const failures: Message[] = [];
  for (const path of paths) {
    try {
      const st = await host.stat(path);
      if (!st) continue;
      const isFolder = st.type === 'dir';
      hits.push({
        kind: 'leftover',
        install: `leftover:${path}`,
        source: path,
        remediation: 'remove.allowlisted',
        evidence: {
          kind: isFolder ? 'folder' : 'file',
          path,
          detail: `${isFolder ? 'folder' : 'file'} ${path}`,
          label: { key: isFolder ? 'bannedApp:evidence.folder' : 'bannedApp:evidence.file', params: { path } },
          ...(isFolder ? {} : { data: { size: String(st.size) } }),
        },
      });
    } catch (e) {
      failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), path));
    }
  }
  return { hits, failures };
}

/** A probe for leftovers; `paths` gives the expanded paths of one app on this machine. */
export function leftoversProbe(id: string, paths: (ctx: CheckContext, app: BannedApp) => readonly string[]): Probe {
  return {
    id,
    async run(ctx, app) {
      const list = paths(ctx, app);
      if (list.length === 0) return notApplicable('no leftover paths for this platform');
      return scanResult(lookedAt(list), await scanLeftovers(ctx.host, list));
    },
  };
}

/** A short "where we looked" for a list of paths: the first three, then how many more. */
export function lookedAt(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} (+${paths.length - 3})`;
}
