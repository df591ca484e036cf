/** The removal wizard: choose a finding -> see the plan -> confirm -> progress -> re-check result. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding, Message } from '../../../shared/finding';
import { appRemovalItems, resultHeadlineKey, type CloseResultView, type FixProgress, type FixResultView } from '../../../shared/fix';
import type { AtttApi } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';
import { ErrorNote } from '../components/ErrorNote';
import { BackButton, RecheckButton } from '../components/FlowButtons';
import { Messages } from '../components/Messages';
import { StatusBadge } from '../components/StatusBadge';
import { canFix, sortFindings } from '../findings';
import { FixAllFlow } from './FixAllFlow';
import { CloseAppCard, CloseResultNote } from '../components/CloseAppCard';
import { retryHelps } from '../../../shared/retry';
import { renderMessage } from '../i18n';
import { scrollToTop } from '../scroll-top';
import { useEscape } from '../use-escape';
import { usePlanned } from '../use-planned';

/** Props of the wizard. */
export interface FixWizardProps {
  readonly api: AtttApi;
  readonly report: Report | null;
  readonly findingId?: string;
  readonly onChoose: (findingId: string | undefined) => void;
  readonly onReport: (report: Report) => void;
}

type Step = 'choose' | 'plan' | 'running' | 'result';

/** The id of the re-check row in the progress list (as main sends it). */
const RECHECK = 'recheck';

