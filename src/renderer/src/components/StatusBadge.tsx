/** A finding's status as a badge: colour AND a symbol AND a word, so it reads without colour. */
import { useTranslation } from 'react-i18next';
import type { FindingStatus } from '../../../shared/finding';

const SYMBOL: Record<FindingStatus, string> = { violation: '✕', warning: '!', unknown: '?', notice: 'i', ok: '✓' };

/** The status badge. */
export function StatusBadge({ status }: { readonly status: FindingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]}</span> {t(`common:status.${status}`)}
    </span>
  );
}
