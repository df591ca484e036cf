import { exitCodeFor } from '../../core/engine';
import { RealHost } from '../../core/host/real-host';
import { ConfinedMutableHost, RealMutableHost, type MutableHost } from '../../core/host/mutable-host';
import type { Translator } from '../../core/i18n/translator';
import { prepareAppFix } from '../../core/remediation/app-fix';
import { executeFix, type FixOutcome, type PlanVerdict, type PreparedFix } from '../../core/remediation/fix-flow';
import { needsElevation, type PlanStep, type RemediationPlan } from '../../core/remediation/plan';
import { displayArgv, type FixEvent } from '../../core/remediation/runner';
import type { BannedApp, Policy } from '../../core/policy/policy-schema';
import { UsageError } from '../args';
import type { CliContext, Command } from '../command';
import { escapeControls } from '../io';
import { ASKS_IT_KEYS, contactLine } from '../../shared/agency-contact';
import type { Message } from '../../shared/finding';
import type { Agency } from '../../shared/org-policy';

/** Bumped when the JSON printed by `fix --json` changes incompatibly. */
export const FIX_JSON_VERSION = 2 as const;

const VERDICT_MARK: Record<PlanVerdict['verdict'], string> = { removed: '✔', 'still-present': '✖', 'not-proven': '?', 'not-run': '!' };