/** The wizard page: the choice of a finding, then the flow for it (keyed, so each finding starts fresh). */
export function FixWizard({ api, report, findingId, onChoose, onReport }: FixWizardProps) {
  const { t } = useTranslation();
  const fixable = sortFindings(report?.findings ?? []).filter(canFix);
  // Each banned app's installs, all of them in one flow, by the app's id (the banned-app check finds only the policy's banned apps).
  const byApp = new Map<string, Finding[]>();
  for (const f of fixable) if (f.check === 'banned-app' && f.app) byApp.set(f.app, [...(byApp.get(f.app) ?? []), f]);
  // The flow plans every finding of the app (its running program too, closed as an item of its own): all of them name its rows, and its button counts them.
  const ofApp = (app: string): Finding[] => sortFindings(appRemovalItems(report?.findings ?? [], app));
  const [all, setAll] = useState<string | null>(null);
  return (
    <section aria-labelledby="fix-title">
      <h2 id="fix-title">{t('ui:fix.title')}</h2>
      {!findingId && all && <FixAllFlow key={all} api={api} appId={all} findings={ofApp(all)} onBack={() => setAll(null)} onReport={onReport} />}
      {!findingId && !all && (
        <>
          <Steps step="choose" />
          {[...byApp]
            .filter(([, found]) => found.length > 1)
            .map(([app]) => (
              <p key={app}>
                <button type="button" className="button primary" data-app={app} onClick={() => setAll(app)}>
                  {t('ui:fix.all.open', { count: ofApp(app).length })}
                </button>
              </p>
            ))}
          {fixable.length === 0 && <p className="empty">{t('ui:fix.nothing')}</p>}
          <ul className="choose">
            {fixable.map((f) => (
              <li key={f.id}>
                <StatusBadge status={f.status} /> {renderMessage(t, f.title)}{' '}
                <button type="button" className="button" onClick={() => onChoose(f.id)}>
                  {t('ui:fix.choose')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {findingId && <FixFlow key={findingId} api={api} report={report} findingId={findingId} onChoose={onChoose} onReport={onReport} />}
    </section>
  );
}

function Steps({ step }: { readonly step: Step }) {
  const { t } = useTranslation();
  return (
    <ol className="steps" aria-label={t('ui:fix.stepsLabel')}>
      {(['choose', 'plan', 'running', 'result'] as const).map((s) => (
        <li key={s} aria-current={s === step ? 'step' : undefined}>
          {t(`ui:fix.step.${s}`)}
        </li>
      ))}
    </ol>
  );
}

/** Plan -> confirm -> progress -> result for one finding. */
function FixFlow({ api, report, findingId, onChoose, onReport }: FixWizardProps & { readonly findingId: string }) {
  const { t } = useTranslation();
  const { plan, error, setError, replan } = usePlanned(useCallback(() => api.planFix(findingId), [api, findingId]));
  const [progress, setProgress] = useState<Readonly<Record<string, FixProgress>>>({});
  const [result, setResult] = useState<FixResultView | null>(null);
  const [running, setRunning] = useState(false);
  // Why the run itself could not happen (main refused it): a result, not the plan again with its button.
  const [runError, setRunError] = useState<Message | null>(null);
  const [closed, setClosed] = useState<CloseResultView | null>(null);
  const finding = report?.findings.find((f) => f.id === findingId);
  const step: Step = result || runError ? 'result' : running ? 'running' : 'plan';

  // Every step of the flow opens at its top (the plan may be long; the result is read from its headline).
  useEffect(() => scrollToTop(), [step]);
  // Escape: back to the list from the plan (as «Hủy») and from the result (as «Quay lại danh sách»).
  useEscape(step !== 'running', () => onChoose(undefined));

  // «Thử lại» and «Đóng» plan afresh: a plan token runs once, and pids and installs may have changed.
  const again = (): void => {
    setRunError(null);
    setResult(null);
    setProgress({});
    replan();
  };

  // The latest state of each step replaces the one before: a finished step says «Xong», not «Đang làm» forever.
  useEffect(() => api.onFixProgress((p) => p.findingId === findingId && !p.appId && setProgress((old) => ({ ...old, [p.stepId]: p }))), [api, findingId]);

  const run = async (): Promise<void> => {
    if (!plan) return;
    setRunning(true);
    const r = await api.runFix(plan.findingId, plan.planId);
    setRunning(false);
    if (r.ok) setResult(r.value);
    else setRunError(r.error.message);
  };

  const back = <BackButton onBack={() => onChoose(undefined)} />;
  const recheckButton = <RecheckButton api={api} onReport={onReport} onError={setError} />;
  const manualOnly = plan !== null && plan.steps.length === 0;
  const elevated = plan?.steps.some((s) => s.elevated) ?? false;
  // «Đóng <ứng dụng>», apart from the removal, when the plan would close the running app.
  const closable = step === 'plan' && plan !== null && !!plan.app && !!finding?.app && plan.steps.some((s) => s.closesApp);
  // After a result: «Thử lại» only when the failure says trying again can help; the manual steps when not resolved.
  const failure = runError ?? (result && !result.resolved ? result.message : null);
  const canRetry = step === 'result' && retryHelps(failure);
  const showManual = step === 'result' && !result?.resolved && !!plan?.manual && plan.manual.length > 0;
  const retryButton = canRetry && (
    <button type="button" className="button primary" onClick={again}>
      {t('ui:fix.retry')}
    </button>
  );

  return (
    <>
      <Steps step={step} />
      {finding && (
        <p className="lead">
          <StatusBadge status={finding.status} /> {renderMessage(t, finding.title)}
        </p>
      )}
      {closed && <CloseResultNote result={closed} />}
      {error && <ErrorNote message={error} />}
      {closable && (
        <CloseAppCard
          api={api}
          appId={finding!.app!}
          app={plan!.app!}
          onClosed={(c) => {
            setClosed(c);
            again();
          }}
        />
      )}
      {step === 'plan' && error && (
        <div className="row">
          <p>{t('ui:fix.manualHint')}</p>
          {recheckButton}
          {back}
        </div>
      )}
      {step === 'plan' && !plan && !error && <p>{t('ui:common.loading')}</p>}
      {step === 'plan' && plan && manualOnly && (
        <div className="card" data-plan="manual">
          <h3>{t('ui:fix.manualOnlyTitle')}</h3>
          {plan.why && plan.why.length > 0 && (
            <>
              <h4>{t('ui:fix.whyTitle')}</h4>
              <Messages items={plan.why} />
            </>
          )}
          <p>{t('ui:fix.manualOnlyLead')}</p>
          <h4>{t('ui:fix.manualTitle')}</h4>
          <Messages items={plan.manual && plan.manual.length > 0 ? plan.manual : [{ key: 'fix:manual.askIt' }]} />
          <div className="row">
            {recheckButton}
            {back}
          </div>
        </div>
      )}
      {step === 'plan' && plan && !manualOnly && (
        <div className="card" data-plan="run">
          <h3>{t('ui:fix.planTitle')}</h3>
          <ol>
            {plan.steps.map((s) => (
              <li key={s.id}>
                {renderMessage(t, s.title)}
                {s.elevated && <span className="tag">{t('ui:fix.elevated')}</span>}
                {s.argv && (
                  <div>
                    <code>{s.argv.join(' ')}</code>
                  </div>
                )}
              </li>
            ))}
          </ol>
          {elevated && (
            <p className="note note-warning" role="note">
              {t('ui:fix.elevatedNote')}
            </p>
          )}
          {plan.why && plan.why.length > 0 && (
            <>
              <h4>{t('ui:fix.partlyManualTitle')}</h4>
              <Messages items={plan.why} />
            </>
          )}
          {plan.manual && plan.manual.length > 0 && (
            <details>
              <summary>{t('ui:fix.manualFallbackTitle')}</summary>
              <Messages items={plan.manual} />
            </details>
          )}
          <div className="row">
            <button type="button" className="button primary" onClick={() => void run()}>
              {t('ui:fix.confirm')}
            </button>
            <button type="button" className="button" onClick={() => onChoose(undefined)}>
              {t('ui:action.cancel')}
            </button>
          </div>
        </div>
      )}
      {(step === 'running' || step === 'result') && plan && (
        <>
          <h3>{t('ui:fix.progressTitle')}</h3>
          <ol className="progress" aria-live="polite">
            {[...plan.steps.map((s) => ({ id: s.id, title: s.title })), { id: RECHECK, title: { key: 'ui:fix.recheckStep' } }].map((s) => {
              const p = progress[s.id];
              const state = p?.state ?? (step === 'result' ? 'notRun' : 'pending');
              return (
                <li key={s.id} data-state={state}>
                  <strong>{t(`ui:fix.progress.${state}`)}</strong> — {renderMessage(t, s.title)}
                  {/* What the step's progress says besides its title (a running step's message is its title: not twice). */}
                  {p?.message && s.id !== RECHECK && renderMessage(t, p.message) !== renderMessage(t, s.title) && <div className="message">{renderMessage(t, p.message)}</div>}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {step === 'running' && <p role="status">{t('ui:fix.running')}</p>}
      {step === 'result' && runError && (
        <ResultNote verdict="not-run" resolved={false} headline={t('ui:fix.notRun')} message={runError} manual={showManual ? plan!.manual : undefined}>
          {retryButton}
          {showManual && recheckButton}
          {back}
        </ResultNote>
      )}
      {step === 'result' && result && (
        <ResultNote verdict={result.verdict} resolved={result.resolved} headline={t(resultHeadlineKey(result))} reason={result.verdict === 'not-proven'} message={result.message} warning={result.warning} manual={showManual ? plan!.manual : undefined}>
          {retryButton}
          {showManual && recheckButton}
          {back}
        </ResultNote>
      )}
    </>
  );
}

/** Props of a result note: the verdict, its headline and message, and what is left to do by hand. */
interface ResultNoteProps {
  readonly verdict: string;
  readonly resolved: boolean;
  readonly headline: string;
  /** The message is the reason the re-check could not confirm (said so before it). */
  readonly reason?: boolean;
  readonly message: Message;
  readonly warning?: Message | undefined;
  /** The manual steps, when the finding is still there and the plan has them. */
  readonly manual?: readonly Message[] | undefined;
  /** The ways on: retry, re-check, back. */
  readonly children: ReactNode;
}

/** The result of a run, or why it could not run: green only when resolved (its headline alone), else the reason, the manual steps and the ways on. */
function ResultNote({ verdict, resolved, headline, reason, message, warning, manual, children }: ResultNoteProps) {
  const { t } = useTranslation();
  return (
    <div className={`note ${resolved ? 'note-ok' : 'note-warning'}`} role="status" data-verdict={verdict}>
      <p>{headline}</p>
      {/* A proven removal's headline says it all; the message is the reason when it is not one. */}
      {!resolved && (
        <p className="message">
          {reason && <strong>{t('ui:finding.reason')}: </strong>}
          {renderMessage(t, message)}
        </p>
      )}
      {warning && <p className="message">{renderMessage(t, warning)}</p>}
      {manual && (
        <div>
          <p>{t('ui:fix.manualAfterTitle')}</p>
          <Messages items={manual} />
        </div>
      )}
      <div className="row">{children}</div>
    </div>
  );
}
