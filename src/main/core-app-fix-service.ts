/**
 * The window's removal of a whole banned app (`fix:plan-app`, `fix:run-app`) and its «Đóng <ứng dụng>»
 * (`fix:close-app`), on the core's engine as the CLI's `fix` uses it (src/core/remediation/app-fix.ts): one
 * check plans every finding of the app, the app is closed once, one re-check judges every item. The renderer
 * names only the app's id and a token made here; what runs is main's own plan.
 */
import { RealHost } from '../core/host/real-host';
import { closeOnly, judgeClose, prepareAppFix } from '../core/remediation/app-fix';
import { executeFix, type PreparedFix } from '../core/remediation/fix-flow';
import type { FixEvent } from '../core/remediation/runner';
import { ITEM_PROGRESS, RECHECK_PROGRESS, type AppFixPlanView, type FixProgress } from '../shared/fix';
import { fixMutableHost, kindOf, MAX_PLANS, outcomeMessage, PLAN_TTL_MS, planView, progressOf, verdictViews, type CoreFixOptions } from './core-fix-service';
import type { AppFixService, ItemOutcome } from './fix-service';
import { AppError } from './ipc-main';

/** The window's progress line of an engine event in an app's removal: per step and per item, with the app's id. */
export function appProgressOf(appId: string, findingOf: (planId: string) => string | undefined, e: FixEvent): FixProgress | null {
  if (e.type === 'recheck-start' || e.type === 'recheck-end') return { appId, stepId: RECHECK_PROGRESS, ...(e.type === 'recheck-start' ? { state: 'running', message: { key: 'fix:cli.rechecking' } } : { state: 'done' }) };
  const findingId = findingOf(e.planId);
  if (!findingId) return null;
  if (e.type === 'plan-start') return { appId, findingId, stepId: ITEM_PROGRESS, state: 'running' };
  if (e.type === 'plan-end') return { appId, findingId, stepId: ITEM_PROGRESS, state: e.outcome === 'done' ? 'done' : e.outcome === 'manual' ? 'skipped' : 'failed' };
  const p = progressOf(findingId, e);
  return p && { ...p, appId };
}

/** The AppFixService backed by the core's engine; tokens as coreFixService's (once, within PLAN_TTL_MS, at most MAX_PLANS). */
export function coreAppFixService(options: CoreFixOptions): AppFixService {
  const now = options.now ?? (() => new Date());
  const prepared = new Map<string, { readonly prep: PreparedFix; readonly at: number }>();
  let seq = 0;
  const ctx = () => ({ host: options.host, policy: options.policy(), now: now(), dataDir: options.dataDir });
  const appOf = (appId: string) => {
    const app = options.policy().bannedApps.find((a) => a.id === appId);
    if (!app) throw new AppError('invalid-request', { key: 'ui:error.unknownApp', params: { app: appId } });
    return app;
  };
  // A recorded machine (ATTT_SELFCHECK_FIXTURE) is shown, never acted on.
  const mayAct = (): void => {
    if (!options.mutable && !(options.host instanceof RealHost)) throw new AppError('not-available', { key: 'fix:cli.recordedHost' });
  };
  const events = (appId: string, prep: PreparedFix, progress: (p: FixProgress) => void) => {
    const findingOf = (planId: string) => prep.plans.find((p) => p.id === planId)?.findingId;
    return (e: FixEvent): void => {
      const p = appProgressOf(appId, findingOf, e);
      if (p) progress(p);
    };
  };
  return {
    async planApp(appId) {
      const app = appOf(appId);
      const prep = await prepareAppFix(ctx(), app.id);
      const planId = `app:${app.id}@${++seq}`;
      prepared.set(planId, { prep, at: now().getTime() });
      while (prepared.size > MAX_PLANS) prepared.delete(prepared.keys().next().value!);
      // An item per finding, in the order the plans run.
      const findingIds = [...new Set(prep.plans.map((p) => p.findingId))];
      const items = findingIds.map((id) => planView(id, planId, prep.plans.filter((p) => p.findingId === id), app.name));
      const running = prep.plans.some((p) => p.steps.some((s) => s.kind === 'close-app'));
      return { appId: app.id, app: app.name, planId, items, running } satisfies AppFixPlanView;
    },
    async runApp(appId, planId, progress) {
      const app = appOf(appId);
      const entry = prepared.get(planId);
      if (!entry || !planId.startsWith(`app:${app.id}@`)) throw new AppError('invalid-request', { key: 'ui:error.planExpired' });
      const age = now().getTime() - entry.at;
      if (age < 0 || age > PLAN_TTL_MS) {
        prepared.delete(planId);
        throw new AppError('invalid-request', { key: 'ui:error.planExpired' });
      }
      mayAct();
      prepared.delete(planId);
      const outcome = await executeFix(ctx(), entry.prep, { ...options.execute, mutable: fixMutableHost(options, now), clock: now, onEvent: events(app.id, entry.prep, progress) });
      const findingIds = [...new Set(entry.prep.plans.map((p) => p.findingId))];
      const items = findingIds.map((findingId): ItemOutcome => {
        const mine = outcome.verdicts.filter((v) => v.findingId === findingId);
        return { findingId, kind: kindOf(entry.prep.plans.filter((p) => p.findingId === findingId)), ...outcomeMessage(mine), verdicts: verdictViews(mine) };
      });
      return { items, ...(outcome.auditError ? { warning: outcome.auditWarning ?? { key: 'fix:cli.auditFailed', params: { message: outcome.auditError } } } : {}) };
    },
    async closeApp(appId, progress) {
      const app = appOf(appId);
      mayAct();
      // Planned afresh: the pids are the ones running now, each checked again right before its signal.
      const close = closeOnly(await prepareAppFix(ctx(), app.id));
      if (!close) return { verdict: 'closed', message: { key: 'ui:fix.close.notRunning', params: { app: app.name } } };
      const outcome = await executeFix(ctx(), close, { ...options.execute, mutable: fixMutableHost(options, now), clock: now, onEvent: events(app.id, close, progress) });
      const judged = judgeClose(outcome.after, app.id);
      // Why it still runs: the close step's own words (which pids would not end) before the re-check's.
      const stepWhy = outcome.verdicts.map((v) => v.run?.message).find((m) => m !== undefined);
      const message = judged.verdict === 'closed' ? { key: 'ui:fix.close.closed', params: { app: app.name } } : judged.verdict === 'still-running' && stepWhy ? stepWhy : (judged.why ?? { key: 'fix:why.recheckFailed' });
      return { verdict: judged.verdict, message };
    },
  };
}
