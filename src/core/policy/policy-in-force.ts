/**
 * The policy in force: the built-in one (Công văn 1981/UBND-VHTT) with the organisation's settings over it,
 * from its signed file and from Group Policy's registry key (which wins where both set a value). A source
 * that is refused changes nothing: what it would have set stays as the built-in policy says.
 */
import type { Agency, PolicyProvenance, PolicyRefusal, PolicySource } from '../../shared/org-policy';
import type { LocalizedText } from '../../shared/report';
import type { UiLanguage } from '../../shared/settings';
import type { Host } from '../host/host';
import type { OrgSettings } from './org-policy-schema';
import { readOrgPolicyFile } from './org-policy-file';
import { readRegistrySettings, type RegistryExportOptions } from './org-policy-registry';
import { installerOriginRefusal, withInstallerOriginAdditions, type InstallerOriginAdded } from './installer-origin-additions';
import { builtinPolicy } from './policy';
import type { Policy } from './policy-schema';
import { machinePolicyDir, POLICY_REGISTRY_KEY } from './policy-locations';

/** What the organisation decided beyond the checks' own data (the window, the tray and the CLI use it). */
export interface OrgChoices {
  /** The longest wait between full checks, in hours; null: the user's setting alone. */
  readonly fullCheckHours: number | null;
  readonly defaultLanguage: UiLanguage | null;
  /** False when the organisation does not let users turn notifications off. */
  readonly usersMayTurnOffNotifications: boolean;
  readonly advisoryNote: LocalizedText | null;
}

/** The policy the checks judge with, the organisation's choices, and where they came from. */
export interface PolicyInForce {
  readonly policy: Policy;
  readonly choices: OrgChoices;
  readonly provenance: PolicyProvenance;
  /** What the organisation added to the installer-origin lists (`policy show`); nothing for the built-in policy alone. */
  readonly installerOriginAdded: InstallerOriginAdded;
}

const NOTHING_ADDED: InstallerOriginAdded = { extensions: [], shorteners: [], fileSharing: [], officialDomains: {} };

/** The built-in policy alone, nothing refused: what runs before (or without) looking for an organisation's. */
export function builtinPolicyInForce(): PolicyInForce {
  return { policy: builtinPolicy(), choices: applyChoices([]), provenance: { origin: 'builtin', sources: [], refusals: [] }, installerOriginAdded: NOTHING_ADDED };
}

/**
 * Finds and applies the organisation's policy on this machine at `now`, over `base` (the built-in policy, or the
 * one IT named with `--policy FILE`); `options.dataWriter` makes the data folder Group Policy's text is exported into.
 * Never throws: each refused source is listed.
 */
export async function loadPolicyInForce(host: Host, now: Date, base: Policy = builtinPolicy(), options: RegistryExportOptions = {}): Promise<PolicyInForce> {
  const refusals: PolicyRefusal[] = [];
  const sources: PolicySource[] = [];
  const layers: OrgSettings[] = [];
  const folder = machinePolicyDir(host);
  if (folder) {
    const f = await readOrgPolicyFile(host, folder, now);
    if (!f.ok) refusals.push(f.refusal);
    else if (f.file) {
      const clash = clashingApp(f.policy.settings, base);
      const unknownOnline = f.policy.settings.banOnlineApps?.find((id) => !base.onlineApps.some((a) => a.id === id));
      const lists = installerOriginRefusal(f.policy.settings, base, f.file);
      if (clash) refusals.push({ source: f.file, kind: 'conflict', reason: { key: 'policy:refused.conflict', params: { source: f.file, app: clash } } });
      else if (unknownOnline) refusals.push({ source: f.file, kind: 'conflict', reason: { key: 'policy:refused.unknownOnlineApp', params: { source: f.file, app: unknownOnline, ids: base.onlineApps.map((a) => a.id).join(', ') } } });
      else if (lists) refusals.push(lists);
      else {
        layers.push(f.policy.settings);
        sources.push({ kind: 'file', path: f.file, keyId: f.key.id, policyId: f.policy.id, notAfter: f.policy.notAfter });
      }
    }
  }
  const reg = await readRegistrySettings(host, options);
  if (!reg.ok) refusals.push(reg.refusal);
  else if (reg.settings) {
    layers.push(reg.settings);
    sources.push({ kind: 'registry', key: POLICY_REGISTRY_KEY });
  }
  const agency = mergeAgency(layers);
  const banned = new Set(layers.flatMap((l) => l.banOnlineApps ?? []));
  // The lists first: an online app the organisation also bans keeps the official domains it added.
  const { policy: listed, added } = withInstallerOriginAdditions(base, layers);
  const policy: Policy =
    layers.length === 0
      ? base
      : {
          ...listed,
          // An online app the organisation bans moves to the banned apps, with its detection data, and is no notice any more.
          bannedApps: [...base.bannedApps, ...listed.onlineApps.filter((a) => banned.has(a.id)), ...layers.flatMap((l) => l.bannedApps ?? [])],
          onlineApps: listed.onlineApps.filter((a) => !banned.has(a.id)),
          patch: { ...base.patch, ...pick(layers, (l) => l.patch) },
          schedule: { ...base.schedule, ...withoutFullCheck(pick(layers, (l) => l.schedule)) },
        };
  return {
    policy,
    choices: applyChoices(layers),
    provenance: { origin: layers.length > 0 ? 'organisation' : 'builtin', sources, ...(agency ? { agency } : {}), refusals },
    installerOriginAdded: added,
  };
}

/** The id of an extra banned app that is already a built-in one (an organisation adds apps, it cannot redefine a built-in one). */
function clashingApp(settings: OrgSettings, base: Policy): string | undefined {
  const builtinIds = new Set(base.bannedApps.map((a) => a.id));
  return settings.bannedApps?.find((a) => builtinIds.has(a.id))?.id;
}

/** The fields each layer sets, later layers (the registry) winning field by field. */
function pick<T extends object>(layers: readonly OrgSettings[], part: (l: OrgSettings) => T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const l of layers) {
    const p = part(l);
    if (!p) continue;
    for (const [k, v] of Object.entries(p)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function withoutFullCheck(s: Partial<NonNullable<OrgSettings['schedule']>>): { bannedAppMinutes?: number } {
  return s.bannedAppMinutes !== undefined ? { bannedAppMinutes: s.bannedAppMinutes } : {};
}

function mergeAgency(layers: readonly OrgSettings[]): Agency | undefined {
  const name = [...layers].reverse().find((l) => l.agency?.name)?.agency?.name;
  const contact = pick(layers, (l) => l.agency?.itContact);
  const hasContact = Object.keys(contact).length > 0;
  if (!name && !hasContact) return undefined;
  return { ...(name ? { name } : {}), ...(hasContact ? { itContact: contact } : {}) };
}

function applyChoices(layers: readonly OrgSettings[]): OrgChoices {
  const last = <T>(f: (l: OrgSettings) => T | undefined): T | undefined => [...layers].reverse().map(f).find((v) => v !== undefined);
  return {
    fullCheckHours: last((l) => l.schedule?.fullCheckHours) ?? null,
    defaultLanguage: last((l) => l.defaultLanguage) ?? null,
    usersMayTurnOffNotifications: last((l) => l.notifications?.usersMayTurnOff) ?? true,
    advisoryNote: last((l) => l.advisoryNote) ?? null,
  };
}
