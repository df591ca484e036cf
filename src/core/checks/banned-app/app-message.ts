import type { Message } from '../../../shared/finding';
import type { BannedApp } from '../../policy/policy-schema';

/** A removal message that names the app it is about: its texts say {{app}}; an `app` already given is kept. */
export function namingApp(m: Message, app: Pick<BannedApp, 'name'>): Message {
  return m.params && 'app' in m.params ? m : { ...m, params: { ...m.params, app: app.name } };
}
