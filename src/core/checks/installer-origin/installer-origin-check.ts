/**
 * Point 2 of the advisory (install only from official sources) and its risk (2) (fake domains spreading malware
 * disguised as an app), for the installers of any app in the current user's download folders (policy
 * `installerOrigin`). Where each came from is what the browser recorded (download-origin.ts), never guessed and
 * never read from the file. An online app's installer (its `installers.filePatterns`) from outside its vendor's
 * `officialDomains` is a violation, likely a fake; any installer from a bare IP address, a URL shortener or a
 * file-sharing host is a warning. A banned app's installers are the banned-app check's (one file, one finding).
 */
import type { Evidence, Finding, Message } from '../../../shared/finding';
import type { Host } from '../../host/host';
import type { BannedApp, Policy } from '../../policy/policy-schema';
import { findingId, msg, type Check, type CheckContext } from '../check';
import { judgeOrigin, officialNaming, originHostname, readDownloadOrigin, type DownloadOrigin } from '../banned-app/download-origin';
import { installerFolders, installerMatchers, isInstallerName } from '../banned-app/installers';
import { xdgInstallerFolders } from '../banned-app/linux/user-dirs';
import { listInstallers, MAX_INSTALLERS, type InstallerFile } from './installer-files';
import { riskyOrigin, type RiskyHosts, type RiskyOrigin } from './origin-source';
import { windowsShellFolders } from './windows-folders';

/** Id of the installer-origin check. */
export const INSTALLER_ORIGIN_CHECK = 'installer-origin';

const POINT = 2 as const;

/** The i18n key segment of each kind of risky place. */
const RISKY_KEY: Readonly<Record<RiskyOrigin['source'], string>> = { ip: 'ip', shortener: 'shortener', 'file-sharing': 'fileSharing' };

/** The check: one finding per installer from a risky place or likely fake, then one `ok` or `unknown` for the rest. */
export function installerOriginCheck(): Check {
  return {
    id: INSTALLER_ORIGIN_CHECK,
    advisoryPoint: POINT,
    async run(ctx: CheckContext): Promise<readonly Finding[]> {
      const rules = ctx.policy.installerOrigin;
      if (!rules || rules.folders.length === 0 || rules.extensions.length === 0) return [];
      const folders = await downloadFolders(ctx.host, rules.folders);
      const banned = ctx.policy.bannedApps.map((a) => installerMatchers(a.installers.filePatterns));
      const listing = await listInstallers(ctx.host, folders.folders, rules.extensions, (name) => banned.some((m) => isInstallerName(name, m)));
      const judged: JudgedInstaller[] = [];
      for (const file of listing.files) judged.push(judgeInstaller(file, await readDownloadOrigin(ctx.host, file.path), ctx.policy, rules));
      return findingsOf(judged, { ...listing, failures: [...folders.failures, ...listing.failures] }, ctx.policy.number);
    },
  };
}

/**
 * The current user's download folders: the policy's under home, and where the OS says they are: on Linux the
 * localized XDG ones («Tải về»), on Windows Explorer's User Shell Folders (a Desktop moved into OneDrive).
 */
async function downloadFolders(host: Host, names: readonly string[]): Promise<{ readonly folders: readonly string[]; readonly failures: readonly Message[] }> {
  const own = installerFolders(host, [host.homedir], names);
  const os = host.platform === 'linux' ? await linuxFolders(host) : host.platform === 'win32' ? await windowsShellFolders(host) : { folders: [] };
  // Windows paths differ in case only: one folder, listed once.
  const seen = new Map([...own, ...os.folders].map((f) => [host.platform === 'win32' ? f.toLowerCase() : f, f]));
  return { folders: [...seen.values()], failures: os.failure ? [os.failure] : [] };
}

async function linuxFolders(host: Host): Promise<{ readonly folders: readonly string[]; readonly failure?: Message }> {
  const xdg = await xdgInstallerFolders(host);
  return { folders: xdg.folders, ...(xdg.failure ? { failure: xdg.failure } : {}) };
}

/** One installer with its origin judged: a finding of its own (fake or risky), or a line of the summary. */
export interface JudgedInstaller {
  readonly file: InstallerFile;
  readonly evidence: Evidence;
  readonly finding?: Omit<Finding, 'id' | 'check' | 'advisoryPoint' | 'evidence'>;
  readonly origin: DownloadOrigin['state'];
  /** Linux: unread because no tool here reads extended attributes (the action: install the attr package). */
  readonly missingTool?: true;
}

/** The online app whose installer a file name is, by its `installers.filePatterns` (the first that matches). */
function onlineAppOf(name: string, policy: Policy): BannedApp | undefined {
  return policy.onlineApps.find((a) => a.installers.filePatterns.length > 0 && isInstallerName(name, installerMatchers(a.installers.filePatterns)));
}

