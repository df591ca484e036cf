import i18next, { type i18n } from 'i18next';
import type { Message } from '../../shared/finding';
import { messageParams } from '../../shared/message-params';
import { NAMESPACES, resources, type Language } from './resources';

/** Renders messages in one language. */
export interface Translator {
  readonly language: Language;
  /** Renders a Message (namespace:key + params). A missing key shows the key, never an empty string. */
  message(m: Message): string;
  /** Renders a key directly. */
  t(key: string, params?: Record<string, string | number>): string;
}

/** Makes a translator for one language, with English as the fallback. Synchronous: resources are bundled. */
export function createTranslator(language: Language): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources: resources as unknown as Record<string, Record<string, object>>,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  const t = (key: string, params?: Record<string, string | number>): string => String(instance.t(key, params ?? {}));
  return { language, t, message: (m) => t(m.key, messageParams(m)) };
}
