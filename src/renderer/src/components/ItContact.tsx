/** «Liên hệ cán bộ công nghệ thông tin»: the agency's own IT contact, from its policy, on every page. */
import { useTranslation } from 'react-i18next';
import { contactParts } from '../../../shared/agency-contact';
import type { Agency } from '../../../shared/org-policy';
import { renderMessage } from '../i18n';

/** The agency and how to reach its IT staff; nothing when the organisation gave no contact. */
export function ItContact({ agency }: { readonly agency: Agency | undefined }) {
  const { t } = useTranslation();
  const parts = contactParts(agency);
  if (parts.length === 0) return null;
  return (
    <aside className="it-contact" aria-labelledby="it-contact-title">
      <h2 id="it-contact-title">{t('policy:contact.title')}</h2>
      {agency?.name && <p className="it-contact-agency">{agency.name}</p>}
      <ul>
        {parts.map((m) => (
          <li key={m.key}>{renderMessage(t, m)}</li>
        ))}
      </ul>
    </aside>
  );
}
