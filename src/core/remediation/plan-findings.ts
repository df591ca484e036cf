import type { EvidenceData } from '../../shared/evidence-data';
import type { Evidence, Finding, Message } from '../../shared/finding';
import { isRemovalItem, type PlanKind } from '../../shared/fix';
import type { Host } from '../host/host';
import type { BannedApp } from '../policy/policy-schema';
import { PLAN_ORDER, type PlanStep, type RemediationPlan } from './plan';
import { launchdSteps, linuxManual, linuxPackageSteps, macosAppSteps, macosManual, receiptSteps, type Derivation } from './posix-plans';
import { formSteps, isFormEvidence } from './form-steps';
import { otherUserOf } from './other-user';
import { expandKnownPath } from './allowlist';
import { namingApp } from '../checks/banned-app/app-message';
import { installSubject } from '../checks/banned-app/install-subject';
import { msixSteps, windowsManual, windowsUninstallSteps } from './windows-plans';

async function manualFor(host: Host, app: BannedApp, data: EvidenceData = {}): Promise<Message[]> {
  if (host.platform === 'win32') return windowsManual(app, data.displayName || app.name);
  if (host.platform === 'darwin') return macosManual(app);
  return linuxManual(host, app, data);
}

/**
 * The app's local web server (a port it listens on): close its process by pid, under the policy's
 * `macos.localServerProcesses` names, then remove its folders (`macos.localServerFolders`).
 */
function localServerSteps(host: Host, app: BannedApp, port: Evidence): Derivation {
  const names = app.macos.localServerProcesses;
  const close = names.length > 0 ? closeStep(host, { ...app, macos: { ...app.macos, processNames: [...names] } }, [{ kind: 'process', detail: port.detail, data: { pid: port.data?.pid ?? '', name: names[0]! } }]) : null;
  const folders = app.macos.localServerFolders.map((f) => expandKnownPath(host, f)).filter((f): f is string => f !== null);
  const steps: PlanStep[] = [...(close ? [close] : []), ...folders.map((path): PlanStep => ({ kind: 'remove', title: { key: 'fix:step.remove', params: { path } }, path, elevation: 'none' }))];
  return steps.length > 0 ? { steps } : { why: { key: 'fix:why.noEvidence' } };
}

/** True when the policy names this package for its manager (exact name; MSIX by its name prefixes). */
function policyNamesPackage(app: BannedApp, data: EvidenceData): boolean {
  const name = data.name ?? '';
  switch (data.manager) {
    case 'dpkg':
    case 'rpm':
    case 'snap':
    case 'flatpak':
      return app.linux[data.manager].includes(name);
    case 'msix':
      return app.windows.msixPackagePrefixes.some((p) => (data.packageFullName ?? '').startsWith(p));
    default:
      return false;
  }
}

/** Closing the running app: every pid the evidence names, with the names it must still carry. */
function closeStep(host: Host, app: BannedApp, procs: readonly Evidence[]): PlanStep | null {
  const pids = [...new Set(procs.map((e) => Number(e.data?.pid)).filter((n) => Number.isInteger(n) && n > 1))];
  if (pids.length === 0) return null;
  const policyNames = host.platform === 'win32' ? app.windows.processNames : host.platform === 'darwin' ? app.macos.processNames : app.linux.processNames;
  const names = [...new Set([...procs.map((e) => e.data?.name).filter((n): n is string => !!n), ...policyNames])];
  return { kind: 'close-app', title: { key: 'fix:step.close', params: { app: app.name, pids: pids.join(', ') } }, pids, names };
}

/** A leftover/installer/folder path: removed (or trashed) when the allowlist allows it at run time. */
function pathStep(host: Host, e: Evidence, trash: boolean): PlanStep | null {
  if (!e.path) return null;
  const inHome = e.path.toLowerCase().startsWith(host.homedir.toLowerCase());
  return trash
    ? { kind: 'trash', title: { key: 'fix:step.trash', params: { path: e.path } }, path: e.path, elevation: 'none' }
    : { kind: 'remove', title: { key: 'fix:step.remove', params: { path: e.path } }, path: e.path, elevation: inHome || host.platform === 'win32' ? 'none' : 'if-needed' };
}

