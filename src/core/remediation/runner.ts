import type { Message } from '../../shared/finding';
import { namingApp } from '../checks/banned-app/app-message';
import { isHostError, type Host, type RunResult } from '../host/host';
import { isRefusedPath, isUnsafeTree, type MutableHost } from '../host/mutable-host';
import { linkSafeRemoveArgv } from '../host/tree-removal';
import { treeRights } from '../host/tree-rights';
import { pathComponents, type Allowlist } from './allowlist';
import { appendAudit, auditWriteWarning, type AuditEntry } from './audit-log';
import { closeApp, type CloseOptions } from './close-app';
import { elevatedArgv, posixQuote, trustedProgram } from './elevation';
import { readExit } from './exit-meaning';
import type { PlanStep, RemediationPlan, RunStep } from './plan';
import { runRemoveChecked, runUnsetHandler } from './checked-steps';
import { notElevatedWhy, programControl } from './program-control';
import { checkTarget, treeRightsMessage } from './safe-path';

/** How one step ended. `missing`: the path was already gone (nothing to do). */
export type StepOutcome = 'ok' | 'missing' | 'failed' | 'timeout' | 'elevation-refused' | 'refused' | 'skipped';

/** How a plan ended: all steps done, or stopped at a step (with that step's outcome), or manual only. */
export type PlanOutcome = 'done' | 'failed' | 'timeout' | 'elevation-refused' | 'refused' | 'manual' | 'declined';

/** Progress of a removal, for the CLI to print and the window/tray to show as "fixing…". */
export type FixEvent =
  | { readonly type: 'plan-start'; readonly planId: string; readonly title: Message }
  | { readonly type: 'step-start'; readonly planId: string; readonly index: number; readonly title: Message; readonly argv?: readonly string[] }
  | { readonly type: 'step-end'; readonly planId: string; readonly index: number; readonly outcome: StepOutcome; readonly message?: Message }
  | { readonly type: 'plan-end'; readonly planId: string; readonly outcome: PlanOutcome }
  | { readonly type: 'recheck-start' }
  | { readonly type: 'recheck-end' };

/** What one step did. */
export interface StepRun {
  readonly index: number;
  readonly outcome: StepOutcome;
  readonly argv?: readonly string[];
  readonly exitCode?: number | null;
  readonly message?: Message;
}

/** What one plan did. */
export interface PlanRun {
  readonly planId: string;
  readonly outcome: PlanOutcome;
  readonly steps: readonly StepRun[];
  /** The message of the step that stopped the plan. */
  readonly message?: Message;
  /** Set when an action could not be written to the audit log (the action itself still ran). */
  readonly auditError?: string;
  /** The same, as the warning shown to a person (auditWriteWarning). */
  readonly auditWarning?: Message;
}

/** What the runner needs: the read door, the write door, the allowlist, a clock, the audit log file. */
export interface RunnerDeps {
  readonly host: Host;
  readonly mutable: MutableHost;
  readonly allowlist: Allowlist;
  readonly now: () => Date;
  /** Audit log file; each step is appended as it ends. */
  readonly auditFile?: string;
  readonly onEvent?: (e: FixEvent) => void;
  /** Time limit per command step; the process tree is killed after it. Default 10 minutes. */
  readonly stepTimeoutMs?: number;
  readonly close?: CloseOptions;
  /** Whether we already run as administrator (null: unknown, so elevate when a step needs it). */
  readonly privileged: boolean | null;
}

/** Default time limit of one uninstall step. */
export const STEP_TIME_LIMIT_MS = 10 * 60_000;

function resultOf(step: RunStep | null, r: RunResult, platform: Host['platform']): Omit<StepRun, 'index'> {
  const tool = r.argv[0] ?? '?';
  const base = { argv: r.argv, exitCode: r.exitCode };
  if (r.error?.code === 'timeout') return { ...base, outcome: 'timeout', message: { key: 'fix:result.timeout', params: { tool } } };
  if (r.error?.code === 'not-found') return { ...base, outcome: 'failed', message: { key: 'common:reason.toolMissing', params: { tool } } };
  if (r.error) return { ...base, outcome: 'failed', message: { key: 'common:reason.runFailed', params: { tool, message: r.error.message } } };
  return { ...base, ...readExit(platform, step, r) };
}

