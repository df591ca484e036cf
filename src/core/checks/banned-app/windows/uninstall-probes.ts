/** Probes of the Uninstall keys: per machine (64-bit view, WOW6432Node), the current user, every other loaded user. */
import type { BannedApp } from '../../../policy/policy-schema';
import { shortKeyPath } from '../../../windows/reg-query';
import type { CheckContext } from '../../check';
import { ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { entryData, entryIdentity, type RootScan, type UninstallEntry } from './uninstall-entries';
import { matchUninstall } from './uninstall-match';
import { windowsScan } from './windows-scan';

/** Remediation plan of an install found by its Uninstall key. */
export const REGISTRY_REMEDIATION = 'uninstall.windows-registry';

/** The app's entries in scanned roots (each its own install: the Outlook plugin, Rooms and VDI are separate). */
export function matchedEntries(app: BannedApp, scans: readonly RootScan[]): UninstallEntry[] {
  return scans.flatMap((s) => (s.ok ? s.entries.filter((e) => matchUninstall(app, e) !== null) : []));
}

/** The hit of one matched entry. */
export function entryHit(e: UninstallEntry): Hit {
  const key = shortKeyPath(e.keyPath);
  return {
    kind: 'installed',
    install: entryIdentity(e),
    source: key,
    remediation: REGISTRY_REMEDIATION,
    evidence: {
      kind: 'registry',
      path: key,
      ...(e.displayVersion ? { version: e.displayVersion } : {}),
      detail: `${e.displayName ?? e.keyName} (${key})`,
      label: { key: 'bannedApp:evidence.uninstallEntry', params: { name: e.displayName ?? e.keyName, path: key } },
      data: entryData(e),
    },
  };
}

/** A result from several roots: hits win (a violation is never hidden); with none, an unreadable root makes it unknown. */
export function rootsResult(app: BannedApp, scans: readonly RootScan[]): ProbeResult {
  const looked = scans.length ? scans.map((s) => shortKeyPath(s.root.key)).join(', ') : 'HKU';
  const hits = matchedEntries(app, scans).map(entryHit);
  const failed = scans.find((s): s is Extract<RootScan, { ok: false }> => !s.ok);
  if (hits.length === 0 && failed) return { status: 'unknown', looked: shortKeyPath(failed.root.key), reason: failed.reason };
  return ran(looked, hits);
}

function probe(id: string, scans: (ctx: CheckContext) => Promise<readonly RootScan[]>): Probe {
  return { id, run: async (ctx, app) => rootsResult(app, await scans(ctx)) };
}

/** HKLM Uninstall in the 64-bit view. */
export const machineUninstallProbe = probe('windows.uninstall.machine', async (ctx) => [await windowsScan(ctx).machine(64)]);

/** HKLM WOW6432Node Uninstall (32-bit installers on 64-bit Windows, e.g. a 32-bit MSI). */
export const machineWow64UninstallProbe = probe('windows.uninstall.machine-wow64', async (ctx) => [await windowsScan(ctx).machine(32)]);

/** HKCU Uninstall: per-user installs (`uninstallKeyNames` and matching DisplayNames). */
export const currentUserUninstallProbe = probe('windows.uninstall.current-user', async (ctx) => [await windowsScan(ctx).currentUser()]);

/** HKU\SID Uninstall of every other loaded user (reading them needs administrator rights). */
export const otherUsersUninstallProbe = probe('windows.uninstall.other-users', async (ctx) => windowsScan(ctx).otherUsers());
