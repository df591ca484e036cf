import type { Evidence, Message } from '../../../shared/finding';
import type { Catalog } from '../../catalog/catalog-schema';
import type { Host } from '../../host/host';
import { findKey, queryKey, regText, regValue } from '../../windows/reg-query';
import { displayDate } from '../../catalog/dates';
import { commandFailure, garbled } from '../reasons';
import type { OsState, OsUnidentified, Reboot } from './os-state';
import { editionFamily, windowsLevel, windowsLifecycle, windowsProduct } from './windows-lifecycle';
import { isOverlong } from '../../text/lines';

/** Where Windows keeps its version. */
export const CURRENT_VERSION_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
/** Present while Windows Update waits for a restart. */
export const WU_REBOOT_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired';
/** Present while component servicing waits for a restart. */
export const CBS_REBOOT_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';
/** Group Policy for automatic updates; NoAutoUpdate=1 turns Windows Update off. */
export const WU_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU';

const REG_TIMEOUT_MS = 15_000;
/** PowerShell starts slowly on old PCs. */
const HOTFIX_TIMEOUT_MS = 45_000;

/** Get-HotFix works without admin rights; one line per update: `KB5066791|2025-10-14`. */
export const HOTFIX_ARGV: readonly string[] = [
  'powershell.exe',
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  "Get-HotFix | Where-Object { $_.InstalledOn } | Sort-Object InstalledOn -Descending | Select-Object -First 5 | ForEach-Object { '{0}|{1:yyyy-MM-dd}' -f $_.HotFixID, $_.InstalledOn }",
];

/** The last installed update from Get-HotFix output, or why it is not known. */
export function parseHotfix(stdout: string): { readonly kb: string; readonly date: string } | null {
  for (const line of stdout.split(/\r?\n/)) {
    const m = isOverlong(line) ? null : /^\s*(KB\d+)\|(\d{4}-\d{2}-\d{2})\s*$/i.exec(line);
    if (m) return { kb: m[1]!.toUpperCase(), date: m[2]! };
  }
  return null;
}

async function lastHotfix(host: Host): Promise<Evidence> {
  const r = await host.run(HOTFIX_ARGV, { timeoutMs: HOTFIX_TIMEOUT_MS });
  const fail = commandFailure(r);
  const hf = fail ? null : parseHotfix(r.stdout);
  if (!hf) {
    const why = fail ? (r.error?.code ?? `exit ${r.exitCode}`) : 'no dated update in output';
    const label = fail ? { key: 'patch:evidence.lastUpdateUnknown', params: { why } } : { key: 'patch:evidence.lastUpdateUndated' };
    return { kind: 'update', detail: `last installed update: unknown (Get-HotFix: ${why})`, label, data: { probe: 'Get-HotFix' } };
  }
  return { kind: 'update', detail: `last installed update: ${hf.kb} on ${hf.date}`, label: { key: 'patch:evidence.lastUpdate', params: { kb: hf.kb, date: displayDate(hf.date) } }, version: hf.kb, data: { probe: 'Get-HotFix', kb: hf.kb, installedOn: hf.date } };
}

/** What the automatic-updates policy says: nothing against updates, updates turned off, or not readable (why). */
export type UpdatePolicy = { readonly kind: 'on' } | { readonly kind: 'off' } | { readonly kind: 'unknown'; readonly reason: Message };

/**
 * Reads WU_POLICY_KEY. No key or no NoAutoUpdate: on (Windows' default). NoAutoUpdate is a REG_DWORD 0
 * (on) or 1 (off); any other type or number, or a key that cannot be read, is not known, never "fine".
 */
export async function updatePolicy(host: Host): Promise<UpdatePolicy> {
  const r = await queryKey(host, WU_POLICY_KEY, { timeoutMs: REG_TIMEOUT_MS });
  if (!r.ok) return { kind: 'unknown', reason: r.reason };
  if (!r.exists) return { kind: 'on' };
  const v = regValue(findKey(r.keys, WU_POLICY_KEY), 'NoAutoUpdate');
  if (!v) return { kind: 'on' };
  if (v.type === 'REG_DWORD' && v.data === 0) return { kind: 'on' };
  if (v.type === 'REG_DWORD' && v.data === 1) return { kind: 'off' };
  return { kind: 'unknown', reason: garbled('reg', `NoAutoUpdate ${v.type === 'other' ? v.typeName : v.type} ${v.raw}`) };
}

