/** «Đóng <ứng dụng>»: closes the running app without removing it, says plainly what is lost, then shows what the re-check found. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/finding';
import type { CloseResultView } from '../../../shared/fix';
import type { AtttApi } from '../../../shared/ipc-contract';
import { renderMessage } from '../i18n';
import { ErrorNote } from './ErrorNote';

/** Props: the app (id and name) and what to do once the re-check has spoken (plan afresh: the pids changed). */
export interface CloseAppCardProps {
  readonly api: AtttApi;
  readonly appId: string;
  readonly app: string;
  readonly onClosed: (result: CloseResultView) => void;
}

/** The card offering to close the app, apart from its removal. */
export function CloseAppCard({ api, appId, app, onClosed }: CloseAppCardProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const close = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await api.closeApp(appId);
    setBusy(false);
    if (r.ok) onClosed(r.value);
    else setError(r.error.message);
  };
  return (
    <div className="card" data-close-app={appId}>
      <h3>{t('ui:fix.close.title', { app })}</h3>
      <p className="note note-warning" role="note">
        {t('ui:fix.close.explain', { app })}
      </p>
      {error && <ErrorNote message={error} />}
      {busy ? (
        <p role="status">{t('ui:fix.close.running', { app })}</p>
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => void close()}>
            {t('ui:fix.close.button', { app })}
          </button>
        </div>
      )}
    </div>
  );
}

/** What closing found, for the top of the flow that plans afresh after it. */
export function CloseResultNote({ result }: { readonly result: CloseResultView }) {
  const { t } = useTranslation();
  return (
    <div className={`note ${result.verdict === 'closed' ? 'note-ok' : 'note-warning'}`} role="status" data-close-verdict={result.verdict}>
      <p>
        <strong>{t(`ui:fix.close.verdict.${result.verdict}`)}</strong>
      </p>
      <p className="message">{renderMessage(t, result.message)}</p>
    </div>
  );
}
