import type { Evidence, Message } from '../../../shared/finding';
import type { Catalog } from '../../catalog/catalog-schema';
import { daysSince, displayDate, isoDay } from '../../catalog/dates';
import { readDistroInfo, DISTRO_INFO_DIR } from '../../catalog/distro-info';
import type { Host } from '../../host/host';
import { readFailure } from '../reasons';
import { linuxLifecycle, parseOsRelease, type OsRelease } from './linux-release';
import { aptListsDate, aptPending, debianReboot, dnfPending, esmEnabled, listsEvidence, rpmReboot } from './linux-updates';
import type { ExtraWarning, OsState, OsUnidentified, Pending, Reboot } from './os-state';
import { APT_MEMO_INPUTS, DNF_MEMO_INPUTS, memoizedPending, type MemoizedPending, type PendingMemoPlace } from './pending-memo';

const OS_RELEASE = ['/etc/os-release', '/usr/lib/os-release'];

/** Options of the Linux probe; tests point distro-info elsewhere. */
export interface LinuxProbeOptions {
  readonly distroInfoDir?: string;
  readonly maxBehindDays: number;
  /** Where the pending-updates answer is kept between checks; absent: always asked afresh. */
  readonly memo?: PendingMemoPlace;
}

async function readOsRelease(host: Host): Promise<{ os: OsRelease; path: string } | { reason: Message; looked: string }> {
  let lastReason: Message | undefined;
  for (const path of OS_RELEASE) {
    try {
      // /etc/os-release is a link to ../usr/lib/os-release by design.
      const text = await host.readText(path, { maxBytes: 64 * 1024, links: 'follow' });
      const os = parseOsRelease(text);
      if (os) return { os, path };
      lastReason = { key: 'common:reason.garbled', params: { tool: path, sample: text.replace(/\s+/g, ' ').trim().slice(0, 120) } };
    } catch (e) {
      if ((e as { code?: string }).code !== 'not-found') lastReason = readFailure(e as Error, path);
    }
  }
  return { reason: lastReason ?? { key: 'patch:reason.noOsRelease' }, looked: OS_RELEASE.join(', ') };
}

const isDebianFamily = (os: OsRelease): boolean => ['debian', 'ubuntu'].includes(os.id) || os.idLike.some((x) => x === 'debian' || x === 'ubuntu');
const isRpmFamily = (os: OsRelease): boolean => ['fedora', 'rhel', 'centos', 'rocky', 'almalinux', 'ol'].includes(os.id) || os.idLike.some((x) => ['fedora', 'rhel', 'centos'].includes(x));

/** Reads the distribution, its support dates, pending updates, the lists' age and a pending restart; the catalog may still be on its way. */
export async function probeLinux(host: Host, catalog: Catalog | Promise<Catalog>, now: Date, options: LinuxProbeOptions): Promise<OsState | OsUnidentified> {
  const found = await readOsRelease(host);
  if ('reason' in found) return { unidentified: true, reason: found.reason, looked: found.looked };
  const { os } = found;
  const debianFamily = isDebianFamily(os);
  // Everything below is independent: the slow pending-updates command starts at once, beside the rest.
  const manager: Promise<'apt' | 'dnf' | null> = (async () => {
    if (debianFamily || (await host.stat('/var/lib/dpkg/status'))) return 'apt';
    if (isRpmFamily(os) || (await host.stat('/var/lib/rpm'))) return 'dnf';
    return null;
  })();
  const pendingP = manager.then((m): Promise<MemoizedPending> | MemoizedPending =>
    m === 'apt'
      ? memoizedPending(host, options.memo, 'apt', APT_MEMO_INPUTS, now, () => aptPending(host))
      : m === 'dnf'
        ? memoizedPending(host, options.memo, 'dnf', DNF_MEMO_INPUTS, now, () => dnfPending(host))
        : { pending: { kind: 'unknown', reason: { key: 'common:reason.noProbe' } }, evidence: [] },
  );
  const rebootP = manager.then((m): Promise<Reboot> | Reboot => (m === 'apt' ? debianReboot(host) : m === 'dnf' ? rpmReboot(host) : { kind: 'not-applicable' }));
  const listsP = manager.then((m) => (m === 'apt' ? aptListsDate(host) : null));
  const [distroInfo, esm, memoized, reboot, lists, asked] = await Promise.all([
    debianFamily ? readDistroInfo(host, options.distroInfoDir ?? DISTRO_INFO_DIR) : null,
    os.id === 'ubuntu' ? esmEnabled(host) : false,
    pendingP,
    rebootP,
    listsP,
    manager,
  ]);
  const lc = linuxLifecycle(os, await catalog, distroInfo, esm, now);
  const evidence: Evidence[] = [
    { kind: 'os', path: found.path, detail: os.prettyName, ...(os.versionId ? { version: os.versionId } : {}), data: { id: os.id, ...(os.versionId ? { versionId: os.versionId } : {}), ...(os.codename ? { codename: os.codename } : {}) } },
  ];
  if (lc.lifecycle.kind === 'supported' && lc.lifecycle.until) {
    evidence.push({ kind: 'os', detail: `supported until ${lc.lifecycle.until}${lc.lifecycle.via ? ` (${lc.lifecycle.via.toUpperCase()})` : ''}`, label: { key: lc.lifecycle.via ? 'patch:evidence.supportedUntilVia' : 'patch:evidence.supportedUntil', params: { until: displayDate(lc.lifecycle.until), via: (lc.lifecycle.via ?? '').toUpperCase() } }, data: { supportedUntil: lc.lifecycle.until, ...(lc.lifecycle.via ? { via: lc.lifecycle.via } : {}) } });
  }
  if (distroInfo) evidence.push({ kind: 'catalog', path: options.distroInfoDir ?? DISTRO_INFO_DIR, detail: `distro-info-data present, dated ${distroInfo.asOf}`, label: { key: 'patch:evidence.distroInfo', params: { asOf: displayDate(distroInfo.asOf) } } });

  const pending: Pending = memoized.pending;
  evidence.push(...memoized.evidence);
  const extra: ExtraWarning[] = [];
  if (lists) {
    evidence.push(listsEvidence(lists));
    const age = daysSince(isoDay(lists.ms), now);
    if (age > options.maxBehindDays) {
      extra.push({ id: 'apt-lists-stale', title: { key: 'patch:listsStale.title', params: { count: age, date: isoDay(lists.ms).split('-').reverse().join('/') } }, action: { key: 'patch:listsStale.action' }, evidence: [listsEvidence(lists)] });
    }
  }
  return {
    name: os.prettyName,
    identity: `${os.id}:${os.versionId ?? os.codename ?? 'rolling'}`,
    evidence,
    lifecycle: lc.lifecycle,
    // Linux patch level is what the package manager says is missing, not a catalog build number.
    level: { kind: 'not-judged' },
    pending: lc.lifecycle.kind === 'ended' && pending.kind === 'unknown' ? { kind: 'not-applicable' } : pending,
    ...(asked ? { packageManager: asked } : {}),
    reboot,
    extra,
    knowledgeAsOf: lc.asOf,
    knowledgeFrom: lc.from,
  };
}
