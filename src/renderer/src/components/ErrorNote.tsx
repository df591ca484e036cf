/** An error from main, shown in plain words with a way to dismiss it. */
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/finding';
import { renderMessage } from '../i18n';

/** A dismissable error banner. */
export function ErrorNote({ message, onClose }: { readonly message: Message; readonly onClose?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="note note-error" role="alert">
      <span>{renderMessage(t, message)}</span>
      {onClose && (
        <button type="button" className="link-button" onClick={onClose}>
          {t('ui:action.dismiss')}
        </button>
      )}
    </div>
  );
}
