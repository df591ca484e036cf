/**
 * "Công văn 1981/UBND-VHTT": the risks the document names, its four points each with what the last check
 * found for it (from the findings' `advisoryPoint`; a point no check concerns says so), and the documents it
 * rests on.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { concernsPoint, type Message } from '../../../shared/finding';
import { formatDateTime, formatDay } from '../../../shared/format';
import type { AtttApi, PolicyView } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { sortFindings } from '../findings';
import { renderMessage } from '../i18n';

/** Props of the advisory page. */
export interface AdvisoryPageProps {
  readonly api: AtttApi;
  /** The last check's report (null: none yet), whose findings are shown under the point they concern. */
  readonly report: Report | null;
  /** Opens the findings page at this finding. */
  readonly onOpenFinding: (findingId: string) => void;
}

/** What the last check found for one point: its findings, or why there is nothing to show. */
function PointFindings({ point, report, onOpenFinding }: { readonly point: PolicyView['points'][number]; readonly report: Report | null; readonly onOpenFinding: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  if (point.checks.length === 0) return <p>{t('ui:advisory.found.notChecked')}</p>;
  if (!report) return <p>{t('ui:advisory.found.neverRan')}</p>;
  const time = formatDateTime(report.generatedAt, i18n.language);
  // A report that lists the checks it ran says whether this point was looked at; an older one is judged by its findings.
  if (report.checks && !report.checks.some((c) => point.checks.includes(c))) return <p>{t('ui:advisory.found.notRun', { time })}</p>;
  const findings = sortFindings(report.findings.filter((f) => concernsPoint(f, point.n)));
  if (findings.length === 0) return <p>{t('ui:advisory.found.none', { time })}</p>;
  return (
    <>
      <p>{t('ui:advisory.found.at', { time })}</p>
      <ul className="point-findings">
        {findings.map((f) => (
          <li key={f.id}>
            <StatusBadge status={f.status} />{' '}
            <a
              href={`#finding-${f.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpenFinding(f.id);
              }}
            >
              {renderMessage(t, f.title)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The advisory page. */
export function AdvisoryPage({ api, report, onOpenFinding }: AdvisoryPageProps) {
  const { t, i18n } = useTranslation();
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => {
    let live = true;
    void api.getPolicy().then((r) => {
      if (!live) return;
      if (r.ok) setPolicy(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (error) return <ErrorNote message={error} />;
  if (!policy) return <p>{t('ui:common.loading')}</p>;
  const issued = { number: policy.number, issuer: policy.issuer[lang], date: formatDay(policy.date) };
  return (
    <section aria-labelledby="advisory-title">
      <h2 id="advisory-title">{t('ui:advisory.title', { number: policy.number })}</h2>
      <p className="lead">{policy.title[lang]}</p>
      <p>{t('ui:advisory.issued', issued)}</p>
      {policy.organisation?.advisoryNote && (
        <section aria-labelledby="advisory-org-note" className="card org-note">
          <h3 id="advisory-org-note">{t('policy:window.advisoryNoteTitle', { agency: policy.organisation.agency?.name ?? t('policy:contact.ourAgency') })}</h3>
          {policy.organisation.advisoryNote[lang].split('\n').map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </section>
      )}
      {policy.risks.length > 0 && (
        <section aria-labelledby="advisory-risks" className="card risks">
          <h3 id="advisory-risks">{t('ui:advisory.risksTitle')}</h3>
          <p>{t('ui:advisory.risksIntro', issued)}</p>
          <ol>
            {policy.risks.map((r) => (
              <li key={r.id}>{r.text[lang]}</li>
            ))}
          </ol>
          <p className="cite">{t('ui:advisory.risksSource', issued)}</p>
        </section>
      )}
      <ol className="points">
        {policy.points.map((p) => (
          <li key={p.n} className="card" aria-labelledby={`advisory-point-${p.n}`}>
            <h3 id={`advisory-point-${p.n}`}>{t('ui:advisory.point', { n: p.n })}</h3>
            <p>{p.text[lang]}</p>
            <p className="how">
              <strong>{t('ui:advisory.howLabel')}:</strong> {t(`ui:advisory.how${p.n}`)}
            </p>
            <h4>{t('ui:advisory.foundLabel')}</h4>
            <PointFindings point={p} report={report} onOpenFinding={onOpenFinding} />
          </li>
        ))}
      </ol>
      <h3>{t('ui:advisory.basedOn')}</h3>
      <ul className="citations">
        {policy.citations.map((c) => (
          <li key={c.id}>{t('ui:advisory.citation', { title: c.title[lang], issuer: c.issuer[lang] })}</li>
        ))}
      </ul>
    </section>
  );
}