/** The package that owns a folder or file of the evidence (install-paths: `/opt/APP` of `dpkg:APP`), as package data. */
function packageOfPath(evidence: readonly Evidence[]): EvidenceData | undefined {
  const e = evidence.find((x) => (x.kind === 'folder' || x.kind === 'file') && x.data?.package && x.data.manager);
  return e ? { manager: e.data!.manager!, name: e.data!.package! } : undefined;
}

async function derive(host: Host, app: BannedApp, f: Finding): Promise<{ kind: PlanKind; d: Derivation; data?: EvidenceData }> {
  const of = (k: Evidence['kind']): Evidence[] => f.evidence.filter((e) => e.kind === k);
  // Another user's install or file: only that user (or IT staff as administrator) removes it.
  const foreign = f.evidence.find((e) => otherUserOf(host, e) !== null);
  if (foreign) {
    // A person reads the product as the finding's title names it and the account's name, never a path, key or SID
    // (the path stays in the evidence); a home found without its account's name is another account, unnamed.
    const name = installSubject(app, 'installed', [foreign]).product;
    const user = foreign.data?.user;
    return { kind: 'manual', d: { why: user ? { key: 'fix:why.otherUser', params: { name, user } } : { key: 'fix:why.otherProfile', params: { name } } }, data: foreign.data };
  }
  const reg = of('registry').find((e) => e.data);
  if (reg) return { kind: 'uninstall', d: await windowsUninstallSteps(host, reg, app), data: reg.data };
  // A package, or a folder a package owns (its `package` and `manager`): either way that manager removes it.
  const pkg = of('package').find((e) => e.data?.manager)?.data ?? packageOfPath(f.evidence);
  if (pkg) {
    const data = pkg;
    // Only a package the policy names is removed by its manager, whatever a probe reported.
    if (!policyNamesPackage(app, data)) return { kind: 'uninstall', d: { why: { key: 'fix:why.unknownPackage', params: { name: data.name || '?', manager: data.manager || '?' } } }, data };
    return { kind: 'uninstall', d: data.manager === 'msix' ? msixSteps(host, data) : await linuxPackageSteps(host, data), data };
  }
  const bundle = of('app-bundle')[0];
  if (bundle) return { kind: 'uninstall', d: macosAppSteps(app, bundle, of('receipt')) };
  const job = of('launch-agent')[0];
  if (job) return { kind: 'leftover', d: launchdSteps(app, job) };
  const receipt = of('receipt')[0];
  if (receipt) return { kind: 'leftover', d: receiptSteps(app, receipt) };
  const port = of('port')[0];
  if (port) return { kind: 'leftover', d: localServerSteps(host, app, port) };
  // The tarball, entries, shortcuts and handlers: removed after a check when the step runs.
  if (f.evidence.some(isFormEvidence)) {
    const tarball = f.evidence.some((e) => e.kind === 'folder' && e.data?.form === 'tarball');
    // Entries and handlers go after the installs they start (a package removal may take some with it).
    return { kind: tarball ? 'uninstall' : 'leftover', d: formSteps(host, f.evidence) };
  }
  const procs = of('process');
  if (procs.length > 0 && f.evidence.every((e) => e.kind === 'process')) {
    const close = closeStep(host, app, procs);
    return { kind: 'close', d: close ? { steps: [close] } : { why: { key: 'fix:why.noPid' } } };
  }
  const installer = of('installer')[0];
  if (installer) {
    const s = pathStep(host, installer, true);
    return { kind: 'installer', d: s ? { steps: [s] } : { why: { key: 'fix:why.noPath', params: { what: installer.detail } } } };
  }
  // The app's program with no Uninstall key, per user or under Program Files: no official uninstaller to run.
  const winExe = f.evidence.find((e) => e.kind === 'file' && (e.data?.profile || (host.platform === 'win32' && e.data?.scope === 'machine')));
  if (winExe) return { kind: 'uninstall', d: { why: { key: 'fix:why.noUninstallKey', params: { path: winExe.path ?? winExe.detail } } } };
  const leftovers = f.evidence.filter((e) => (e.kind === 'file' || e.kind === 'folder') && e.path);
  if (leftovers.length > 0) {
    // A folder judged a violation is a manual install (one of `linux.installPaths`); a warning is a leftover.
    const steps = leftovers.map((e) => pathStep(host, e, false)).filter((s): s is PlanStep => s !== null);
    return { kind: f.status === 'violation' ? 'uninstall' : 'leftover', d: { steps } };
  }
  if (of('browser-extension').length > 0) return { kind: 'manual', d: { why: { key: 'fix:why.browserExtension' } } };
  return { kind: 'manual', d: { why: { key: 'fix:why.noEvidence' } } };
}