async function runFileStep(step: Extract<PlanStep, { kind: 'trash' | 'remove' }>, deps: RunnerDeps): Promise<Omit<StepRun, 'index'>> {
  const { host, mutable } = deps;
  const verdict = await checkTarget(host, deps.allowlist, step.path, step.kind);
  if (verdict.state === 'missing') return { outcome: 'missing' };
  if (verdict.state === 'refused') return { outcome: 'refused', message: verdict.reason };
  // Windows has no way from here to delete by handles: an elevated delete in the profile, which the
  // person's unelevated programs can write, could be sent elsewhere through a junction (docs/removal.md).
  if (step.kind === 'remove' && host.platform === 'win32' && deps.privileged !== false && inHome(host, step.path)) {
    return { outcome: 'refused', message: { key: 'fix:refused.elevatedProfile', params: { path: step.path } } };
  }
  try {
    if (step.kind === 'trash') await mutable.moveToTrash(step.path);
    else await mutable.remove(step.path);
    return { outcome: 'ok' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (isRefusedPath(e)) return { outcome: 'refused', message: { key: 'fix:refused.confined', params: { path: step.path, message } } };
    if (isUnsafeTree(e)) return { outcome: 'refused', message: await treeRightsMessage(host, e.rights) };
    const denied = isHostError(e) && e.code === 'permission';
    if (!denied || step.elevation !== 'if-needed' || host.platform === 'win32' || deps.privileged === true) {
      return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message } } };
    }
    // Inside the home folder everything is the person's own: asking for more rights would only let a
    // root process act on paths the person (or a program of theirs) can swap under it.
    if (inHome(host, step.path)) return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message } } };
    // The folder needs an administrator (e.g. /Applications, /opt): the same action, elevated.
    const trash = host.path.join(host.homedir, '.Trash');
    if (step.kind === 'trash') {
      // root moves the bundle into ~/.Trash: it must be a real folder there, not a link to elsewhere.
      const st = await host.stat(trash).catch(() => null);
      if (st?.type === 'symlink') return { outcome: 'refused', message: { key: 'fix:refused.symlink', params: { path: trash } } };
      if (st?.type !== 'dir') return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message: `${trash}: not a folder` } } };
    }
    if (step.kind === 'remove') {
      // root will delete: only a tree that no one else can change while it runs (tree-rights.ts).
      const rights = await treeRights(host, step.path);
      if (rights.state !== 'root-only') return { outcome: 'refused', message: await treeRightsMessage(host, rights) };
    }
    const target = host.path.join(trash, `${host.path.basename(step.path)} ${deps.now().getTime()}`);
    // rm by full path on macOS (root's shell PATH is fixed); on Linux runElevated takes it from the system folders.
    const rm = host.platform === 'darwin' ? linkSafeRemoveArgv('darwin', '/bin/rm', step.path) : linkSafeRemoveArgv('linux', 'rm', step.path);
    return runElevated(step.kind === 'trash' ? ['mv', '-n', step.path, target] : rm, null, deps);
  }
}

