/** The current findings, worst first, with a "check now" button and any problem with the app's own files. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { Message } from '../../../shared/finding';
import type { AtttApi } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';
import { FindingCard } from '../components/FindingCard';
import { OnlineAppsSection } from '../components/OnlineAppsSection';
import { sortFindings } from '../findings';
import { renderCounts, renderMessage } from '../i18n';

/** Props of the findings page. */
export interface FindingsPageProps {
  readonly api: AtttApi;
  readonly report: Report | null;
  readonly loaded: boolean;
  readonly checking: boolean;
  readonly focusId?: string;
  readonly onCheck: () => void;
  readonly onFix: (findingId: string) => void;
}

/** The findings page. */
export function FindingsPage({ api, report, loaded, checking, focusId, onCheck, onFix }: FindingsPageProps) {
  const { t, i18n } = useTranslation();
  const [problems, setProblems] = useState<readonly Message[]>([]);
  useEffect(() => {
    let live = true;
    void api.appProblems().then((r) => {
      if (live && r.ok) setProblems(r.value);
    });
    return () => {
      live = false;
    };
  }, [api, report]);
  const s = report?.summary;
  return (
    <section aria-labelledby="findings-title">
      <div className="page-head">
        <h2 id="findings-title">{t('ui:findings.title')}</h2>
        <button type="button" className="button primary" onClick={onCheck} disabled={checking} aria-busy={checking}>
          {checking ? t('ui:findings.checking') : t('ui:findings.checkNow')}
        </button>
      </div>
      {problems.map((p, i) => (
        <div key={i} className="note note-warning" role="status">
          {renderMessage(t, p)}
        </div>
      ))}
      {!loaded && <p>{t('ui:common.loading')}</p>}
      {loaded && !report && <p className="empty">{t('ui:findings.neverRan')}</p>}
      {report && s && (
        <>
          <p className="summary" role="status">
            {t('ui:findings.summary', { time: formatDateTime(report.generatedAt, i18n.language), ...renderCounts(t, s) })}
          </p>
          <div className="findings">
            {sortFindings(report.findings.filter((f) => f.status !== 'notice')).map((f) => (
              <FindingCard key={f.id} finding={f} policyNumber={report.policy.number} focused={f.id === focusId} onFix={onFix} onSnooze={(id) => api.snoozeFinding(id)} />
            ))}
          </div>
          <OnlineAppsSection findings={report.findings} policyNumber={report.policy.number} />
        </>
      )}
    </section>
  );
}
