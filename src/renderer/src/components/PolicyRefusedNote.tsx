/** The organisation's policy was refused: what happened in plain words, the details (where, which key) on their own lines. */
import { useTranslation } from 'react-i18next';
import type { OrgPolicyView } from '../../../shared/org-policy';
import { renderMessage } from '../i18n';

/** A warning under the verdict while the built-in policy stands in for a refused organisation policy; nothing otherwise. */
export function PolicyRefusedNote({ organisation, number }: { readonly organisation: OrgPolicyView | undefined; readonly number: string }) {
  const { t } = useTranslation();
  const refusals = organisation?.refusals ?? [];
  if (refusals.length === 0) return null;
  return (
    <section className="note note-warning policy-refused" role="alert" aria-labelledby="policy-refused-title">
      <div>
        <h2 id="policy-refused-title" className="note-title">
          {t('policy:refusedTitle')}
        </h2>
        {refusals.map((r, i) => {
          // The sentence first; the technical lines (file, key id, the parser's words) under it, smaller.
          const [sentence, ...details] = renderMessage(t, r.reason).split('\n');
          return (
            <div key={i}>
              <p>{sentence}</p>
              {details.map((d, j) => (
                <p key={j} className="detail">
                  {d}
                </p>
              ))}
            </div>
          );
        })}
        <p>{t('policy:refusedAction', { number })}</p>
      </div>
    </section>
  );
}
