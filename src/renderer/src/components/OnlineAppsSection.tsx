/** The online meeting and messaging apps found (notices): each by its product, then the rules of points 3 and 4 for them. */
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../shared/finding';
import { renderMessage } from '../i18n';
import { StatusBadge } from './StatusBadge';

/** The rules of points 3 and 4, in their order (onlineApp:rules.*; the CLI says them in the same order). */
const RULES = ['private', 'authenticate', 'noPublicId', 'unknownFiles', 'noSecrets', 'designated'] as const;

/** The section, or nothing when no online app was found. */
export function OnlineAppsSection({ findings, policyNumber }: { readonly findings: readonly Finding[]; readonly policyNumber: string }) {
  const { t } = useTranslation();
  const notices = findings.filter((f) => f.status === 'notice');
  if (notices.length === 0) return null;
  const apps = [...new Set(notices.map((f) => f.action?.params?.app).filter((a) => a !== undefined))].join(', ');
  return (
    <section className="card online-apps" aria-labelledby="online-apps-title">
      <h3 id="online-apps-title">{t('onlineApp:section.title')}</h3>
      <ul>
        {notices.map((f) => (
          <li key={f.id} id={`finding-${f.id}`}>
            <StatusBadge status={f.status} /> {renderMessage(t, f.title)}
          </li>
        ))}
      </ul>
      <p>{t('onlineApp:section.intro', { apps, number: policyNumber })}</p>
      <ol className="rules">
        {RULES.map((r) => (
          <li key={r}>{t(`onlineApp:rules.${r}`)}</li>
        ))}
      </ol>
    </section>
  );
}
