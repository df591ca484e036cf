import { defaultCatalogFolders, loadCatalog } from '../../core/catalog/load-catalog';
import type { BrowserRelease, Catalog } from '../../core/catalog/catalog-schema';
import type { CatalogInUse } from '../../core/catalog/choose-catalog';
import { compareVersions, parseBrowserVersion } from '../../core/checks/browser-patch/browser-version';
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

const PLATFORM_NAMES: Readonly<Record<string, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/**
 * The browser part, one line per browser: the newest release of each line still patched, the lines, the facts' date;
 * facts older than the catalog's allowance are stale, older than the days a browser may lag (`maxBehindDays`) aged.
 */
export function browserLines(c: Catalog, now: Date, maxDays: number, maxBehindDays: number, t: (k: string, p?: Record<string, string | number>) => string): string[] {
  const lines = [t('browsers', { count: c.browsers.length })];
  const major = (v: string): number => Number(v.split('.')[0]);
  for (const b of c.browsers) {
    const newest = (rs: readonly BrowserRelease[]): BrowserRelease[] => {
      const best = new Map<string, BrowserRelease>();
      for (const r of rs) {
        const key = `${major(r.version)}|${(r.platforms ?? []).join(',')}`;
        const cur = best.get(key);
        const bigger = !cur || compareVersions(parseBrowserVersion(r.version)!, parseBrowserVersion(cur.version)!) > 0;
        if (bigger) best.set(key, r);
      }
      return [...best.values()];
    };
    const lineMajors = b.patchedMajors?.map((m) => m.major);
    const shown = newest(lineMajors ? b.releases.filter((r) => lineMajors.includes(major(r.version))) : b.releases);
    const latest = shown
      .map((r) => (r.platforms ? t('releaseOn', { version: r.version, date: displayDate(r.date), platforms: r.platforms.map((p) => PLATFORM_NAMES[p] ?? p).join(', ') }) : t('release', { version: r.version, date: displayDate(r.date) })))
      .join(', ');
    const majors = (b.patchedMajors ?? []).map((m) => (m.until ? t('majorUntil', { major: m.major, until: displayDate(m.until) }) : String(m.major))).join(', ');
    const line = b.patchedMajors ? t('browser', { browser: b.name, latest, majors, asOf: displayDate(b.asOf) }) : t('browserNoMajors', { browser: b.name, latest, asOf: displayDate(b.asOf) });
    const age = daysSince(b.asOf, now);
    lines.push(age > maxDays ? t('browserStale', { line, maxDays }) : age > maxBehindDays ? t('browserAged', { line, count: age, maxBehindDays }) : line);
  }
  return lines;
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
    lines.push(...browserLines(c, now, maxDays, ctx.policy.browsers.maxBehindDays, t));
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
