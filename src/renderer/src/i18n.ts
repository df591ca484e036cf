/** i18next for the window: every locale file (all namespaces) bundled, Vietnamese first, English fallback. */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Message } from '../../shared/finding';
import { messageParams } from '../../shared/message-params';
import type { UiLanguage } from '../../shared/settings';

const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', { eager: true, import: 'default' });

/** The bundled resources: language -> namespace -> strings. */
export function localeResources(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, data] of Object.entries(files)) {
    const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    const [, lng, ns] = m as unknown as [string, string, string];
    (out[lng] ??= {})[ns] = data;
  }
  return out;
}

/** Makes an i18next instance for the window in one language. Synchronous: the resources are bundled. */
export function createI18n(language: UiLanguage): i18n {
  const resources = localeResources();
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(resources.vi ?? {}),
    defaultNS: 'ui',
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

/** Renders a core Message (namespace:key + params). */
export function renderMessage(t: (key: string, params?: Record<string, unknown>) => string, m: Message): string {
  return t(m.key, messageParams(m));
}

/** Each count of a summary as words with its plural form («1 violation», «2 violations»; «2 vi phạm»). */
export function renderCounts(t: (key: string, params?: Record<string, unknown>) => string, s: Readonly<Record<'violation' | 'warning' | 'unknown' | 'ok', number>>): Record<string, string> {
  return { violation: t('common:count.violation', { count: s.violation }), warning: t('common:count.warning', { count: s.warning }), unknown: t('common:count.unknown', { count: s.unknown }), ok: t('common:count.ok', { count: s.ok }) };
}