/** Judges one installer's recorded origin: likely fake (a listed app from elsewhere), risky (IP, shortener, file sharing), or neither. */
export function judgeInstaller(file: InstallerFile, origin: DownloadOrigin, policy: Policy, lists: RiskyHosts): JudgedInstaller {
  const app = onlineAppOf(file.name, policy);
  const official = app?.installers.officialDomains ?? [];
  const judged = judgeOrigin(origin, official);
  const recorded = origin.state === 'recorded' ? origin : undefined;
  const urlHost = recorded?.url !== undefined ? originHostname(recorded.url) : undefined;
  const referrerHost = recorded?.referrer !== undefined ? originHostname(recorded.referrer) : undefined;
  const risky = riskyOrigin(urlHost, referrerHost, lists);
  const data = { ...(file.size !== undefined ? { size: String(file.size) } : {}), ...judged.data, ...(risky ? { downloadSource: risky.source } : {}) };
  const evidence: Evidence = { kind: 'installer', path: file.path, detail: `installer ${file.path}`, label: evidenceLabel(file.path, judged.verdict, judged.host, recorded), data };
  const base = { evidence, file, origin: origin.state, ...(origin.state === 'unknown' && origin.missingTool ? { missingTool: true as const } : {}) };
  if (app && (judged.verdict === 'unofficial' || judged.verdict === 'ip') && judged.host !== undefined) {
    const naming = officialNaming(official);
    return {
      ...base,
      finding: {
        app: app.id,
        status: 'violation',
        severity: 'high',
        title: msg(naming.either ? 'installerOrigin:fake.titleEither' : 'installerOrigin:fake.title', { app: app.name, host: judged.host, ...naming.params }),
        detail: msg('installerOrigin:fake.detail', { app: app.name, host: judged.host, number: policy.number }),
        action: msg('installerOrigin:fake.action', { app: app.name, official: official[0]! }),
      },
    };
  }
  // A listed app's installer from its vendor's own domain is genuine, whatever page linked to it.
  if (risky && judged.verdict !== 'official') {
    const key = `${RISKY_KEY[risky.source]}${risky.of === 'referrer' ? 'Referrer' : ''}`;
    return {
      ...base,
      finding: {
        status: 'warning',
        severity: 'medium',
        title: msg(`installerOrigin:risky.${key}.title`, { host: risky.host }),
        detail: msg(`installerOrigin:risky.${RISKY_KEY[risky.source]}.detail`, { host: risky.host, number: policy.number }),
        action: msg('installerOrigin:risky.action'),
      },
    };
  }
  return base;
}

/** The installer's evidence line: where it is and where it came from, or that nothing was recorded. */
function evidenceLabel(path: string, verdict: string, host: string | undefined, recorded: { readonly zoneId?: string; readonly agent?: string } | undefined): Message {
  if (verdict === 'none') return msg('installerOrigin:evidence.noOrigin', { path });
  if (verdict === 'unknown') return msg('installerOrigin:evidence.unread', { path });
  if (host !== undefined) return msg('installerOrigin:evidence.from', { path, host });
  // Windows writes `HostUrl=about:internet` (or no URL at all) where the address is not kept: only the zone is known.
  if (recorded?.zoneId === '3') return msg('installerOrigin:evidence.internet', { path });
  // macOS: com.apple.quarantine names the program that downloaded it, never where from.
  if (recorded?.agent !== undefined) return msg('installerOrigin:evidence.internetBy', { path, agent: recorded.agent });
  return msg('installerOrigin:evidence.noAddress', { path });
}

/** The findings: one per installer of concern, then one `unknown` (some could not be looked at) or one `ok`. */
export function findingsOf(judged: readonly JudgedInstaller[], listing: { readonly skipped: number; readonly looked: readonly string[]; readonly failures: readonly Message[] }, policyNumber: string): Finding[] {
  const base = { check: INSTALLER_ORIGIN_CHECK, advisoryPoint: POINT };
  const out: Finding[] = judged
    .filter((j) => j.finding)
    .map((j) => ({ ...base, id: findingId(INSTALLER_ORIGIN_CHECK, j.file.path), ...j.finding!, evidence: [j.evidence] }));
  out.sort((a, b) => (a.status === b.status ? a.id.localeCompare(b.id) : a.status === 'violation' ? -1 : 1));
  const rest = judged.filter((j) => !j.finding);
  const unread = rest.filter((j) => j.origin === 'unknown');
  const folders: Evidence[] = listing.looked.map((f) => ({ kind: 'folder', path: f, detail: f }));
  // No tool to read the attributes with: the reason and the action say what to install, not «try again later».
  const noTool = listing.failures.length === 0 && unread.length > 0 && unread.every((j) => j.missingTool);
  const reason = listing.failures[0] ?? (noTool ? msg('installerOrigin:reason.noTool', { count: unread.length }) : unread.length > 0 ? msg('installerOrigin:reason.unread', { count: unread.length }) : listing.skipped > 0 ? msg('installerOrigin:reason.tooMany', { count: listing.skipped + judged.length, max: MAX_INSTALLERS }) : undefined);
  if (reason) {
    out.push({
      ...base,
      id: findingId(INSTALLER_ORIGIN_CHECK, 'unknown'),
      status: 'unknown',
      severity: 'medium',
      title: msg('installerOrigin:unknown.title'),
      reason,
      action: msg(noTool ? 'installerOrigin:unknown.installAttr' : 'installerOrigin:unknown.action'),
      evidence: [...unread.map((j) => j.evidence), ...folders],
    });
  } else if (out.length === 0) {
    const none = rest.filter((j) => j.origin === 'none').length;
    const title = rest.length === 0 ? msg('installerOrigin:ok.noInstallers') : none > 0 ? msg('installerOrigin:ok.someUnrecorded', { count: rest.length, none }) : msg('installerOrigin:ok.title', { count: rest.length });
    out.push({ ...base, id: findingId(INSTALLER_ORIGIN_CHECK, 'ok'), status: 'ok', severity: 'info', title, ...(none > 0 ? { detail: msg('installerOrigin:ok.unrecordedDetail', { number: policyNumber }) } : {}), evidence: [...rest.map((j) => j.evidence), ...folders] });
  }
  return out;
}
