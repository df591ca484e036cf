import { RealMutableHost } from '../../core/host/mutable-host';
import { orgPolicyFileSchema, SIGNED_POLICY_FORMAT, zodIssues } from '../../core/policy/org-policy-schema';
import { MAX_POLICY_BYTES } from '../../core/policy/org-policy-file';
import { machinePolicyDir, POLICY_FILE_NAME, POLICY_KEY_FILE_NAME } from '../../core/policy/policy-locations';
import { signText } from '../../core/signing/signed-file';
import { contactParts } from '../../shared/agency-contact';
import { UsageError } from '../args';
import type { CliContext, Command } from '../command';

/** `attt-selfcheck policy show [--json]`: the policy in force, where it came from, its signer, and what was refused and why. */
export const policyShowCommand: Command = {
  words: ['policy', 'show'],
  flags: {},
  async run(ctx) {
    const { policy, choices, provenance } = ctx.policyInForce;
    const folder = machinePolicyDir(ctx.host);
    if (ctx.args.json) {
      const doc = {
        origin: provenance.origin,
        sources: provenance.sources,
        ...(provenance.agency ? { agency: provenance.agency } : {}),
        refusals: provenance.refusals.map((r) => ({ ...r, text: ctx.t.message(r.reason) })),
        folder,
        choices,
        policy: { id: policy.id, number: policy.number, bannedApps: policy.bannedApps.map((a) => ({ id: a.id, name: a.name })), patch: policy.patch, schedule: policy.schedule, installerOrigin: installerOriginInForce(ctx) },
        installerOriginAdded: ctx.policyInForce.installerOriginAdded,
      };
      ctx.io.out(`${JSON.stringify(doc, null, 2)}\n`);
      return provenance.refusals.length > 0 ? 1 : 0;
    }
    const t = (k: string, p?: Record<string, string | number>): string => ctx.t.t(`policy:show.${k}`, p);
    const lines = [t('heading'), provenance.origin === 'builtin' ? t('builtin', { number: policy.number }) : t('organisation', { number: policy.number })];
    for (const s of provenance.sources) {
      if (s.kind === 'file') lines.push(t('file', { path: s.path }), t('fileSigner', { keyId: s.keyId, policyId: s.policyId, notAfter: s.notAfter.split('-').reverse().join('/') }));
      else lines.push(t('registry', { key: s.key }));
    }
    if (provenance.agency?.name) lines.push(ctx.t.t('policy:contact.agency', { name: provenance.agency.name }));
    for (const part of contactParts(provenance.agency)) lines.push(ctx.t.message(part));
    lines.push(t('bannedApps', { apps: policy.bannedApps.map((a) => a.name).join(', ') }));
    lines.push(t('patch', { ...policy.patch }));
    lines.push(t('bannedAppMinutes', { count: policy.schedule.bannedAppMinutes }));
    lines.push(...installerOriginLines(ctx));
    lines.push(choices.fullCheckHours === null ? t('fullCheckFree') : t('fullCheckHours', { count: choices.fullCheckHours }));
    if (choices.defaultLanguage) lines.push(t('language', { language: t(`languageName.${choices.defaultLanguage}`) }));
    lines.push(choices.usersMayTurnOffNotifications ? t('notificationsFree') : t('notificationsLocked'));
    if (choices.advisoryNote) lines.push(t('advisoryNote', { note: choices.advisoryNote[ctx.t.language] }));
    lines.push(folder ? t('folder', { folder, file: POLICY_FILE_NAME, keyFile: POLICY_KEY_FILE_NAME }) : t('noFolder'));
    if (provenance.refusals.length > 0) {
      lines.push('', t('refusedHeading'));
      for (const r of provenance.refusals) lines.push(`  - ${ctx.t.message(r.reason).replace(/\n/g, '\n    ')}`);
      lines.push(ctx.t.t('policy:refusedAction', { number: policy.number }));
    } else lines.push(t('noneRefused'));
    ctx.io.out(`${lines.join('\n')}\n`);
    return provenance.refusals.length > 0 ? 1 : 0;
  },
};

