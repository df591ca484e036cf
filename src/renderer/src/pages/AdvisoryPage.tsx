/** "Công văn 1981/UBND-VHTT": the four points in plain words, what the app checks, and the documents it rests on. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/finding';
import { formatDay } from '../../../shared/format';
import type { AtttApi, PolicyView } from '../../../shared/ipc-contract';
import { ErrorNote } from '../components/ErrorNote';

/** The advisory page. */
export function AdvisoryPage({ api }: { readonly api: AtttApi }) {
  const { t, i18n } = useTranslation();
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => {
    let live = true;
    void api.getPolicy().then((r) => {
      if (!live) return;
      if (r.ok) setPolicy(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  if (error) return <ErrorNote message={error} />;
  if (!policy) return <p>{t('ui:common.loading')}</p>;
  return (
    <section aria-labelledby="advisory-title">
      <h2 id="advisory-title">{t('ui:advisory.title', { number: policy.number })}</h2>
      <p className="lead">{policy.title[lang]}</p>
      <p>{t('ui:advisory.issued', { issuer: policy.issuer[lang], date: formatDay(policy.date) })}</p>
      <ol className="points">
        {policy.points.map((p) => (
          <li key={p.n} className="card">
            <h3>{t('ui:advisory.point', { n: p.n })}</h3>
            <p>{p.text[lang]}</p>
            <p className="how">
              <strong>{t('ui:advisory.howLabel')}:</strong> {t(`ui:advisory.how${p.n}`)}
            </p>
          </li>
        ))}
      </ol>
      <h3>{t('ui:advisory.basedOn')}</h3>
      <ul className="citations">
        {policy.citations.map((c) => (
          <li key={c.id}>
            <strong>{c.number}</strong> ({formatDay(c.date)}) — {c.issuer[lang]}: {c.title[lang]}
          </li>
        ))}
      </ul>
    </section>
  );
}
