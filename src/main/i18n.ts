/** Translations for main (tray menu, notifications): the core's namespaces plus the window's `ui`. */
import i18next, { type i18n } from 'i18next';
import enUi from '../../locales/en/ui.json';
import viUi from '../../locales/vi/ui.json';
import { resources } from '../core/i18n/resources';
import type { Message } from '../shared/finding';
import { messageParams } from '../shared/message-params';
import type { UiLanguage } from '../shared/settings';

/** Renders keys and messages in one language. */
export interface MainTranslator {
  readonly language: UiLanguage;
  t(key: string, params?: Readonly<Record<string, string | number>>): string;
  message(m: Message): string;
}

/** Makes a translator for main, with English as the fallback and the key itself when both miss. */
export function mainTranslator(language: UiLanguage): MainTranslator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    ns: [...Object.keys(resources.vi), 'ui'],
    defaultNS: 'ui',
    resources: { vi: { ...resources.vi, ui: viUi }, en: { ...resources.en, ui: enUi } } as unknown as Record<string, Record<string, object>>,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  const t = (key: string, params?: Readonly<Record<string, string | number>>): string => String(instance.t(key, { ...(params ?? {}) }));
  return { language, t, message: (m) => t(m.key, messageParams(m)) };
}
