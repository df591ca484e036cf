/** Whether an Uninstall entry is a banned app, by the policy's Windows signature (never by a loose "contains"). */
import type { BannedApp } from '../../../policy/policy-schema';
import type { UninstallEntry } from './uninstall-entries';

/** Why an entry matched, or null: its key name, its DisplayName pattern, or its exact Publisher. */
export type UninstallMatch = 'keyName' | 'displayName' | 'publisher' | null;

/** Matches an entry against the app's `windows` signature: key name and publisher exactly, DisplayName by pattern (all case-insensitive). */
export function matchUninstall(app: BannedApp, e: UninstallEntry): UninstallMatch {
  const sig = app.windows;
  const same = (a: string | undefined, b: string): boolean => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
  if (sig.uninstallKeyNames.some((n) => same(e.keyName, n))) return 'keyName';
  if (e.displayName && sig.displayNamePatterns.some((p) => new RegExp(p, 'i').test(e.displayName!.trim()))) return 'displayName';
  if (sig.publishers.some((p) => same(e.publisher, p))) return 'publisher';
  return null;
}