/** The paths of a leftover (data no package owns, not a form), for its manual step; empty when the finding is another kind. */
function leftoverPaths(f: Finding): string[] {
  if (f.status !== 'warning') return [];
  const paths = f.evidence.filter((e) => (e.kind === 'file' || e.kind === 'folder') && e.path && !e.data?.package && !e.data?.form).map((e) => e.path!);
  return paths.length > 0 && paths.length === f.evidence.length ? paths : [];
}

/** Manual steps of a finding: a browser extension in its browser, a Linux leftover deleted by name, else the OS's way. */
async function manualOf(host: Host, app: BannedApp, f: Finding, data: EvidenceData | undefined): Promise<Message[]> {
  // A browser extension is removed in the browser: the finding's own action says where (its extensions page).
  if (f.evidence.some((e) => e.kind === 'browser-extension') && f.action) return [f.action];
  // Left data is deleted, not uninstalled: the software manager no longer knows it.
  const left = host.platform === 'linux' ? leftoverPaths(f) : [];
  if (left.length > 0) return [{ key: 'fix:manual.linux.delete', params: { files: left.join(', '), app: app.name } }, { key: 'fix:manual.askIt' }];
  return (await manualFor(host, app, data)).map((m) => namingApp(m, app));
}

/**
 * One removal plan per finding of a banned app that is not ok/unknown, derived from its evidence
 * only. A running app found inside an install finding is closed first, within that plan.
 */
export async function planFindings(host: Host, app: BannedApp, findings: readonly Finding[]): Promise<RemediationPlan[]> {
  const plans: RemediationPlan[] = [];
  // The running app is its own finding (process:APPID): an uninstall run on its own (one finding, from the window)
  // must still close it first, so every uninstall plan closes the app's running processes.
  const running = findings.flatMap((f) => f.evidence.filter((e) => e.kind === 'process'));
  for (const f of findings) {
    if (!isRemovalItem(f)) continue;
    const { kind, d, data } = await derive(host, app, f);
    const toClose = kind === 'uninstall' ? running : kind !== 'close' ? f.evidence.filter((e) => e.kind === 'process') : [];
    const extraClose = toClose.length > 0 ? closeStep(host, app, toClose) : null;
    // Every step, reason and manual step names the app it is about (its texts say {{app}}).
    const steps = ('steps' in d ? [...(extraClose ? [extraClose] : []), ...d.steps] : []).map((s) => ({ ...s, title: namingApp(s.title, app) }));
    plans.push({
      id: `${f.id}:${kind}`,
      findingId: f.id,
      kind: steps.length === 0 ? 'manual' : kind,
      title: f.title,
      steps,
      manual: await manualOf(host, app, f, data),
      ...('why' in d ? { why: namingApp(d.why, app) } : {}),
      evidence: f.evidence,
    });
  }
  return plans.sort((a, b) => PLAN_ORDER.indexOf(a.kind) - PLAN_ORDER.indexOf(b.kind));
}
