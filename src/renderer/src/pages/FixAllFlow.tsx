/** The removal of every install of the banned app found on this PC in one flow: one confirmation, then a result per item. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, Message } from '../../../shared/finding';
import type { FixPlanView, FixResultView } from '../../../shared/fix';
import type { AtttApi } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';
import { StatusBadge } from '../components/StatusBadge';
import { renderMessage } from '../i18n';
import { scrollToTop } from '../scroll-top';
import { useEscape } from '../use-escape';

/** Props of the flow: the findings it removes (all the banned app's installs), and the ways out. */
export interface FixAllFlowProps {
  readonly api: AtttApi;
  readonly findings: readonly Finding[];
  readonly onBack: () => void;
  readonly onReport: (report: Report) => void;
}

/** Where one item stands: its plan (or why there is none), then its run and result. */
interface Item {
  readonly finding: Finding;
  readonly plan?: FixPlanView;
  readonly error?: Message;
  readonly state: 'waiting' | 'running' | 'done';
  readonly result?: FixResultView;
}

/** One item's result in words: proven removed, still there, not confirmed, or left to the person. */
function itemOutcome(item: Item): { readonly key: string; readonly message?: Message } {
  if (item.error) return { key: 'ui:fix.all.notPlanned', message: item.error };
  if (!item.plan || item.plan.steps.length === 0) return { key: 'ui:fix.all.manual', ...(item.plan?.why?.[0] ? { message: item.plan.why[0] } : {}) };
  if (!item.result) return { key: 'ui:fix.progress.notRun' };
  const key = item.result.resolved ? 'ui:fix.resolved' : item.result.verdict === 'not-proven' ? 'ui:fix.notProven' : 'ui:fix.notResolved';
  return { key, ...(item.result.resolved ? {} : { message: item.result.message }) };
}

/** Plan all -> confirm once -> run one after another -> a result per item. */
export function FixAllFlow({ api, findings, onBack, onReport }: FixAllFlowProps) {
  const { t } = useTranslation();
  const [items, setItems] = useState<readonly Item[] | null>(null);
  const [phase, setPhase] = useState<'plan' | 'running' | 'result'>('plan');
  const [rechecking, setRechecking] = useState(false);

  useEffect(() => scrollToTop(), [phase]);
  // Escape: back to the list, except while the removals run.
  useEscape(phase !== 'running', onBack);

  useEffect(() => {
    let live = true;
    void (async () => {
      const out: Item[] = [];
      // One after another: each plan rests on a fresh check in main.
      for (const finding of findings) {
        const r = await api.planFix(finding.id);
        out.push(r.ok ? { finding, plan: r.value, state: 'waiting' } : { finding, error: r.error.message, state: 'waiting' });
      }
      if (live) setItems(out);
    })();
    return () => {
      live = false;
    };
    // The findings are taken once, when the flow opens: reopening starts afresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const update = (i: number, patch: Partial<Item>): void => setItems((old) => old && old.map((it, j) => (j === i ? { ...it, ...patch } : it)));

  const runAll = async (): Promise<void> => {
    if (!items) return;
    setPhase('running');
    for (const [i, item] of items.entries()) {
      if (!item.plan || item.plan.steps.length === 0) continue;
      update(i, { state: 'running' });
      const r = await api.runFix(item.plan.findingId, item.plan.planId);
      update(i, r.ok ? { state: 'done', result: r.value } : { state: 'done', error: r.error.message });
    }
    setPhase('result');
  };

  const recheck = async (): Promise<void> => {
    setRechecking(true);
    const r = await api.runCheck();
    setRechecking(false);
    if (r.ok) onReport(r.value);
  };

  if (!items) return <p>{t('ui:common.loading')}</p>;
  const actionable = items.filter((it) => it.plan && it.plan.steps.length > 0);
  // The app's name as the policy gives it, when every plan names the same one.
  const names = new Set(items.map((it) => it.plan?.app).filter(Boolean));
  const appName = names.size === 1 ? [...names][0] : undefined;
  const elevated = actionable.some((it) => it.plan!.steps.some((s) => s.elevated));
  const back = (
    <button type="button" className="button" onClick={onBack}>
      {t('ui:fix.back')}
    </button>
  );
  return (
    <div className="card" data-flow="all">
      <h3>{appName ? t('ui:fix.all.titleApp', { app: appName, count: items.length }) : t('ui:fix.all.title', { count: items.length })}</h3>
      {phase === 'plan' && <p>{t(actionable.length > 0 ? 'ui:fix.all.lead' : 'ui:fix.all.noneActionable', { count: actionable.length })}</p>}
      <ol className="progress" aria-live="polite">
        {items.map((it) => {
          const outcome = phase === 'result' ? itemOutcome(it) : null;
          const planned = it.plan && it.plan.steps.length > 0;
          const state = phase === 'plan' ? (planned ? 'planned' : 'manual') : it.state === 'running' ? 'running' : it.state === 'done' ? 'done' : planned ? 'pending' : 'manual';
          return (
            <li key={it.finding.id} data-item={it.finding.id} data-state={outcome ? (it.result?.resolved ? 'removed' : 'left') : state}>
              <StatusBadge status={it.finding.status} /> {renderMessage(t, it.finding.title)}
              {!outcome && <div>{t(`ui:fix.all.state.${state}`, { count: it.plan?.steps.length ?? 0 })}</div>}
              {!outcome && state === 'manual' && it.plan?.why?.[0] && <div className="message">{renderMessage(t, it.plan.why[0])}</div>}
              {!outcome && state === 'manual' && it.error && <div className="message">{renderMessage(t, it.error)}</div>}
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
      {phase === 'running' && <p role="status">{t('ui:fix.running')}</p>}
      <div className="row">
        {phase === 'plan' && actionable.length > 0 && (
          <button type="button" className="button primary" onClick={() => void runAll()}>
            {t('ui:fix.all.confirm', { count: actionable.length })}
          </button>
        )}
        {phase !== 'running' && (
          <button type="button" className="button" onClick={() => void recheck()} disabled={rechecking}>
            {t('ui:fix.recheck')}
          </button>
        )}
        {phase !== 'running' && back}
      </div>
    </div>
  );
}
