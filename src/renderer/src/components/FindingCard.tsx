/** One finding: what, status, the advisory point it concerns, why, evidence, and what to do. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/finding';
import { canFix } from '../findings';
import { renderMessage } from '../i18n';
import { SnoozeButton, type SnoozeFinding } from './SnoozeButton';
import { StatusBadge } from './StatusBadge';

/** Props of a finding card. */
export interface FindingCardProps {
  readonly finding: Finding;
  readonly policyNumber: string;
  readonly focused?: boolean;
  readonly onFix?: (findingId: string) => void;
  /** "Nhắc lại sau": offered on findings that are notified (violations and warnings). */
  readonly onSnooze?: SnoozeFinding;
}

/** A finding as a card; the focused one (from a notification click) is scrolled to and outlined. */
export function FindingCard({ finding: f, policyNumber, focused, onFix, onSnooze }: FindingCardProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused && ref.current) {
      ref.current.scrollIntoView?.({ block: 'start' });
      ref.current.focus();
    }
  }, [focused]);
  return (
    <article ref={ref} tabIndex={-1} className={`card finding finding-${f.status}${focused ? ' focused' : ''}`} aria-labelledby={`title-${f.id}`} data-finding-id={f.id}>
      <header className="finding-head">
        <StatusBadge status={f.status} />
        <h3 id={`title-${f.id}`}>{renderMessage(t, f.title)}</h3>
      </header>
      <p className="cite">{t('common:advisoryPoint', { n: f.advisoryPoint, number: policyNumber })}</p>
      {f.detail && <p>{renderMessage(t, f.detail)}</p>}
      {f.reason && (
        <p>
          <strong>{t('ui:finding.reason')}:</strong> {renderMessage(t, f.reason)}
        </p>
      )}
      {f.evidence.length > 0 && f.status !== 'ok' && (
        <details open={f.status === 'violation'}>
          <summary>{t('ui:finding.evidence', { count: f.evidence.length })}</summary>
          <ul className="evidence">
            {f.evidence.map((e, i) => {
              // The sentence about the fact where the probe gave one (it names the path and version itself), else
              // the kind in words with the machine's own text beside it as code: never English prose in Vietnamese.
              // A path or version not said yet goes on a line of its own.
              const said = e.label ? renderMessage(t, e.label) : null;
              return (
                <li key={i}>
                  {said !== null ? (
                    <span className="message">{said}</span>
                  ) : (
                    <>
                      <span className="label">{t(`common:evidenceKind.${e.kind}`)}:</span> <code>{e.detail}</code>
                    </>
                  )}
                  {e.path && !(said ?? e.detail).includes(e.path) && (
                    <div>
                      <span className="label">{t('ui:finding.path')}:</span> <code>{e.path}</code>
                    </div>
                  )}
                  {e.version && said === null && (
                    <div>
                      <span className="label">{t('ui:finding.version')}:</span> <code>{e.version}</code>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {f.action && (
        <p className="action">
          <strong>{t('ui:finding.action')}:</strong> {renderMessage(t, f.action)}
        </p>
      )}
      {onFix && canFix(f) && (
        <button type="button" className="button primary" onClick={() => onFix(f.id)}>
          {t('ui:finding.fix')}
        </button>
      )}
      {onSnooze && (f.status === 'violation' || f.status === 'warning') && <SnoozeButton findingId={f.id} onSnooze={onSnooze} />}
    </article>
  );
}