/** A message that may carry a technical line of its own, with that line indented under the sentence. */
function indented(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function stepLine(step: PlanStep, t: Translator): string {
  const head = t.message(step.title);
  if (step.kind !== 'run') return head;
  const admin = step.elevation === 'admin' ? ` ${t.t('fix:cli.asAdmin')}` : '';
  return `${head}${admin}\n        $ ${escapeControls(displayArgv(step.argv))}`;
}

/** The banned apps of the policy in words, for a person choosing one: `ID (Name), ID2 (Name 2)`. */
export function appChoices(policy: Policy): string {
  return policy.bannedApps.map((a) => `${a.id} (${a.name})`).join(', ');
}

/** The banned app `fix` was asked to remove; bad usage (exit 64, with the ids in words) when the policy has none of that id. */
export function appToFix(ctx: Pick<CliContext, 'policy' | 'operands'>): BannedApp {
  const id = ctx.operands[0];
  const choices = appChoices(ctx.policy);
  if (id === undefined) throw new UsageError('cli:error.missingApp', { choices });
  const app = ctx.policy.bannedApps.find((a) => a.id === id);
  if (!app) throw new UsageError('cli:error.unknownApp', { app: id, choices });
  return app;
}

/** Renders the plans, numbered, with every command as argv, before anything runs. */
export function renderPlans(plans: readonly RemediationPlan[], t: Translator, app: BannedApp): string {
  if (plans.length === 0) return `${t.t('fix:cli.nothing', { app: app.name })}\n`;
  const lines = [t.t('fix:cli.planHeading', { count: plans.length }), ''];
  plans.forEach((p, i) => {
    lines.push(`${i + 1}. ${t.message(p.title)}`);
    for (const [j, s] of p.steps.entries()) lines.push(`    ${i + 1}.${j + 1} ${stepLine(s, t)}`);
    if (p.steps.length === 0) {
      if (p.why) lines.push(`    ${t.t('fix:cli.why')} ${t.message(p.why)}`);
      lines.push(`    ${t.t('fix:cli.manualHeading')}`);
      for (const m of p.manual) lines.push(`      - ${t.message(m)}`);
    } else if (needsElevation(p)) {
      lines.push(`    ${t.t('fix:cli.elevationNote')}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** Renders the verdicts after the re-check: removed (proven), or what remains, why, and the manual steps. */
export function renderVerdicts(outcome: FixOutcome, t: Translator, app: BannedApp, policy: Pick<Policy, 'number'>): string {
  const lines = ['', t.t('fix:cli.resultHeading')];
  for (const v of outcome.verdicts) {
    // Closing the running app is not removing it: its line says closed (the audit log keeps the engine's verdict).
    lines.push(`${VERDICT_MARK[v.verdict]} ${t.t(`${v.kind === 'close' ? 'fix:verdictClose' : 'fix:verdict'}.${v.verdict}`)}: ${t.message(v.title)}`);
    if (v.why) lines.push(`    ${t.t('fix:cli.why')} ${indented(t.message(v.why), '      ')}`);
    for (const e of v.remaining) lines.push(`    ${t.t('fix:cli.remaining')} ${escapeControls(e.path ?? e.detail)}`);
    if (v.manual.length > 0 && v.verdict !== 'removed') {
      lines.push(`    ${t.t('fix:cli.manualHeading')}`);
      for (const m of v.manual) lines.push(`      - ${t.message(m)}`);
    }
  }
  const unknown = outcome.after.findings.filter((f) => f.status === 'unknown');
  for (const f of unknown) lines.push(`? ${t.message(f.title)}${f.reason ? ` — ${t.message(f.reason)}` : ''}`);
  // Passed to every conclusion; only «all removed» uses them.
  lines.push('', t.t(conclusionKey(outcome), { app: app.name, point: String(app.advisoryPoint), number: policy.number }));
  return `${lines.join('\n')}\n`;
}

/**
 * The conclusion after a removal. Never «đáp ứng» / «meets» (cli:report.verdict.0): the re-check looks at the
 * banned app only. "All removed" only when the re-check found nothing wrong **and** proved every plan removed (a
 * re-check that saw nothing because it could not look proves nothing); else the check's own words for what is left.
 */
export function conclusionKey(outcome: Pick<FixOutcome, 'exitCode' | 'verdicts'>): string {
  if (outcome.exitCode !== 0) return `cli:report.verdict.${outcome.exitCode}`;
  return outcome.verdicts.every((v) => v.verdict === 'removed') ? 'fix:cli.conclusionRemoved' : 'cli:report.verdict.3';
}

function progress(ctx: CliContext): (e: FixEvent) => void {
  const { io, t } = ctx;
  return (e) => {
    if (e.type === 'step-start') io.out(`  → ${t.message(e.title)}\n`);
    else if (e.type === 'step-end') io.out(`    ${t.t(`fix:step.outcome.${e.outcome}`)}${e.message ? `: ${indented(t.message(e.message), '      ')}` : ''}\n`);
    else if (e.type === 'recheck-start') io.out(`${t.t('fix:cli.rechecking')}\n`);
  };
}

/**
 * The write door the CLI uses: the real one, confined to ATTT_SELFCHECK_FIX_ROOTS (a path-delimited
 * list) when that is set, so IT staff and tests can bound what a removal may touch.
 */
export function cliMutableHost(ctx: CliContext): MutableHost {
  const real = new RealMutableHost(ctx.host, ctx.now);
  const roots = ctx.host.env.ATTT_SELFCHECK_FIX_ROOTS;
  if (!roots) return real;
  return new ConfinedMutableHost(real, roots.split(ctx.host.platform === 'win32' ? ';' : ':').filter(Boolean));
}

/** ATTT_SELFCHECK_FIX_STEP_TIMEOUT_MS: a shorter (or longer) limit per removal step, for IT staff and tests. */
export function stepTimeoutFromEnv(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const ms = Number(env.ATTT_SELFCHECK_FIX_STEP_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/** The translator `fix` prints with, noting whether any line it rendered asks the person to contact IT. */
export function noticingAskIt(t: Translator): { readonly t: Translator; readonly asked: () => boolean } {
  let asked = false;
  const message = (m: Message): string => {
    if (ASKS_IT_KEYS.has(m.key)) asked = true;
    return t.message(m);
  };
  const tt = (key: string, params?: Record<string, string | number>): string => message(params ? { key, params } : { key });
  return { t: { language: t.language, message, t: tt }, asked: () => asked };
}

function json(ctx: CliContext, mode: string, prepared: PreparedFix, outcome?: FixOutcome): void {
  const agency = prepared.before.policy.agency;
  const doc = {
    schemaVersion: FIX_JSON_VERSION,
    mode,
    plans: prepared.plans,
    before: { summary: prepared.before.summary, findings: prepared.before.findings },
    // The organisation's IT contact for a fleet tool to show beside a removal that did not finish.
    ...(agency ? { agency } : {}),
    ...(outcome ? { verdicts: outcome.verdicts, after: outcome.after, exitCode: outcome.exitCode } : { exitCode: exitCodeFor(prepared.before.findings) }),
  };
  ctx.io.out(`${JSON.stringify(doc, null, 2)}\n`);
}

/** `attt-selfcheck fix APP-ID [--dry-run] [--yes] [--json]`: show the plan, ask, remove, check again, prove; for any banned app of the policy. */
export const fixCommand: Command = {
  words: ['fix'],
  operands: 1,
  flags: { 'dry-run': 'boolean', yes: 'boolean' },
  async run(ctx) {
    const noticing = noticingAskIt(ctx.t);
    let agency: Agency | undefined;
    const code = await fixRun({ ...ctx, t: noticing.t }, (p) => (agency = p.before.policy.agency));
    // Once, at the end: the agency's contact when a line above asked the person to contact IT, as `check` prints it.
    const contact = !ctx.args.json && noticing.asked() ? contactLine(agency, (m) => ctx.t.message(m)) : null;
    if (contact) ctx.io.out(`${contact}\n`);
    return code;
  },
};

/** The removal itself: plan, ask, run, re-check; `onPrepared` learns the check the plans rest on. */
async function fixRun(ctx: CliContext, onPrepared: (p: PreparedFix) => void): Promise<number> {
  const { io, t, args } = ctx;
  const app = appToFix(ctx);
  // With the policy's provenance, as `check` runs: the reports carry the agency and its contact.
  const checkCtx = { host: ctx.host, policy: ctx.policy, provenance: ctx.policyInForce.provenance, now: ctx.now(), dataDir: ctx.dataDir };
  // The same plan as the window's «Gỡ bỏ toàn bộ»: one check, the app closed once.
  const prepared = await prepareAppFix(checkCtx, app.id);
  onPrepared(prepared);
  const before = exitCodeFor(prepared.before.findings);
  if (!args.json) io.out(renderPlans(prepared.plans, t, app));
  const stop = (mode: string, key?: string): number => {
    if (args.json) json(ctx, mode, prepared);
    else if (key) io.out(`${t.t(key, { app: app.name })}\n`);
    return before;
  };
  const actionable = prepared.plans.filter((p) => p.steps.length > 0);
  if (prepared.plans.length === 0) return stop('nothing');
  if (args.flags['dry-run'] === true) return stop('dry-run', 'fix:cli.dryRun');
  if (actionable.length === 0) return stop('manual-only', 'fix:cli.manualOnly');
  if (!(ctx.host instanceof RealHost)) return stop('recorded', 'fix:cli.recordedHost');
  const yes = args.flags.yes === true;
  if (!yes && !(await io.confirm(t.t('fix:cli.confirm', { count: actionable.length })))) return stop('declined', 'fix:cli.declined');
  const closing = actionable.some((p) => p.steps.some((s) => s.kind === 'close-app'));
  if (closing && !yes && !(await io.confirm(t.t('fix:cli.confirmClose', { app: app.name })))) return stop('declined', 'fix:cli.closeDeclined');
  const stepTimeoutMs = stepTimeoutFromEnv(ctx.host.env);
  const outcome = await executeFix(checkCtx, prepared, {
    mutable: cliMutableHost(ctx),
    clock: ctx.now,
    ...(stepTimeoutMs ? { stepTimeoutMs } : {}),
    ...(args.json ? {} : { onEvent: progress(ctx) }),
  });
  if (args.json) json(ctx, 'run', prepared, outcome);
  else io.out(renderVerdicts(outcome, t, app, ctx.policy));
  if (outcome.auditError) io.err(`${t.message(outcome.auditWarning ?? { key: 'fix:cli.auditFailed', params: { message: outcome.auditError } })}\n`);
  return outcome.exitCode;
}
