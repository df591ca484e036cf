/** The ways out of a removal flow (the wizard's and the remove-all one): back to the list, and a new check. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/finding';
import type { AtttApi } from '../../../shared/ipc-contract';
import type { Report } from '../../../shared/report';

/** «Quay lại danh sách». */
export function BackButton({ onBack }: { readonly onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button" onClick={onBack}>
      {t('ui:fix.back')}
    </button>
  );
}

/** Props of the re-check button: its report goes to `onReport`; a failure to `onError`, when given. */
export interface RecheckButtonProps {
  readonly api: AtttApi;
  readonly onReport: (report: Report) => void;
  readonly onError?: (message: Message) => void;
}

/** «Kiểm tra lại»: checks the computer again (after manual steps), disabled while that check runs. */
export function RecheckButton({ api, onReport, onError }: RecheckButtonProps) {
  const { t } = useTranslation();
  const [rechecking, setRechecking] = useState(false);
  const recheck = async (): Promise<void> => {
    setRechecking(true);
    const r = await api.runCheck();
    setRechecking(false);
    if (r.ok) onReport(r.value);
    else onError?.(r.error.message);
  };
  return (
    <button type="button" className="button" onClick={() => void recheck()} disabled={rechecking}>
      {t('ui:fix.recheck')}
    </button>
  );
}
