/** Past checks, newest first, each with what changed since the check before it (new, changed status, resolved). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { Message } from '../../../shared/finding';
import type { HistoryEntry } from '../../../shared/history';
import { historyChanges, type FindingChange, type HistoryDiff } from '../../../shared/history-diff';
import type { AtttApi } from '../../../shared/ipc-contract';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { renderCounts, renderMessage } from '../i18n';

/** How many checks the page lists; one more is asked for, so the last one listed has its "before" too. */
const SHOWN = 100;

function ChangeLine({ c }: { readonly c: FindingChange }) {
  const { t } = useTranslation();
  const status = (s: string): string => t(`common:status.${s}`);
  return (
    <li className={`change change-${c.kind}`}>
      <strong>{t(`common:change.${c.kind}`)}:</strong> {renderMessage(t, c.title)}{' '}
      {c.kind === 'new' && c.after && <StatusBadge status={c.after} />}
      {c.kind === 'changed' && c.before && c.after && <span>— {t('common:change.fromTo', { before: status(c.before), after: status(c.after) })}</span>}
      {c.kind === 'resolved' && c.before && <span>— {t('common:change.was', { before: status(c.before) })}</span>}
    </li>
  );
}

function Changes({ diff }: { readonly diff: HistoryDiff | null }) {
  const { t } = useTranslation();
  if (!diff) return <p>{t('common:change.first')}</p>;
  return (
    <>
      {diff.changes.length === 0 ? (
        <p>{t('common:change.none')}</p>
      ) : (
        <ul className="changes">
          {diff.changes.map((c) => (
            <ChangeLine key={`${c.kind}-${c.id}`} c={c} />
          ))}
        </ul>
      )}
      {diff.earlierPartial && <p className="note">{t('common:change.partial')}</p>}
    </>
  );
}

/** The history page. */
export function HistoryPage({ api }: { readonly api: AtttApi }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<readonly HistoryEntry[] | null>(null);
  const [problems, setProblems] = useState<readonly Message[]>([]);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => {
    let live = true;
    void api.listHistory(SHOWN + 1).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value);
      else setError(r.error.message);
    });
    // A history file found corrupt was moved aside: say so here, where its checks are missing.
    void api.appProblems().then((r) => {
      if (live && r.ok) setProblems(r.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (error) return <ErrorNote message={error} />;
  if (!entries) return <p>{t('ui:common.loading')}</p>;
  const diffs = historyChanges(entries);
  const shown = entries.slice(0, SHOWN);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('ui:history.title')}</h2>
      {problems.map((p, i) => (
        <div key={i} className="note note-warning" role="status">
          {renderMessage(t, p)}
        </div>
      ))}
      {shown.length === 0 && <p className="empty">{t('ui:history.empty')}</p>}
      {shown.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th scope="col">{t('ui:history.when')}</th>
              <th scope="col">{t('ui:history.result')}</th>
              <th scope="col">{t('ui:history.found')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={e.at}>
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>{t('ui:history.counts', renderCounts(t, e.summary))}</td>
                <td>
                  <Changes diff={diffs[i] ?? null} />
                  {e.findings.length === 0 ? (
                    <p>{t('ui:history.nothing')}</p>
                  ) : (
                    <details>
                      <summary>{t('ui:history.all', { count: e.findings.length })}</summary>
                      <ul>
                        {e.findings.map((f) => (
                          <li key={f.id}>
                            <StatusBadge status={f.status} /> {renderMessage(t, f.title)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
