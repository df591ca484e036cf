/** Past checks, newest first. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { Message } from '../../../shared/finding';
import type { HistoryEntry } from '../../../shared/history';
import type { AtttApi } from '../../../shared/ipc-contract';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { renderCounts, renderMessage } from '../i18n';

/** The history page. */
export function HistoryPage({ api }: { readonly api: AtttApi }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<readonly HistoryEntry[] | null>(null);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => {
    let live = true;
    void api.listHistory(100).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (error) return <ErrorNote message={error} />;
  if (!entries) return <p>{t('ui:common.loading')}</p>;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('ui:history.title')}</h2>
      {entries.length === 0 && <p className="empty">{t('ui:history.empty')}</p>}
      {entries.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th scope="col">{t('ui:history.when')}</th>
              <th scope="col">{t('ui:history.result')}</th>
              <th scope="col">{t('ui:history.found')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.at}>
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>{t('ui:history.counts', renderCounts(t, e.summary))}</td>
                <td>
                  {e.findings.length === 0 ? (
                    t('ui:history.nothing')
                  ) : (
                    <ul>
                      {e.findings.map((f) => (
                        <li key={f.id}>
                          <StatusBadge status={f.status} /> {renderMessage(t, f.title)}
                        </li>
                      ))}
                    </ul>
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
