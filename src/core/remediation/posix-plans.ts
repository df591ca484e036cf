import type { EvidenceData } from '../../shared/evidence-data';
import type { Evidence, Message } from '../../shared/finding';
import type { Host } from '../host/host';
import { dpkgSandbox } from '../host/package-root';
import type { PlanStep } from './plan';

/** Debian/RPM package names: lower-case, starting with a letter or digit (so never an option). */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+._-]*$/;
/** A snap name. */
const SNAP_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** A flatpak application id (reverse DNS). */
const FLATPAK_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;
/** launchd labels and pkg ids of Zoom only. */
const ZOOM_LABEL = /^us\.zoom\.[A-Za-z0-9._-]+$/;

/** A Zoom launchd plist: `us.zoom.*.plist` directly in a LaunchAgents/LaunchDaemons folder. */
const LAUNCHD_PLIST = /^(?:\/Users\/[^/]+)?\/Library\/Launch(?:Agents|Daemons)\/us\.zoom\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.plist$/;

/** Steps from evidence, or why none can be derived. */
export type Derivation = { readonly steps: readonly PlanStep[] } | { readonly why: Message };

/** Steps for a Linux package, through the manager that owns it. */
export function linuxPackageSteps(host: Host, data: EvidenceData): Derivation {
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
      // config-files, still Zoom's (a leftover), and the re-check would rightly say it is still present.
      // dpkg logs to the system's /var/log/dpkg.log whatever the database: keep a sandbox's log in the sandbox.
      if (sandbox) return run(['dpkg', `--instdir=${sandbox.instdir}`, `--log=${sandbox.admindir}/dpkg.log`, '--force-not-root', '-P', name], 'none');
      return run(['apt-get', 'purge', '-y', name], 'admin');
    }
    case 'rpm':
      if (!PACKAGE_NAME.test(name)) break;
      return run(['dnf', 'remove', '-y', name], 'admin');
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

/** Manual steps for Linux, per package manager. */
export function linuxManual(data: EvidenceData): Message[] {
  const name = data.name ?? 'zoom';
  const cmd: Record<string, string> = {
    dpkg: `sudo apt-get purge ${name}`,
    rpm: `sudo dnf remove ${name}`,
    snap: `sudo snap remove ${name}`,
    flatpak: `flatpak uninstall ${data.scope === 'system' ? '--system' : '--user'} ${name}`,
  };
  const c = cmd[data.manager ?? ''];
  return [...(c ? [{ key: 'fix:manual.linux.command', params: { command: c } }] : [{ key: 'fix:manual.linux.software' }]), { key: 'fix:manual.askIt' }];
}

/** Steps for a macOS app bundle: to the Trash (administrator only if the folder refuses), then forget its receipts. */
export function macosAppSteps(bundle: Evidence, receipts: readonly Evidence[]): Derivation {
  if (!bundle.path) return { why: { key: 'fix:why.noPath', params: { what: bundle.detail } } };
  const steps: PlanStep[] = [{ kind: 'trash', title: { key: 'fix:step.trashApp', params: { path: bundle.path } }, path: bundle.path, elevation: 'if-needed' }];
  for (const r of receipts) {
    const id = r.data?.pkgId ?? '';
    if (ZOOM_LABEL.test(id)) steps.push({ kind: 'run', title: { key: 'fix:step.forgetReceipt', params: { id } }, argv: ['pkgutil', '--forget', id], elevation: 'admin', okExitCodes: [0], optional: true });
  }
  return { steps };
}

/** Steps for a Zoom launchd job: unload it, then remove its plist (allowlisted). */
export function launchdSteps(job: Evidence): Derivation {
  const label = job.data?.label ?? '';
  if (!ZOOM_LABEL.test(label)) return { why: { key: 'fix:why.notZoomLabel', params: { label: label || '?' } } };
  // `launchctl unload PATH` acts on whatever job that plist names: only a Zoom plist in a launchd folder.
  if (job.path && !LAUNCHD_PLIST.test(job.path)) return { why: { key: 'fix:why.notZoomLabel', params: { label: job.path } } };
  const system = job.data?.domain === 'system';
  const steps: PlanStep[] = [];
  if (job.path) {
    steps.push({ kind: 'run', title: { key: 'fix:step.unloadJob', params: { label } }, argv: ['launchctl', 'unload', job.path], elevation: system ? 'admin' : 'none', okExitCodes: [0], optional: true });
    steps.push({ kind: 'remove', title: { key: 'fix:step.remove', params: { path: job.path } }, path: job.path, elevation: system ? 'if-needed' : 'none' });
  } else {
    steps.push({ kind: 'run', title: { key: 'fix:step.unloadJob', params: { label } }, argv: ['launchctl', 'remove', label], elevation: system ? 'admin' : 'none', okExitCodes: [0] });
  }
  return { steps };
}

/** Steps for a pkg receipt found alone: forget it. */
export function receiptSteps(receipt: Evidence): Derivation {
  const id = receipt.data?.pkgId ?? '';
  if (!ZOOM_LABEL.test(id)) return { why: { key: 'fix:why.notZoomLabel', params: { label: id || '?' } } };
  return { steps: [{ kind: 'run', title: { key: 'fix:step.forgetReceipt', params: { id } }, argv: ['pkgutil', '--forget', id], elevation: 'admin', okExitCodes: [0] }] };
}

/** Manual steps for macOS. */
export function macosManual(): Message[] {
  return [{ key: 'fix:manual.macos.trash' }, { key: 'fix:manual.macos.leftovers' }, { key: 'fix:manual.askIt' }];
}
