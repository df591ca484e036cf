/** A list of messages in words (why, what to do by hand), as the removal flows show them. */
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/finding';
import { renderMessage } from '../i18n';

/** The messages as a numbered list, or nothing when there are none. */
export function Messages({ items }: { readonly items: readonly Message[] | undefined }) {
  const { t } = useTranslation();
  if (!items || items.length === 0) return null;
  return (
    <ol>
      {items.map((m, i) => (
        <li key={i} className="message">
          {renderMessage(t, m)}
        </li>
      ))}
    </ol>
  );
}