/** True when `path` lies inside the home folder (component by component, as the allowlist compares). */
function inHome(host: Host, path: string): boolean {
  const home = pathComponents(host, host.homedir);
  const parts = pathComponents(host, path);
  const eq = (a: string, b: string): boolean => (host.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  return !!home && !!parts && parts.length > home.length && home.every((c, i) => eq(c, parts[i]!));
}

/**
 * argv to run with administrator rights, or why not: the program by full path (POSIX: from the system
 * folders only, never PATH) that no standard user can change (program-control.ts).
 */
async function adminArgv(argv: readonly string[], deps: RunnerDeps): Promise<{ readonly argv: readonly string[] } | Omit<StepRun, 'index'>> {
  const { host } = deps;
  const program = host.platform === 'win32' ? argv[0]! : await trustedProgram(host, argv[0]!);
  if (!program) return { outcome: 'failed', argv, message: { key: 'common:reason.toolMissing', params: { tool: argv[0]! } } };
  const control = await programControl(host, program);
  if (control.kind !== 'administrators') return { outcome: 'refused', argv, message: notElevatedWhy(program, control) };
  return { argv: [program, ...argv.slice(1)] };
}

/** Runs argv as administrator, through the platform's elevation prompt. */
async function runElevated(argv: readonly string[], step: RunStep | null, deps: RunnerDeps): Promise<Omit<StepRun, 'index'>> {
  const { host } = deps;
  const admin = await adminArgv(argv, deps);
  if ('outcome' in admin) return admin;
  const r = await host.run(elevatedArgv(host.platform, admin.argv, host.env), { timeoutMs: deps.stepTimeoutMs ?? STEP_TIME_LIMIT_MS });
  return resultOf(step, r, host.platform);
}

async function runStep(step: PlanStep, deps: RunnerDeps): Promise<Omit<StepRun, 'index'>> {
  const { host } = deps;
  if (step.kind === 'close-app') {
    // As root, `kill` too is taken by full path from the system folders and held to the same rule.
    let close = deps.close;
    if (deps.privileged === true && host.platform !== 'win32') {
      const admin = await adminArgv(['kill'], deps);
      if ('outcome' in admin) return admin;
      close = { ...deps.close, killProgram: admin.argv[0]! };
    }
    const r = await closeApp(host, step, close);
    const argv = r.runs.flatMap((x, i) => (i === 0 ? [...x.argv] : [';', ...x.argv]));
    if (r.outcome === 'still-running') return { outcome: 'failed', argv, message: { key: 'fix:result.stillRunning', params: { pids: r.left.join(', ') } } };
    return { outcome: r.outcome === 'gone' ? 'missing' : 'ok', ...(argv.length ? { argv } : {}) };
  }
  if (step.kind === 'run') {
    if (step.elevation === 'admin' && deps.privileged !== true) return runElevated(step.argv, step, deps);
    // Already administrator: every program run has those rights, so each is held to the same rule.
    let argv = step.argv;
    if (deps.privileged === true) {
      const admin = await adminArgv(step.argv, deps);
      if ('outcome' in admin) return admin;
      argv = admin.argv;
    }
    const r = await host.run([...argv], { timeoutMs: deps.stepTimeoutMs ?? STEP_TIME_LIMIT_MS });
    return resultOf(step, r, host.platform);
  }
  if (step.kind === 'remove-checked') return runRemoveChecked(host, deps.mutable, deps.allowlist, step);
  if (step.kind === 'unset-handler') return runUnsetHandler(host, deps.mutable, step);
  return runFileStep(step, deps);
}

/** Runs one plan step by step; stops at the first failed step that is not optional. Never throws. */
export async function runPlan(plan: RemediationPlan, deps: RunnerDeps): Promise<PlanRun> {
  const emit = deps.onEvent ?? (() => undefined);
  emit({ type: 'plan-start', planId: plan.id, title: plan.title });
  if (plan.steps.length === 0) {
    emit({ type: 'plan-end', planId: plan.id, outcome: 'manual' });
    return { planId: plan.id, outcome: 'manual', steps: [], ...(plan.why ? { message: plan.why } : {}) };
  }
  const steps: StepRun[] = [];
  let stop: StepRun | undefined;
  let auditFailure: AuditFailure | undefined;
  for (const [index, step] of plan.steps.entries()) {
    emit({ type: 'step-start', planId: plan.id, index, title: step.title, ...(step.kind === 'run' ? { argv: step.argv } : {}) });
    let result: Omit<StepRun, 'index'>;
    try {
      result = await runStep(step, deps);
    } catch (e) {
      result = { outcome: 'failed', message: { key: 'fix:result.crashed', params: { message: e instanceof Error ? e.message : String(e) } } };
    }
    // What a step says names the app whose allowlist it ran under (its texts say {{app}}).
    const run: StepRun = { index, ...result, ...(result.message ? { message: namingApp(result.message, deps.allowlist.app) } : {}) };
    steps.push(run);
    emit({ type: 'step-end', planId: plan.id, index, outcome: run.outcome, ...(run.message ? { message: run.message } : {}) });
    auditFailure ??= await audit(deps, plan, step, run);
    const failed = !['ok', 'missing'].includes(run.outcome);
    if (failed && !(step.kind === 'run' && step.optional)) {
      stop = run;
      break;
    }
  }
  const outcome: PlanOutcome = stop ? (stop.outcome as PlanOutcome) : 'done';
  emit({ type: 'plan-end', planId: plan.id, outcome });
  return { planId: plan.id, outcome, steps, ...(stop?.message ? { message: stop.message } : {}), ...(auditFailure ? { auditError: auditFailure.error, auditWarning: auditFailure.warning } : {}) };
}

/** Why the audit log did not take an entry: the system's text, and the warning in words. */
interface AuditFailure {
  readonly error: string;
  readonly warning: Message;
}

/** Appends the step to the audit log; returns why it could not, never throws. */
async function audit(deps: RunnerDeps, plan: RemediationPlan, step: PlanStep, run: StepRun): Promise<AuditFailure | undefined> {
  if (!deps.auditFile) return undefined;
  const entry: AuditEntry = {
    v: 1,
    time: deps.now().toISOString(),
    type: 'step',
    planId: plan.id,
    findingId: plan.findingId,
    plan: plan.title,
    step: { kind: step.kind, title: step.title },
    ...(run.argv ? { argv: run.argv } : {}),
    ...('path' in step ? { path: step.path } : {}),
    ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
    outcome: run.outcome,
    ...(run.message ? { message: run.message } : {}),
    evidenceBefore: plan.evidence,
  };
  // The log must not stop a removal half-way; a failure to write it is returned and reported.
  const file = deps.auditFile;
  return appendAudit(deps.mutable, file, entry).then(
    () => undefined,
    (e: unknown) => ({ error: e instanceof Error ? e.message : String(e), warning: auditWriteWarning(e, file) }),
  );
}

/** Shows an argv as one line for people (POSIX quoting; for display only, never run). */
export function displayArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./\\{}-]+$/.test(a) ? a : posixQuote(a))).join(' ');
}