/** The installer-origin lists in force, and each online app's official domains (by id), or null when the policy has none. */
function installerOriginInForce(ctx: CliContext): unknown {
  const lists = ctx.policy.installerOrigin;
  if (!lists) return null;
  const apps = [...ctx.policy.onlineApps, ...ctx.policy.bannedApps].filter((a) => a.installers.officialDomains.length > 0);
  return { ...lists, officialDomains: Object.fromEntries(apps.map((a) => [a.id, a.installers.officialDomains])) };
}

/** `policy show`'s lines on the installer-origin lists: their sizes, then what the organisation added to them. */
function installerOriginLines(ctx: CliContext): string[] {
  const lists = ctx.policy.installerOrigin;
  if (!lists) return [];
  const t = (k: string, p: Record<string, string | number>): string => ctx.t.t(`policy:show.${k}`, p);
  const added = ctx.policyInForce.installerOriginAdded;
  const lines = [t('installerOrigin', { extensions: lists.extensions.length, shorteners: lists.shorteners.length, fileSharing: lists.fileSharing.length })];
  if (added.extensions.length > 0) lines.push(t('addedExtensions', { items: added.extensions.map((e) => `.${e}`).join(', ') }));
  if (added.shorteners.length > 0) lines.push(t('addedShorteners', { items: added.shorteners.join(', ') }));
  if (added.fileSharing.length > 0) lines.push(t('addedFileSharing', { items: added.fileSharing.join(', ') }));
  const apps = [...ctx.policy.onlineApps, ...ctx.policy.bannedApps];
  for (const [id, domains] of Object.entries(added.officialDomains)) lines.push(t('addedOfficial', { app: apps.find((a) => a.id === id)?.name ?? id, items: domains.join(', ') }));
  return lines;
}

function requiredPath(ctx: CliContext, flag: string): string {
  const v = ctx.args.flags[flag];
  if (typeof v !== 'string') throw new UsageError('cli:error.missingValue', { option: `--${flag}` });
  return ctx.host.path.resolve(v);
}

/**
 * `attt-selfcheck policy sign --in POLICY.json --key PRIVATE.pem --out policy.json`: checks the policy as the app
 * will, then signs it with the organisation's Ed25519 key, in the catalog's envelope (docs/fleet.md).
 */
export const policySignCommand: Command = {
  words: ['policy', 'sign'],
  flags: { in: 'string', key: 'string', out: 'string' },
  async run(ctx) {
    const input = requiredPath(ctx, 'in');
    const keyFile = requiredPath(ctx, 'key');
    const out = requiredPath(ctx, 'out');
    const text = await ctx.host.readText(input, { maxBytes: MAX_POLICY_BYTES, links: 'follow' });
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      ctx.io.err(`${ctx.t.t('cli:error.prefix')}: ${ctx.t.message({ key: 'policy:refused.notJson', params: { source: input, detail: e instanceof Error ? e.message : String(e) } })}\n`);
      return 1;
    }
    const parsed = orgPolicyFileSchema().safeParse(doc);
    if (!parsed.success) {
      ctx.io.err(`${ctx.t.t('cli:error.prefix')}: ${ctx.t.message({ key: 'policy:refused.malformed', params: { source: input, detail: zodIssues(parsed.error, 20) } })}\n`);
      return 1;
    }
    const signed = signText(SIGNED_POLICY_FORMAT, text, await ctx.host.readText(keyFile, { maxBytes: 8 * 1024, links: 'follow' }));
    await new RealMutableHost(ctx.host, ctx.now).writeFileAtomic(out, `${JSON.stringify(signed, null, 2)}\n`);
    ctx.io.out(`${ctx.t.t('policy:sign.done', { policyId: parsed.data.id, keyId: signed.keyId, notAfter: parsed.data.notAfter.split('-').reverse().join('/'), out })}\n`);
    return 0;
  },
};
