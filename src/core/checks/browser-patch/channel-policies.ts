/**
 * An install whose version and files do not say its channel, but a machine policy does: Chrome pinned by Google
 * Update's «Target Channel override» (`TargetChannel{Chrome's app id}` = `extended` under HKLM\SOFTWARE\Policies\
 * Google\Update) is Chrome Extended Stable, patched on a line of its own. The policy names the value
 * (`channelPolicies`); an install without it stays on its entry, and says whether the value was absent or could
 * not be read, so that its finding can explain why it was judged against the stable line.
 */
import type { Message } from '../../../shared/finding';
import type { Host } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import { findKey, queryKey } from '../../windows/reg-query';
import { msg } from '../check';
import type { BrowserSighting } from './browser-sighting';

/** What one policy key gave: its values by lower-case name, or why it could not be read. */
type KeyRead = { readonly ok: true; readonly values: ReadonlyMap<string, string> } | { readonly ok: false; readonly reason: Message };

/** Reads each policy key once per check (several installs of one browser share it). */
export function policyKeyReader(host: Host): (key: string) => Promise<KeyRead> {
  const cache = new Map<string, Promise<KeyRead>>();
  const read = async (key: string): Promise<KeyRead> => {
    const r = await queryKey(host, key, { view: 64 });
    if (!r.ok) return { ok: false, reason: r.reason };
    const k = findKey(r.keys, key);
    const values = new Map<string, string>();
    for (const v of k?.values ?? []) if (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') values.set(v.name.toLowerCase(), v.data.trim());
    return { ok: true, values };
  };
  return (key) => {
    const hit = cache.get(key.toLowerCase());
    if (hit) return hit;
    const p = read(key);
    cache.set(key.toLowerCase(), p);
    return p;
  };
}

/** The sighting moved to the channel a machine policy names, or as it was with why it stayed. */
export async function byChannelPolicy(host: Host, s: BrowserSighting, all: readonly PolicyBrowser[], readKey: (key: string) => Promise<KeyRead>): Promise<BrowserSighting> {
  for (const cp of s.browser.channelPolicies) {
    const target = all.find((b) => b.id === cp.browser);
    if (!target) continue;
    if (host.platform === 'darwin') return { ...s, channelPolicy: { kind: 'notLooked', browser: cp.browser } };
    if (host.platform !== 'win32' || !cp.windows) continue;
    const w = cp.windows;
    const r = await readKey(w.key);
    if (!r.ok) return { ...s, channelPolicy: { kind: 'unread', browser: cp.browser, reason: r.reason } };
    const data = r.values.get(w.value.toLowerCase());
    if (data === undefined || data.toLowerCase() !== w.data.toLowerCase()) return { ...s, channelPolicy: { kind: 'absent', browser: cp.browser } };
    return {
      ...s,
      browser: target,
      evidence: [
        ...s.evidence,
        { kind: 'registry', path: `${w.key}\\${w.value}`, detail: `${w.key} ${w.value} = ${data}`, label: msg('patch:browser.evidence.channelPolicy', { browser: target.name }), data: { valueName: w.value, value: data } },
      ],
    };
  }
  return s;
}
