/** Tiếng Việt / English switch in the header. */
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/settings';

/** Two buttons, the current language pressed. */
export function LanguageSwitch({ language, onChange }: { readonly language: UiLanguage; readonly onChange: (l: UiLanguage) => void }) {
  const { t } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('ui:settings.language')}>
      {UI_LANGUAGES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={language === l} onClick={() => onChange(l)}>
          {t(`ui:language.${l}`)}
        </button>
      ))}
    </div>
  );
}
