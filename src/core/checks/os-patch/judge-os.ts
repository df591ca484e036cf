import type { Evidence, Finding, Message } from '../../../shared/finding';
import type { Platform } from '../../host/host';
import type { CatalogInUse } from '../../catalog/choose-catalog';
import { daysSince, displayDate } from '../../catalog/dates';
import { findingId, msg } from '../check';
import type { OsState, OsUnidentified } from './os-state';

/** Id of the OS patch and end-of-life check. */
export const OS_PATCH_CHECK = 'os-patch';

/** The policy numbers the judgement uses. */
export interface PatchPolicy {
  readonly maxBehindDays: number;
  readonly catalogMaxAgeDays: number;
}

/** What judging needs besides the OS state. */
export interface JudgeInput {
  readonly platform: Platform;
  readonly now: Date;
  readonly policy: PatchPolicy;
  readonly catalog: CatalogInUse;
}

function finding(identity: string, aspect: string, f: Omit<Finding, 'id' | 'check' | 'advisoryPoint'>): Finding {
  return { id: findingId(OS_PATCH_CHECK, identity, aspect), check: OS_PATCH_CHECK, advisoryPoint: 2, ...f };
}

/** Evidence that names the catalog (or distro-info table) a judgement rests on. */
export function catalogEvidence(catalog: CatalogInUse, state?: Pick<OsState, 'knowledgeAsOf' | 'knowledgeFrom'>): Evidence {
  const from = state?.knowledgeFrom ?? 'catalog';
  const asOf = state?.knowledgeAsOf ?? catalog.catalog.asOf;
  const origin = from === 'distro-info' ? 'distro-info-data (/usr/share/distro-info)' : catalog.origin === 'builtin' ? 'built-in catalog' : `signed catalog ${catalog.file ?? ''}`.trim();
  return {
    kind: 'catalog',
    detail: `${origin}, as of ${asOf}${catalog.testKey ? ' (signed with a TEST key)' : ''}`,
    label: msg(from === 'distro-info' ? 'patch:evidence.distroInfo' : catalog.origin === 'builtin' ? 'patch:evidence.catalogBuiltin' : catalog.testKey ? 'patch:evidence.catalogTestKey' : 'patch:evidence.catalogSigned', { asOf: displayDate(asOf), file: catalog.file ?? '' }),
    version: asOf,
    ...(from === 'catalog' && catalog.file ? { path: catalog.file } : {}),
    data: { from, origin: catalog.origin, asOf, ...(catalog.keyId && from === 'catalog' ? { keyId: catalog.keyId } : {}) },
  };
}

