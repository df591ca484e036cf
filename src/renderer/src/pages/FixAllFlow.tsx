/**
 * The removal of everything a banned app left on this PC as one operation (`fix:plan-app`, `fix:run-app`): one
 * check plans every item, one confirmation, the app closed once, one re-check, a result per item.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, Message } from '../../../shared/finding';
import { ITEM_PROGRESS, RECHECK_PROGRESS, resultHeadlineKey, type AppFixResultView, type CloseResultView, type FixPlanView, type FixProgress, type FixResultView } from '../../../shared/fix';
import type { AtttApi } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';
import { retryHelps } from '../../../shared/retry';
import { CloseAppCard, CloseResultNote } from '../components/CloseAppCard';
import { ErrorNote } from '../components/ErrorNote';
import { BackButton, RecheckButton } from '../components/FlowButtons';
import { Messages } from '../components/Messages';
import { StatusBadge } from '../components/StatusBadge';
import { renderMessage } from '../i18n';
import { scrollToTop } from '../scroll-top';
import { useEscape } from '../use-escape';
import { usePlanned } from '../use-planned';

/** Props of the flow: the banned app (its id), its findings as the last report has them, and the ways out. */
export interface FixAllFlowProps {
  readonly api: AtttApi;
  readonly appId: string;
  readonly findings: readonly Finding[];
  readonly onBack: () => void;
  readonly onReport: (report: Report) => void;
}

const actionable = (p: FixPlanView): boolean => p.steps.length > 0;

/** One item's result in words, by what it did: proven removed (or closed), still there, not confirmed, or left to the person. */
function itemOutcome(plan: FixPlanView, result: FixResultView | undefined): { readonly key: string; readonly message?: Message } {
  if (!actionable(plan)) return { key: 'ui:fix.all.manual', ...(plan.why?.[0] ? { message: plan.why[0] } : {}) };
  if (!result) return { key: 'ui:fix.progress.notRun' };
  return { key: resultHeadlineKey(result), ...(result.resolved ? {} : { message: result.message }) };
}

