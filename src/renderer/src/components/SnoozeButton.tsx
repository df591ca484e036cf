/** "Nhắc lại sau 1 ngày" on a finding card: holds back the reminders about this finding for a day. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { Message } from '../../../shared/finding';
import type { IpcResult, SnoozeState } from '../../../shared/ipc-contract';
import { ErrorNote } from './ErrorNote';

/** Asks main to snooze one finding (validated there), then says until when. */
export type SnoozeFinding = (findingId: string) => Promise<IpcResult<SnoozeState>>;

/** The button, then the time of the next reminder (or the error from main). */
export function SnoozeButton({ findingId, onSnooze }: { readonly findingId: string; readonly onSnooze: SnoozeFinding }) {
  const { t, i18n } = useTranslation();
  const [until, setUntil] = useState<string | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const snooze = async (): Promise<void> => {
    setBusy(true);
    const r = await onSnooze(findingId);
    setBusy(false);
    if (r.ok) {
      setError(null);
      setUntil(r.value.snoozedUntil);
    } else setError(r.error.message);
  };
  return (
    <>
      {until ? (
        <p role="status">{t('ui:finding.snoozedUntil', { time: formatDateTime(until, i18n.language) })}</p>
      ) : (
        <button type="button" className="button" onClick={() => void snooze()} disabled={busy}>
          {t('ui:finding.snooze')}
        </button>
      )}
      {error && <ErrorNote message={error} onClose={() => setError(null)} />}
    </>
  );
}