async function reboot(host: Host): Promise<Reboot> {
  const keys = [WU_REBOOT_KEY, CBS_REBOOT_KEY];
  // Both keys are asked at once; the answer is judged in this order, as before.
  const results = await Promise.all(keys.map((key) => queryKey(host, key, { timeoutMs: REG_TIMEOUT_MS })));
  const reasons: Message[] = [];
  for (const [i, r] of results.entries()) {
    if (r.ok && r.exists) return { kind: 'pending', source: keys[i]! };
    if (!r.ok) reasons.push(r.reason);
  }
  return reasons[0] ? { kind: 'unknown', reason: reasons[0] } : { kind: 'none' };
}

/** Reads the Windows version, edition, update level, pending restart and update policy, and judges them against the catalog. */
export async function probeWindows(host: Host, catalog: Catalog, now: Date): Promise<OsState | OsUnidentified> {
  const cv = await queryKey(host, CURRENT_VERSION_KEY, { timeoutMs: REG_TIMEOUT_MS });
  if (!cv.ok) return { unidentified: true, reason: cv.reason, looked: CURRENT_VERSION_KEY };
  const key = findKey(cv.keys, CURRENT_VERSION_KEY);
  const buildText = regText(key, 'CurrentBuild') ?? regText(key, 'CurrentBuildNumber');
  if (!cv.exists || !buildText || !/^\d+$/.test(buildText)) {
    return { unidentified: true, reason: garbled('reg', `CurrentBuild=${buildText ?? '(missing)'}`), looked: CURRENT_VERSION_KEY };
  }
  const build = Number(buildText);
  const ubrValue = regValue(key, 'UBR');
  const ubr = ubrValue?.type === 'REG_DWORD' ? ubrValue.data : undefined;
  const displayVersion = regText(key, 'DisplayVersion') ?? regText(key, 'ReleaseId');
  const editionId = regText(key, 'EditionID');
  const family = editionFamily(editionId);
  const product = windowsProduct(build);
  const name = `${product} ${editionId ?? ''} ${displayVersion ?? ''} (build ${build}${ubr !== undefined ? `.${ubr}` : ''})`.replace(/\s+/g, ' ');
  const lifecycle = windowsLifecycle(catalog, build, ubr, family, now);
  const level = windowsLevel(catalog, build, ubr, lifecycle.kind === 'supported' && lifecycle.via === 'esu', now);
  // Independent of each other: the update policy, the last hotfix (PowerShell, the slow one) and the restart keys at once.
  const [policy, hotfix, restart] = await Promise.all([updatePolicy(host), lastHotfix(host), reboot(host)]);
  const evidence: Evidence[] = [
    {
      kind: 'os',
      path: CURRENT_VERSION_KEY,
      detail: name,
      version: ubr !== undefined ? `${build}.${ubr}` : String(build),
      data: { product, build: String(build), ...(ubr !== undefined ? { ubr: String(ubr) } : {}), ...(displayVersion ? { displayVersion } : {}), ...(editionId ? { editionId } : {}), editionFamily: family, ...(regText(key, 'ProductName') ? { productName: regText(key, 'ProductName')! } : {}) },
    },
    hotfix,
  ];
  return {
    name,
    identity: `windows:${build}`,
    evidence,
    lifecycle,
    level,
    // Listing pending updates needs the Windows Update service online; the UBR comparison covers it.
    pending: { kind: 'not-applicable' },
    reboot: restart,
    ...(policy.kind === 'unknown' ? { unread: [{ aspect: 'updatePolicy', reason: policy.reason }] } : {}),
    extra:
      policy.kind === 'off'
        ? [{ id: 'wu-disabled', title: { key: 'patch:updatesDisabled.title' }, action: { key: 'patch:updatesDisabled.action' }, evidence: [{ kind: 'registry', path: `${WU_POLICY_KEY}\\NoAutoUpdate`, detail: 'NoAutoUpdate = 1', data: { value: '1' } }] }]
        : [],
    knowledgeAsOf: catalog.asOf,
    knowledgeFrom: 'catalog',
  };
}
