/**
 * A stored message's parameters as today's texts read them. Reports saved in the history before these texts took
 * English plural forms carry their number under its old name; without `count` English would show the bare key.
 */
import type { Message } from './finding';

/** The keys whose number was renamed to `count`, and its old name. */
const RENAMED_COUNT: Readonly<Record<string, string>> = {
  'common:reason.checkTimeout': 'seconds',
  'common:reason.checkKilled': 'seconds',
  'patch:behind.title': 'days',
  'patch:listsStale.title': 'days',
  'patch:ok.within': 'days',
  'patch:ok.withinNoEnd': 'days',
};

/** The message's parameters, with `count` taken from its old name when an older report lacks it. */
export function messageParams(m: Message): Record<string, string | number> {
  const params: Record<string, string | number> = { ...(m.params ?? {}) };
  const old = RENAMED_COUNT[m.key];
  if (old !== undefined && params.count === undefined && params[old] !== undefined) params.count = params[old];
  return params;
}
