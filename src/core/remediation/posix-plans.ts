import type { EvidenceData } from '../../shared/evidence-data';
import type { Evidence, Message } from '../../shared/finding';
import type { Host } from '../host/host';
import { dpkgSandbox } from '../host/package-root';
import type { BannedApp } from '../policy/policy-schema';
import type { PlanStep } from './plan';
import { rpmRemovalArgv } from './rpm-removal';

/** Debian/RPM package names: lower-case, starting with a letter or digit (so never an option). */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+._-]*$/;
/** A snap name. */
const SNAP_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** A flatpak application id (reverse DNS). */
const FLATPAK_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/** A launchd plist directly in a LaunchAgents/LaunchDaemons folder: the folder part and the file's name. */
const LAUNCHD_PLIST = /^(?:\/Users\/[^/]+)?\/Library\/Launch(?:Agents|Daemons)\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\.plist$/;
/** A launchd label or pkg id: plain words and dots, never an option. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True when `id` is a plain label or pkg id that starts with one of the app's prefixes and names more than the prefix. */
function hasPrefix(id: string, prefixes: readonly string[], caseless: boolean): boolean {
  const fold = (x: string): string => (caseless ? x.toLowerCase() : x);
  return LABEL.test(id) && prefixes.some((p) => p !== '' && id.length > p.length && fold(id).startsWith(fold(p)));
}

/** A pkg receipt of the app: its id starts with one of `macos.receiptPrefixes` (exact case, as pkgutil compares). */
function appReceipt(id: string, app: BannedApp): boolean {
  return hasPrefix(id, app.macos.receiptPrefixes, false);
}

/** Steps from evidence, or why none can be derived. */
export type Derivation = { readonly steps: readonly PlanStep[] } | { readonly why: Message };

/** Steps for a Linux package, through the manager that owns it (rpm: the first of its tools present, rpm-removal.ts). */
export async function linuxPackageSteps(host: Host, data: EvidenceData): Promise<Derivation> {
  const name = data.name ?? '';
  const manager = data.manager ?? '';
  const title = { key: 'fix:step.package', params: { name, manager } };
  const run = (argv: string[], elevation: 'admin' | 'none'): Derivation => ({ steps: [{ kind: 'run', title, argv, elevation, okExitCodes: [0] }] });
  switch (manager) {
    case 'dpkg': {
      if (!PACKAGE_NAME.test(name)) break;
      const sandbox = dpkgSandbox(host);
      // A sandboxed host rewrites `dpkg` to add --admindir; the files live under instdir.
      // Purge, not remove: a package with conffiles or a postrm script would otherwise stay in state
      // config-files, still the app's (a leftover), and the re-check would rightly say it is still present.
      // dpkg logs to the system's /var/log/dpkg.log whatever the database: keep a sandbox's log in the sandbox.
      if (sandbox) return run(['dpkg', `--instdir=${sandbox.instdir}`, `--log=${sandbox.admindir}/dpkg.log`, '--force-not-root', '-P', name], 'none');
      return run(['apt-get', 'purge', '-y', name], 'admin');
    }
    case 'rpm':
      if (!PACKAGE_NAME.test(name)) break;
      return run(await rpmRemovalArgv(host, name), 'admin');
    case 'snap':
      if (!SNAP_NAME.test(name)) break;
      return run(['snap', 'remove', name], 'admin');
    case 'flatpak': {
      if (!FLATPAK_ID.test(name)) break;
      // A user installation belongs to this user: elevating would reach root's own installation instead.
      if (data.scope === 'user') return run(['flatpak', 'uninstall', '-y', '--user', name], 'none');
      if (data.scope === 'system') return run(['flatpak', 'uninstall', '-y', '--system', name], 'admin');
      break;
    }
  }
  return { why: { key: 'fix:why.unknownPackage', params: { name: name || '?', manager: manager || '?' } } };
}

/** Manual steps for Linux, per package manager (rpm: the tool the plan would use); the system's software manager when no package is known. */
export async function linuxManual(host: Host, app: BannedApp, data: EvidenceData): Promise<Message[]> {
  const name = data.name ?? '';
  const cmd: Record<string, string> = {
    dpkg: `sudo apt-get purge ${name}`,
    rpm: data.manager === 'rpm' && PACKAGE_NAME.test(name) ? `sudo ${(await rpmRemovalArgv(host, name)).join(' ')}` : `sudo rpm -e ${name}`,
    snap: `sudo snap remove ${name}`,
    flatpak: `flatpak uninstall ${data.scope === 'system' ? '--system' : '--user'} ${name}`,
  };
  const c = name ? cmd[data.manager ?? ''] : undefined;
  return [...(c ? [{ key: 'fix:manual.linux.command', params: { command: c } }] : [{ key: 'fix:manual.linux.software', params: { app: app.name } }]), { key: 'fix:manual.askIt' }];
}

