import type { Evidence, Finding, Message } from '../../shared/finding';
import type { PlanKind } from '../../shared/fix';
import type { Report } from '../../shared/report';
import { BANNED_APP_CHECK } from '../checks/banned-app/banned-app-check';
import { linuxInstallerFolders } from '../checks/banned-app/linux/linux-probes';
import type { Check, CheckContext } from '../checks/check';
import { defaultChecks } from '../checks/default-checks';
import { exitCodeFor, runChecks } from '../engine';
import type { MutableHost } from '../host/mutable-host';
import type { BannedApp } from '../policy/policy-schema';
import { trimTrailing } from '../text/trim-trailing';
import { allowlistFor } from './allowlist';
import { appendAudit, auditLogPath, auditWriteWarning } from './audit-log';
import type { CloseOptions } from './close-app';
import { isPrivileged } from './elevation';
import type { RemediationPlan } from './plan';
import { planFindings } from './plan-findings';
import { runPlan, type FixEvent, type PlanRun } from './runner';

/** What the re-check proved for one plan. */
export type Verdict = 'removed' | 'still-present' | 'not-proven' | 'not-run';

/** The result for one plan: the verdict, what remains and why, and the manual steps when not removed. */
export interface PlanVerdict {
  readonly planId: string;
  readonly findingId: string;
  /** What the plan did (close the app, uninstall, ...): a closed program is said to be closed, not removed. */
  readonly kind: PlanKind;
  readonly title: Message;
  readonly verdict: Verdict;
  readonly run?: PlanRun;
  /** Evidence the re-check still sees. */
  readonly remaining: readonly Evidence[];
  readonly why?: Message;
  readonly manual: readonly Message[];
}

/** A prepared removal: the check it rests on and the plans derived from it, shown before anything runs. */
export interface PreparedFix {
  readonly app: BannedApp;
  readonly before: Report;
  readonly plans: readonly RemediationPlan[];
}

/** The end of a removal: per-plan verdicts, the fresh check, and the exit code as `check` gives it. */
export interface FixOutcome {
  readonly verdicts: readonly PlanVerdict[];
  readonly after: Report;
  readonly exitCode: 0 | 1 | 2 | 3;
  /** Why some action could not be written to the audit log, when that happened. */
  readonly auditError?: string;
  /** The same, as the warning shown to a person (in words where the log's name holds a link, FIFO or device). */
  readonly auditWarning?: Message;
}

/** The checks a removal looks with: only the banned-app check (default), or the given ones. */
export function recheckChecks(checks?: readonly Check[]): readonly Check[] {
  return checks ?? defaultChecks().filter((c) => c.id === BANNED_APP_CHECK);
}

/**
 * Findings of the banned-app check about one app, planned with that app's entry only, never another's; a
 * finding of the whole check (it crashed or ran out of time) names no app and concerns every one.
 */
function appFindings(report: Report, appId: string): Finding[] {
  return report.findings.filter((f) => f.check === BANNED_APP_CHECK && (f.app === undefined || f.app === appId));
}

/** Checks the machine and derives one plan per finding of `appId`. Changes nothing. */
export async function prepareFix(ctx: CheckContext, appId: string, checks?: readonly Check[]): Promise<PreparedFix> {
  const app = ctx.policy.bannedApps.find((a) => a.id === appId);
  if (!app) throw new Error(`unknown app ${appId}`);
  const before = await runChecks(ctx, { checks: recheckChecks(checks) });
  const plans = await planFindings(ctx.host, app, appFindings(before, app.id));
  return { app, before, plans };
}

/** Options of a run: the write door, progress, time limits, and the plans the person agreed to (default all). */
export interface ExecuteOptions {
  readonly mutable: MutableHost;
  readonly onEvent?: (e: FixEvent) => void;
  readonly stepTimeoutMs?: number;
  readonly close?: CloseOptions;
  readonly checks?: readonly Check[];
  /** Plan ids to run; others are reported as not run. */
  readonly only?: readonly string[];
  /** Whether we are administrator; found out through the host when absent. */
  readonly privileged?: boolean | null;
  /** The clock for audit times; default: ctx.now for every entry. */
  readonly clock?: () => Date;
}

