/**
 * Installers of a banned app lying in users' folders (Downloads, Desktop), on any platform.
 * Platform-neutral: the caller gives the folders (each profile's, XDG's, ...); file names are
 * matched against the policy's `installers.filePatterns` (case-insensitive, anchored by the author).
 */
import type { Message } from '../../../shared/finding';
import { isHostError, type DirEntry, type Host } from '../../host/host';
import type { BannedApp } from '../../policy/policy-schema';
import { errorText, type CheckContext } from '../check';
import { readFailure } from '../reasons';
import { judgeOrigin, officialNaming, readDownloadOrigin } from './download-origin';
import { lookedAt, scanResult, type PathScan } from './leftovers';
import { notApplicable, type Hit, type Probe } from './probe';

/** Compiles the policy's installer patterns (already validated by the policy schema). */
export function installerMatchers(patterns: readonly string[]): readonly RegExp[] {
  return patterns.map((p) => new RegExp(p, 'i'));
}

/** True when a file name is an installer by one of the patterns. Compares the NFC form (macOS gives NFD names). */
export function isInstallerName(name: string, matchers: readonly RegExp[]): boolean {
  const nfc = name.normalize('NFC');
  return matchers.some((m) => m.test(nfc));
}

/** Each home joined with each folder name (e.g. Downloads, Desktop), duplicates dropped. */
export function installerFolders(host: Host, homes: readonly string[], names: readonly string[]): string[] {
  return [...new Set(homes.flatMap((h) => names.map((n) => host.path.join(h, n))))];
}

/** One installer folder as listed: its entries, not recursively. */
export interface ListedFolder {
  readonly folder: string;
  readonly entries: readonly DirEntry[];
}

/**
 * Lists each installer folder once (the banned-app installers probes and the installer-origin check alike). A folder
 * that does not exist (or is not a folder) is simply not there; one that cannot be read is a failure with the reason.
 */
export async function listInstallerFolders(host: Host, folders: readonly string[]): Promise<{ readonly listed: readonly ListedFolder[]; readonly failures: readonly Message[] }> {
  const listed: ListedFolder[] = [];
  const failures: Message[] = [];
  for (const folder of new Set(folders)) {
    try {
      listed.push({ folder, entries: await host.list(folder) });
    } catch (e) {
      if (isHostError(e) && (e.code === 'not-found' || e.code === 'not-a-directory')) continue;
      failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), folder));
    }
  }
  return { listed, failures };
}

/** What an installer's download origin is judged by: the app's official domains, and its name for the title. */
export interface OriginRule {
  readonly officialDomains: readonly string[];
  readonly product: string;
}

const NO_ORIGIN_RULE: OriginRule = { officialDomains: [], product: '' };

/** The origin rule of a banned app. */
export function originRule(app: Pick<BannedApp, 'name' | 'installers'>): OriginRule {
  return { officialDomains: app.installers.officialDomains, product: app.name };
}

/**
 * Lists each folder (listInstallerFolders) and reports every matching file as an installer hit
 * (`installer:PATH`, with its size and where the browser recorded it came from, judged against
 * `officialDomains`: download-origin.ts).
 */
export async function scanInstallers(host: Host, folders: readonly string[], patterns: readonly string[], rule: OriginRule = NO_ORIGIN_RULE): Promise<PathScan> {
  const { officialDomains } = rule;
  const matchers = installerMatchers(patterns);
  const hits: Hit[] = [];
  const { listed, failures } = await listInstallerFolders(host, folders);
  for (const { folder, entries } of listed) {
    for (const entry of entries) {
      if (entry.type === 'dir' || !isInstallerName(entry.name, matchers)) continue;
      const path = host.path.join(folder, entry.name);
      let size: number | undefined;
      try {
        size = (await host.stat(path))?.size;
      } catch {
        // Seen in the listing but not stat-able: still an installer, size unknown.
      }
      const origin = await readDownloadOrigin(host, path);
      const judged = origin ? judgeOrigin(origin, officialDomains) : undefined;
      const data = { ...(size !== undefined ? { size: String(size) } : {}), ...judged?.data };
      // From another host, or from a bare IP address (no vendor hands out its installer so): likely a fake, which
      // breaks point 2 too (install only from official sources; the fake domains of risk (2)).
      const fake = (judged?.verdict === 'unofficial' || judged?.verdict === 'ip') && judged.host !== undefined;
      const naming = officialNaming(officialDomains);
      hits.push({
        kind: 'installer',
        install: `installer:${path}`,
        source: path,
        remediation: 'remove.installer',
        ...(fake ? { judgement: { status: 'violation', severity: 'high', alsoPoints: [2] }, title: { key: naming.either ? 'bannedApp:installer.fakeTitleEither' : 'bannedApp:installer.fakeTitle', params: { product: rule.product, host: judged.host!, ...naming.params } }, detail: { key: 'bannedApp:installer.fakeDetail', params: { app: rule.product, host: judged.host! } }, action: { key: 'bannedApp:installer.fakeAction' } } : {}),
        evidence: { kind: 'installer', path, detail: `installer ${path}`, label: installerLabel(path, judged?.verdict, judged?.host), ...(Object.keys(data).length ? { data } : {}) },
      });
    }
  }
  return { hits, failures };
}

/** The installer's evidence line: where it is and, when the browser recorded it or recorded nothing, where it came from. */
function installerLabel(path: string, verdict: string | undefined, originHost: string | undefined): Message {
  if (verdict === 'none') return { key: 'bannedApp:evidence.installerNoOrigin', params: { path } };
  if (originHost !== undefined && verdict === 'ip') return { key: 'bannedApp:evidence.installerFromIp', params: { path, host: originHost } };
  if (originHost !== undefined) return { key: 'bannedApp:evidence.installerFrom', params: { path, host: originHost } };
  return { key: 'bannedApp:evidence.installer', params: { path } };
}

/** The folders to look in, and why some may be missing (e.g. a user-dirs.dirs that could not be read). */
export interface FolderList {
  readonly folders: readonly string[];
  readonly failures: readonly Message[];
}

/** A probe for installers; `folders` gives the folders to look in on this machine. */
export function installersProbe(id: string, folders: (ctx: CheckContext, app: BannedApp) => Promise<readonly string[] | FolderList>): Probe {
  return {
    id,
    async run(ctx, app) {
      if (app.installers.filePatterns.length === 0) return notApplicable('no installer patterns');
      const got = await folders(ctx, app);
      const list = 'folders' in got ? got.folders : got;
      const missing = 'folders' in got ? got.failures : [];
      if (list.length === 0 && missing.length === 0) return notApplicable('no folders to look in');
      const scan = await scanInstallers(ctx.host, list, app.installers.filePatterns, originRule(app));
      return scanResult(lookedAt(list), { hits: scan.hits, failures: [...missing, ...scan.failures] });
    },
  };
}