/** Turns an OS state into findings: end of support, patch level, pending updates, reboot, extras, unknowns, or one `ok`. */
export function judgeOs(state: OsState, input: JudgeInput): Finding[] {
  const { platform, now, policy } = input;
  const stale = daysSince(state.knowledgeAsOf, now) > policy.catalogMaxAgeDays;
  const base = { os: state.name, asOf: displayDate(state.knowledgeAsOf), maxDays: policy.catalogMaxAgeDays };
  const evidence = [...state.evidence, catalogEvidence(input.catalog, state)];
  const out: Finding[] = [];
  const unknowns: Finding[] = [];
  const unknown = (aspect: string, reason: Message): void => {
    unknowns.push(finding(state.identity, `unknown:${aspect}`, { status: 'unknown', severity: 'medium', title: msg(`patch:unknown.${aspect}`, base), reason, action: msg(`patch:unknown.action.${platform}`), evidence }));
  };

  const lc = state.lifecycle;
  if (lc.kind === 'ended') {
    out.push(
      finding(state.identity, 'eol', {
        status: 'violation',
        severity: 'high',
        title: lc.ended ? msg('patch:eol.title', { ...base, ended: displayDate(lc.ended) }) : msg('patch:eol.titleNoDate', base),
        detail: msg(stale ? 'patch:eol.detailStale' : 'patch:eol.detail', base),
        action: msg(`patch:eol.action.${platform}`, base),
        evidence,
      }),
    );
  } else if (lc.kind === 'unknown') {
    unknown('lifecycle', lc.reason);
  }

  const lv = state.level;
  const behind = lc.kind !== 'ended' && lv.kind === 'behind' && lv.days > policy.maxBehindDays;
  if (lc.kind !== 'ended') {
    if (behind && lv.kind === 'behind') {
      out.push(
        finding(state.identity, 'behind', {
          status: 'warning',
          severity: 'medium',
          title: msg('patch:behind.title', { ...base, installed: lv.installed, latest: lv.latest, latestDate: displayDate(lv.latestDate), count: lv.days }),
          detail: msg(stale ? 'patch:behind.detailStale' : 'patch:behind.detail', { ...base, maxBehindDays: policy.maxBehindDays }),
          action: msg(`patch:behind.action.${platform}`, base),
          evidence,
        }),
      );
    } else if (lv.kind === 'unknown') {
      unknown('level', lv.reason);
    }
  }

  const p = state.pending;
  if (p.kind === 'some') {
    out.push(
      finding(state.identity, 'pending', {
        status: 'warning',
        severity: p.security > 0 ? 'medium' : 'low',
        title: msg(p.security > 0 ? 'patch:pending.titleSecurity' : 'patch:pending.title', { ...base, count: p.count, security: p.security }),
        detail: msg('patch:pending.detail', base),
        // The command of the manager that was asked, never another distribution's (apt on Debian, dnf on Fedora).
        action: msg(`patch:pending.action.${platform === 'linux' && state.packageManager ? state.packageManager : platform}`, base),
        evidence: [...state.evidence, { kind: 'update', detail: `${p.tool}: ${p.count} pending, ${p.security} security`, label: msg('patch:evidence.pending', { tool: p.tool, count: p.count, security: p.security }), data: { tool: p.tool, count: String(p.count), security: String(p.security) } }],
      }),
    );
  } else if (p.kind === 'unknown') {
    unknown('pending', p.reason);
  }

  const r = state.reboot;
  if (r.kind === 'pending') {
    out.push(
      finding(state.identity, 'reboot', {
        status: 'warning',
        severity: 'low',
        title: msg('patch:reboot.title', base),
        action: msg('patch:reboot.action', base),
        evidence: [...state.evidence, { kind: 'update', detail: `restart required: ${r.source}`, label: msg('patch:evidence.reboot'), path: r.source }],
      }),
    );
  } else if (r.kind === 'unknown') {
    unknown('reboot', r.reason);
  }

  for (const u of state.unread ?? []) unknown(u.aspect, u.reason);

  for (const x of state.extra) {
    out.push(finding(state.identity, x.id, { status: 'warning', severity: 'medium', title: x.title, action: x.action, evidence: [...state.evidence, ...x.evidence] }));
  }

  // Support and patch level are one aspect: say it is fine even when other aspects (pending, reboot) warn,
  // but claim only what was judged: "not behind" only when the level is known current and nothing is pending.
  if (lc.kind === 'supported' && !behind) {
    const until = lc.until ? displayDate(lc.until) : '';
    const claim = p.kind === 'some' ? 'supported' : lv.kind === 'current' ? 'current' : lv.kind === 'behind' ? 'within' : 'supported';
    const key = `patch:ok.${claim}${lc.until ? '' : 'NoEnd'}`;
    const levelText = lv.kind === 'current' || lv.kind === 'behind' ? lv.installed : '';
    out.push(
      finding(state.identity, 'ok', {
        status: 'ok',
        severity: 'info',
        title: msg(key, { ...base, until, via: lc.via ?? '', ...(lv.kind === 'behind' ? { count: lv.days, maxBehindDays: policy.maxBehindDays } : {}) }),
        ...(stale ? { detail: msg('patch:ok.staleDetail', base), action: msg('patch:ok.staleAction', base) } : {}),
        evidence: levelText ? evidence.map((e) => (e.kind === 'os' && !e.version ? { ...e, version: levelText } : e)) : evidence,
      }),
    );
  }
  return [...out, ...unknowns];
}

/** The finding when the OS could not be identified. */
export function unidentified(u: OsUnidentified, platform: Platform): Finding {
  return finding(platform, 'unidentified', {
    status: 'unknown',
    severity: 'medium',
    title: msg('patch:unknown.os', { looked: u.looked }),
    reason: u.reason,
    action: msg(`patch:unknown.action.${platform}`),
    evidence: [{ kind: 'probe', detail: u.looked }],
  });
}

/** Findings for signed catalogs that were refused for a reason other than being older (which is normal). */
export function refusalFindings(catalog: CatalogInUse): Finding[] {
  return catalog.refusals
    .filter((r) => r.refusal.kind !== 'older')
    .map((r) =>
      finding('catalog', `refused:${r.file}`, {
        status: 'warning',
        severity: 'low',
        title: msg('patch:catalog.refusedTitle', { file: r.file }),
        detail: r.refusal.reason,
        action: msg('patch:catalog.refusedAction', { asOf: displayDate(catalog.catalog.asOf) }),
        evidence: [{ kind: 'catalog', path: r.file, detail: `refused (${r.refusal.kind})`, label: msg('patch:evidence.refused', { kind: r.refusal.kind }), data: { refusal: r.refusal.kind } }, catalogEvidence(catalog)],
      }),
    );
}
