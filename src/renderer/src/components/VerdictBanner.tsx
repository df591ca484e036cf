/** The one verdict at the top of the window: the tray's colour and words, when the PC was checked, what to do first. */
import { useTranslation } from 'react-i18next';
import { timeAndDate } from '../../../shared/format';
import type { Report } from '../../../shared/report';
import { verdictOf } from '../../../shared/verdict';
import { sortFindings } from '../findings';
import { renderMessage } from '../i18n';

const SYMBOL = { red: '✕', amber: '!', grey: '?', green: '✓' } as const;

/** The verdict banner; `report` null means never checked. */
export function VerdictBanner({ report, loaded }: { readonly report: Report | null; readonly loaded: boolean }) {
  const { t } = useTranslation();
  if (!loaded) return null;
  const verdict = verdictOf(report);
  // The worst finding that asks something of the user (the list below is sorted the same way).
  const worst = report ? sortFindings(report.findings).find((f) => f.status !== 'ok' && f.status !== 'notice') : undefined;
  const first = !report ? t('ui:verdict.firstNeverRan') : !worst ? t('ui:verdict.firstNothing') : renderMessage(t, worst.action ?? { key: 'ui:verdict.firstSeeBelow' });
  const when = report ? timeAndDate(report.generatedAt) : null;
  return (
    <section className={`verdict verdict-${verdict}`} aria-label={t('ui:verdict.label')} data-overall={verdict}>
      <h2 id="verdict-title" className="verdict-title">
        <span aria-hidden="true" className="verdict-symbol">
          {SYMBOL[verdict]}
        </span>{' '}
        {t('ui:verdict.headline', { state: t(`ui:tray.state.${verdict}`) })}
      </h2>
      <p className="verdict-when">{when ? t('ui:verdict.checkedAt', when) : t('ui:tray.neverRan')}</p>
      <p className="verdict-first">
        <strong>{t('ui:verdict.firstLabel')}</strong> {worst && report ? `${renderMessage(t, worst.title)}. ${first}` : first}
      </p>
    </section>
  );
}