/** Steps for a macOS app bundle: to the Trash (administrator only if the folder refuses), then forget its receipts. */
export function macosAppSteps(app: BannedApp, bundle: Evidence, receipts: readonly Evidence[]): Derivation {
  if (!bundle.path) return { why: { key: 'fix:why.noPath', params: { what: bundle.detail } } };
  const steps: PlanStep[] = [{ kind: 'trash', title: { key: 'fix:step.trashApp', params: { path: bundle.path } }, path: bundle.path, elevation: 'if-needed' }];
  for (const r of receipts) {
    const id = r.data?.pkgId ?? '';
    if (appReceipt(id, app)) steps.push({ kind: 'run', title: { key: 'fix:step.forgetReceipt', params: { id } }, argv: ['pkgutil', '--forget', id], elevation: 'admin', okExitCodes: [0], optional: true });
  }
  return { steps };
}

/**
 * Steps for a launchd job of the app: stop it by its label (`launchctl remove LABEL`, optional: it may
 * not be loaded), then remove its plist (allowlisted). The label must start with one of the policy's
 * prefixes, and the job is stopped by it only when that label was read from the plist itself
 * (`labelFrom=plist`): `launchctl unload PLIST` would stop whatever job the file names, and a plist
 * whose Label names another job is not the app's (left alone, manual). A plist only its name speaks for
 * (unreadable, no Label) is removed without stopping a job by a label nobody read.
 */
export function launchdSteps(app: BannedApp, job: Evidence): Derivation {
  const label = job.data?.label ?? '';
  const ours = (l: string): boolean => hasPrefix(l, app.macos.launchdLabelPrefixes, true);
  const notOurs = (l: string): Derivation => ({ why: { key: 'fix:why.notAppLabel', params: { label: l, app: app.name } } });
  if (!ours(label)) return notOurs(label || '?');
  if (job.data?.otherLabel) return { why: { key: 'fix:why.otherJobLabel', params: { path: job.path ?? label, label: job.data.otherLabel } } };
  const file = job.path ? LAUNCHD_PLIST.exec(job.path) : null;
  if (job.path && (!file || !ours(file[1]!))) return notOurs(job.path);
  const system = job.data?.domain === 'system';
  const unload: PlanStep = { kind: 'run', title: { key: 'fix:step.unloadJob', params: { label } }, argv: ['launchctl', 'remove', label], elevation: system ? 'admin' : 'none', okExitCodes: [0], optional: true };
  const steps: PlanStep[] = [];
  if (job.data?.labelFrom === 'plist' || !job.path) steps.push(job.path ? unload : { ...unload, optional: false });
  if (job.path) steps.push({ kind: 'remove', title: { key: 'fix:step.remove', params: { path: job.path } }, path: job.path, elevation: system ? 'if-needed' : 'none' });
  return { steps };
}

/** Steps for a pkg receipt found alone: forget it. */
export function receiptSteps(app: BannedApp, receipt: Evidence): Derivation {
  const id = receipt.data?.pkgId ?? '';
  if (!appReceipt(id, app)) return { why: { key: 'fix:why.notAppLabel', params: { label: id || '?', app: app.name } } };
  return { steps: [{ kind: 'run', title: { key: 'fix:step.forgetReceipt', params: { id } }, argv: ['pkgutil', '--forget', id], elevation: 'admin', okExitCodes: [0] }] };
}

/** Manual steps for macOS: the bundle to the Trash, then the app's leftover folders and launchd items. */
export function macosManual(app: BannedApp): Message[] {
  const bundle = (app.macos.appNames[0] ?? app.name).replace(/\.app$/i, '');
  const folders = [...new Set([...app.macos.localServerFolders, ...app.macos.leftovers.filter((l) => l.startsWith('~/.'))])];
  const labels = app.macos.launchdLabelPrefixes.map((p) => `${p}*`);
  return [
    { key: 'fix:manual.macos.trash', params: { app: app.name, bundle } },
    ...(folders.length > 0 ? [{ key: 'fix:manual.macos.folders', params: { folders: folders.join(', ') } }] : []),
    ...(labels.length > 0 ? [{ key: 'fix:manual.macos.launchd', params: { labels: labels.join(', ') } }] : []),
    { key: 'fix:manual.askIt' },
  ];
}