/** Plan once -> confirm once -> the app's removal with progress per item -> a result per item. */
export function FixAllFlow({ api, appId, findings, onBack, onReport }: FixAllFlowProps) {
  const { t } = useTranslation();
  // One plan for the whole app, from one fresh check in main; planned again after «Thử lại» or «Đóng».
  const { plan, error, setError, replan } = usePlanned(useCallback(() => api.planAppFix(appId), [api, appId]));
  // The findings as the flow opened: the re-check after a removal drops the removed ones from the
  // latest report, and their rows must still be named by product and version, never by finding id.
  const [opened] = useState(findings);
  const [phase, setPhase] = useState<'plan' | 'running' | 'result'>('plan');
  const [items, setItems] = useState<Readonly<Record<string, FixProgress>>>({});
  const [result, setResult] = useState<AppFixResultView | null>(null);
  const [closed, setClosed] = useState<CloseResultView | null>(null);

  useEffect(() => scrollToTop(), [phase]);
  // Escape: back to the list, except while the removals run.
  useEscape(phase !== 'running', onBack);

  // Where each item stands (its latest state replaces the one before), and the re-check.
  useEffect(() => api.onFixProgress((p) => p.appId === appId && (p.stepId === ITEM_PROGRESS || p.stepId === RECHECK_PROGRESS) && setItems((old) => ({ ...old, [p.stepId === ITEM_PROGRESS ? p.findingId! : RECHECK_PROGRESS]: p }))), [api, appId]);

  const again = (): void => {
    setResult(null);
    setItems({});
    setPhase('plan');
    replan();
  };

  const runAll = async (): Promise<void> => {
    if (!plan) return;
    setPhase('running');
    const r = await api.runAppFix(plan.appId, plan.planId);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
    setPhase('result');
  };

  const back = <BackButton onBack={onBack} />;
  const recheckButton = <RecheckButton api={api} onReport={onReport} />;
  const title = (count: number) => (plan ? t('ui:fix.all.titleApp', { app: plan.app, count }) : t('ui:fix.all.title', { count }));
  if (!plan) {
    return (
      <div className="card" data-flow="all">
        <h3>{title(findings.length)}</h3>
        {error ? <ErrorNote message={error} /> : <p>{t('ui:common.loading')}</p>}
        {error && <div className="row">{back}</div>}
      </div>
    );
  }
  const todo = plan.items.filter(actionable);
  const elevated = todo.some((p) => p.steps.some((s) => s.elevated));
  // The lead says what is removed; closing the running app is said apart (it is closed, not removed).
  const removals = todo.filter((p) => p.kind !== 'close').length;
  // The button says both what is closed and how many are removed, as the lead does.
  const closes = todo.length > removals;
  const title0 = (id: string) => findings.find((f) => f.id === id) ?? opened.find((f) => f.id === id);
  const results = new Map((result?.items ?? []).map((r) => [r.findingId, r]));
  // Trying again helps only after a failure said so (a refused prompt, a busy installer), never after a refusal by rule.
  const failures = result ? result.items.filter((r) => !r.resolved).map((r) => r.message) : error ? [error] : [];
  const canRetry = phase === 'result' && failures.some((m) => retryHelps(m));
  const manual = [...new Map(plan.items.filter((p) => !results.get(p.findingId)?.resolved).flatMap((p) => p.manual ?? []).map((m) => [JSON.stringify(m), m])).values()];
  return (
    <>
      {closed && <CloseResultNote result={closed} />}
      {phase === 'plan' && plan.running && (
        <CloseAppCard
          api={api}
          appId={plan.appId}
          app={plan.app}
          onClosed={(c) => {
            setClosed(c);
            again();
          }}
        />
      )}
      <div className="card" data-flow="all">
        <h3>{title(plan.items.length)}</h3>
        {phase === 'plan' && <p>{todo.length === 0 ? t('ui:fix.all.noneActionable') : removals > 0 ? t('ui:fix.all.lead', { count: removals, app: plan.app }) : t('ui:fix.all.leadCloseOnly', { app: plan.app })}</p>}
        <ol className="progress" aria-live="polite">
          {plan.items.map((p) => {
            const finding = title0(p.findingId);
            const r = results.get(p.findingId);
            const outcome = phase === 'result' && !error ? itemOutcome(p, r) : null;
            const live = items[p.findingId]?.state;
            const state = phase === 'plan' ? (actionable(p) ? 'planned' : 'manual') : !actionable(p) ? 'manual' : live === 'running' ? 'running' : live === 'done' ? 'done' : live === 'failed' ? 'failed' : 'pending';
            return (
              <li key={p.findingId} data-item={p.findingId} data-state={outcome ? (r?.resolved ? 'removed' : 'left') : state}>
                {finding && <StatusBadge status={finding.status} />} {finding ? renderMessage(t, finding.title) : plan.app}
                {!outcome && (
                  <div>
                    {state === 'planned' && p.kind === 'close' ? t('ui:fix.all.state.plannedClose', { app: plan.app }) : t(`ui:fix.all.state.${state}`, { count: p.steps.length })}
                    {/* The note below explains the steps marked so: the mark is on the item that has one. */}
                    {state === 'planned' && p.steps.some((s) => s.elevated) && <span className="tag">{t('ui:fix.elevated')}</span>}
                  </div>
                )}
                {!outcome && state === 'manual' && p.why?.[0] && <div className="message">{renderMessage(t, p.why[0])}</div>}
                {outcome && (
                  <div>
                    <strong>{t(outcome.key)}</strong>
                    {outcome.message && <div className="message">{renderMessage(t, outcome.message)}</div>}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        {phase === 'plan' && elevated && (
          <p className="note note-warning" role="note">
            {t('ui:fix.elevatedNote')}
          </p>
        )}
        {phase === 'running' && <p role="status">{items[RECHECK_PROGRESS]?.state === 'running' ? t('ui:fix.recheckStep') : t('ui:fix.running')}</p>}
        {error && <ErrorNote message={error} />}
        {result?.warning && <p className="message">{renderMessage(t, result.warning)}</p>}
        {phase === 'result' && manual.length > 0 && (
          <div>
            <p>{t('ui:fix.manualAfterTitle')}</p>
            <Messages items={manual} />
          </div>
        )}
        <div className="row">
          {phase === 'plan' && todo.length > 0 && (
            <button type="button" className="button primary" onClick={() => void runAll()}>
              {closes ? (removals > 0 ? t('ui:fix.all.confirmCloseAnd', { app: plan.app, count: removals }) : t('ui:fix.all.confirmClose', { app: plan.app })) : t('ui:fix.all.confirm', { count: removals })}
            </button>
          )}
          {canRetry && (
            <button type="button" className="button primary" onClick={again}>
              {t('ui:fix.retry')}
            </button>
          )}
          {phase === 'plan' && todo.length === 0 && recheckButton}
          {phase === 'result' && manual.length > 0 && recheckButton}
          {phase !== 'running' && back}
        </div>
      </div>
    </>
  );
}
