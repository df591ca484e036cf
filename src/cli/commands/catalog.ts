import { defaultCatalogFolders, loadCatalog } from '../../core/catalog/load-catalog';
import type { CatalogInUse } from '../../core/catalog/choose-catalog';
import { daysSince, displayDate } from '../../core/catalog/dates';
import type { CliContext, Command } from '../command';

/** Resolves `--catalog FILE` against the working folder; undefined when the flag is absent. */
export function catalogFileFlag(ctx: CliContext): string | undefined {
  const v = ctx.args.flags.catalog;
  return typeof v === 'string' ? ctx.host.path.resolve(v) : undefined;
}

/** Loads the catalog as the check will, and says on stderr when a file given with --catalog was refused. */
export async function loadForCli(ctx: CliContext, file: string | undefined): Promise<CatalogInUse> {
  const inUse = await loadCatalog(ctx.host, { ...(file ? { file } : {}), dataDir: ctx.dataDir });
  for (const r of inUse.refusals) {
    if (r.file === file) {
      ctx.io.err(`${ctx.t.t('patch:catalog.cliRefused', { file: r.file, reason: ctx.t.message(r.refusal.reason), asOf: displayDate(inUse.catalog.asOf) })}\n`);
    }
  }
  return inUse;
}

/** `attt-selfcheck catalog show [--json] [--catalog FILE]`: which release catalog is in use, its date and what it knows. */
export const catalogShowCommand: Command = {
  words: ['catalog', 'show'],
  flags: { catalog: 'string' },
  async run(ctx) {
    const file = catalogFileFlag(ctx);
    const inUse = await loadForCli(ctx, file);
    const c = inUse.catalog;
    const now = ctx.now();
    const days = daysSince(c.asOf, now);
    const maxDays = ctx.policy.patch.catalogMaxAgeDays;
    const folders = defaultCatalogFolders(ctx.host, ctx.dataDir);
    const explicitRefused = file !== undefined && inUse.file !== file;
    if (ctx.args.json) {
      const doc = {
        origin: inUse.origin,
        ...(inUse.file ? { file: inUse.file, keyId: inUse.keyId, testKey: inUse.testKey === true } : {}),
        asOf: c.asOf,
        ageDays: days,
        stale: days > maxDays,
        folders,
        refusals: inUse.refusals.map((r) => ({ file: r.file, kind: r.refusal.kind, reason: r.refusal.reason, text: ctx.t.message(r.refusal.reason) })),
        catalog: c,
      };
      ctx.io.out(`${JSON.stringify(doc, null, 2)}\n`);
      return explicitRefused ? 1 : 0;
    }
    const t = (k: string, p?: Record<string, string | number>): string => ctx.t.t(`patch:catalog.show.${k}`, p);
    const lines = [t('heading')];
    lines.push(inUse.origin === 'builtin' ? t('builtin') : t('file', { file: inUse.file ?? '', keyId: inUse.keyId ?? '' }));
    if (inUse.testKey) lines.push(t('testKey'));
    lines.push(t('asOf', { asOf: displayDate(c.asOf), count: days }));
    if (days > maxDays) lines.push(t('stale', { maxDays }));
    lines.push('');
    lines.push(`${t('windows', { count: c.windows.releases.length })}: ${c.windows.releases.map((r) => `${r.product} ${r.version} (${r.build})`).join(', ')}`);
    lines.push(`${t('macos', { count: c.macos.releases.length })}: ${c.macos.releases.map((r) => `${r.major} ${r.name}${r.latest ? ` ${r.latest.version}` : ''}`).join(', ')}`);
    lines.push(`${t('debian', { count: c.linux.debian.length })}: ${c.linux.debian.map((r) => `${r.version} ${r.codename}`).join(', ')}`);
    lines.push(`${t('ubuntu', { count: c.linux.ubuntu.length })}: ${c.linux.ubuntu.map((r) => `${r.version} ${r.codename}`).join(', ')}`);
    lines.push(t('sources', { count: c.sources.length }));
    for (const s of c.sources) lines.push(`  - ${s.title} — ${s.url} (${displayDate(s.retrieved)})`);
    lines.push(t('folders', { folders: folders.join(' ; ') }));
    if (inUse.refusals.length > 0) {
      lines.push(t('refusedHeading'));
      for (const r of inUse.refusals) lines.push(`  - ${ctx.t.message(r.refusal.reason)}`);
    }
    ctx.io.out(`${lines.join('\n')}\n`);
    return explicitRefused ? 1 : 0;
  },
};