/** Runs the plans, checks again at once, and judges each plan by the fresh check. Writes every action to the audit log. */
export async function executeFix(ctx: CheckContext, prepared: PreparedFix, options: ExecuteOptions): Promise<FixOutcome> {
  const auditFile = ctx.dataDir ? auditLogPath(ctx.host, ctx.dataDir) : undefined;
  const privileged = options.privileged !== undefined ? options.privileged : await isPrivileged(ctx.host);
  const deps = {
    host: ctx.host,
    mutable: options.mutable,
    // Installers may be trashed from the folders the probe looked in, localized ones included.
    allowlist: ctx.host.platform === 'linux' ? allowlistFor(ctx.host, prepared.app, (await linuxInstallerFolders(ctx, prepared.app)).folders) : allowlistFor(ctx.host, prepared.app),
    now: options.clock ?? (() => new Date(ctx.now.getTime())),
    privileged,
    ...(auditFile ? { auditFile } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
    ...(options.close ? { close: options.close } : {}),
  };
  const runs = new Map<string, PlanRun>();
  for (const plan of prepared.plans) {
    if (options.only && !options.only.includes(plan.id)) continue;
    runs.set(plan.id, await runPlan(plan, deps));
  }
  options.onEvent?.({ type: 'recheck-start' });
  const after = await runChecks(ctx, { checks: recheckChecks(options.checks) });
  options.onEvent?.({ type: 'recheck-end' });
  const verdicts = judgeRemoval(prepared.plans, runs, after, prepared.app.id);
  const failed = [...runs.values()].find((r) => r.auditError);
  let auditError = failed?.auditError;
  let auditWarning = failed?.auditWarning;
  if (auditFile) {
    for (const v of verdicts) {
      if (!runs.has(v.planId)) continue;
      const plan = prepared.plans.find((p) => p.id === v.planId)!;
      await appendAudit(options.mutable, auditFile, {
        v: 1,
        time: deps.now().toISOString(),
        type: 'verdict',
        planId: v.planId,
        findingId: v.findingId,
        plan: v.title,
        kind: v.kind,
        outcome: v.verdict,
        ...(v.why ? { message: v.why } : {}),
        evidenceBefore: plan.evidence,
        evidenceAfter: v.remaining,
      }).catch((e: unknown) => {
        auditError ??= e instanceof Error ? e.message : String(e);
        auditWarning ??= auditWriteWarning(e, auditFile);
      });
    }
  }
  return { verdicts, after, exitCode: exitCodeFor(after.findings), ...(auditError ? { auditError, ...(auditWarning ? { auditWarning } : {}) } : {}) };
}

/**
 * Judges each plan by the fresh check: its finding gone (and the check able to look) = removed;
 * still there = still present, with what remains and why; the check unable to look = not proven.
 */
export function judgeRemoval(plans: readonly RemediationPlan[], runs: ReadonlyMap<string, PlanRun>, after: Report, appId: string): PlanVerdict[] {
  const found = appFindings(after, appId);
  const unknowns = found.filter((f) => f.status === 'unknown');
  return plans.map((plan): PlanVerdict => {
    // The probe that would see this install could not look (or the whole check failed): no proof.
    const blind = unknowns.find((u) => u.evidence.length === 0 || u.evidence.some((e) => probeSees(String(e.data?.probe ?? ''), plan.evidence)));
    const looked = !blind && found.some((f) => f.status !== 'unknown');
    const unknown = blind ?? unknowns[0];
    const run = runs.get(plan.id);
    // The same finding, or another one that is part of what the plan was to remove: an install whose identity
    // changed because only some of it went (the package gone but its install folder left; the Uninstall key gone but the program left).
    const still = found.find((f) => (f.status === 'violation' || f.status === 'warning') && (f.id === plan.findingId || overlaps(plan.evidence, f.evidence)));
    const base = { planId: plan.id, findingId: plan.findingId, kind: plan.kind, title: plan.title, ...(run ? { run } : {}) };
    if (still) {
      const why = run?.message ?? plan.why ?? (run ? { key: 'fix:why.stillThere' } : { key: 'fix:why.notRun' });
      return { ...base, verdict: run && run.outcome !== 'manual' ? 'still-present' : 'not-run', remaining: still.evidence, why, manual: plan.manual };
    }
    if (!looked) {
      return { ...base, verdict: 'not-proven', remaining: [], why: unknown?.reason ?? { key: 'fix:why.recheckFailed' }, manual: plan.manual };
    }
    return { ...base, verdict: 'removed', remaining: [], manual: [] };
  });
}

/** A comparable form of a path: Windows paths and registry keys are case-insensitive. */
function pathKey(path: string): string {
  const windows = /^[A-Za-z]:\\|^HK(EY_|LM|CU|U\\)/.test(path);
  const trimmed = trimTrailing(path, '\\/');
  return windows ? trimmed.toLowerCase() : trimmed;
}

/** True when `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`) || inner.startsWith(`${outer}\\`);
}

/** True when something found after the run is (part of) what the plan's evidence pointed at: same package, or a path at or under one of its paths. */
export function overlaps(planned: readonly Evidence[], remaining: readonly Evidence[]): boolean {
  const packages = new Set(planned.filter((e) => e.kind === 'package' && e.data?.manager && e.data?.name).map((e) => `${e.data!.manager}:${e.data!.name}`));
  const paths = planned.filter((e) => e.path && e.kind !== 'process').map((e) => pathKey(e.path!));
  return remaining.some(
    (e) => (e.kind === 'package' && packages.has(`${e.data?.manager}:${e.data?.name}`)) || (e.path !== undefined && e.kind !== 'process' && paths.some((p) => within(pathKey(e.path!), p))),
  );
}

/** Words in probe ids (e.g. `linux.dpkg`, `windows.uninstall.machine`) that see each kind of evidence. */
const PROBE_WORDS: Readonly<Record<Evidence['kind'], readonly string[]>> = {
  package: [],
  registry: ['uninstall', 'registry'],
  file: ['files', 'leftovers', 'install-paths'],
  folder: ['leftovers', 'install-paths', 'tarball'],
  'app-bundle': ['app-bundles'],
  receipt: ['receipts'],
  'launch-agent': ['launchd'],
  process: ['processes'],
  installer: ['installers'],
  'browser-extension': ['extension'],
  port: ['local-server'],
  launcher: ['desktop-entries', 'autostart', 'shortcuts', 'run-values'],
  'url-handler': ['url-handlers'],
  os: [],
  update: [],
  catalog: [],
  probe: [],
};

/** True when the probe `id` is one that would see some of this evidence. */
export function probeSees(id: string, evidence: readonly Evidence[]): boolean {
  if (!id) return true;
  const parts = id.split('.');
  return evidence.some((e) => {
    const words = e.kind === 'package' ? [e.data?.manager ?? ''] : PROBE_WORDS[e.kind];
    return words.some((w) => w !== '' && parts.includes(w));
  });
}
