import type { Message } from '../../../shared/finding';
import { LANGUAGES, resources } from '../../i18n/resources';
import type { BannedApp } from '../../policy/policy-schema';

/** The text of `ns:a.b` in one language, or undefined. */
function textOf(language: (typeof LANGUAGES)[number], key: string): string | undefined {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  let node: unknown = (resources[language] as Record<string, unknown>)[ns];
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * A removal or evidence message that names the app it is about: `app` (its `name`) added to the params when a
 * text of the key says {{app}}, so texts take the app's name from its policy entry. An `app` already given is kept.
 */
export function namingApp(m: Message, app: Pick<BannedApp, 'name'>): Message {
  if (m.params && 'app' in m.params) return m;
  if (!LANGUAGES.some((l) => textOf(l, m.key)?.includes('{{app}}'))) return m;
  return { ...m, params: { ...m.params, app: app.name } };
}
