import type { z as Zod } from 'zod';
import { lazySchema } from '../lazy-zod';

/** The schema of a release catalog (built-in data/catalog.json, or the payload of a signed catalog), built on first use. */
export const catalogSchema = lazySchema((z) => {
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
  const sourceIds = z.array(z.string().min(1)).min(1);

  /** Where a fact comes from: every release entry names one or more of these by id. */
  const source = z
    .object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      title: z.string().min(1),
      url: z.string().url(),
      /** When the source was read. */
      retrieved: isoDate,
    })
    .strict();

  /** One cumulative update of a Windows build: its UBR, KB and release date. `esu` marks paid/enrolled-only updates. */
  const windowsUpdate = z.object({ ubr: z.number().int().min(0), kb: z.string().regex(/^KB\d+$/), date: isoDate, esu: z.boolean().default(false) }).strict();

  /** End of servicing per edition family; `ltsc` only where an LTSC edition shares the build. */
  const windowsEnd = z.object({ homePro: isoDate, enterpriseEducation: isoDate, ltsc: isoDate.optional() }).strict();

  const windowsRelease = z
    .object({
      build: z.number().int().min(10240),
      product: z.enum(['Windows 10', 'Windows 11']),
      version: z.string().min(1),
      released: isoDate,
      end: windowsEnd,
      /** Extended Security Updates after `end`: consumer (Home/Pro) and commercial (Enterprise/Education). */
      esu: z.object({ consumerUntil: isoDate.optional(), commercialUntil: isoDate.optional() }).strict().optional(),
      /** Known cumulative updates (at least the latest), any order. */
      updates: z.array(windowsUpdate).default([]),
      sources: sourceIds,
    })
    .strict();

  /** A product-wide end date: no build of this product in [minBuild, maxBuild] is serviced after it (LTSC excepted). */
  const windowsProduct = z
    .object({ product: z.enum(['Windows 10', 'Windows 11']), minBuild: z.number().int(), maxBuild: z.number().int(), end: isoDate, sources: sourceIds })
    .strict();

  const macosRelease = z
    .object({
      major: z.number().int().min(10),
      name: z.string().min(1),
      /** Latest known version of this line and its release date. */
      latest: z.object({ version: z.string().regex(/^\d+(\.\d+){1,2}$/), date: isoDate }).strict().optional(),
      /** Whether Apple still ships security updates for this line (Apple patches the latest three in practice). */
      securityUpdates: z.boolean(),
      /** Date of the last security update, for a line that no longer gets them. */
      lastSecurityUpdate: isoDate.optional(),
      sources: sourceIds,
    })
    .strict();

  const debianRelease = z
    .object({ version: z.string().regex(/^\d+$/), codename: z.string().min(1), release: isoDate, eol: isoDate.optional(), eolLts: isoDate.optional(), sources: sourceIds })
    .strict();

  const ubuntuRelease = z
    .object({
      version: z.string().regex(/^\d+\.\d+$/),
      codename: z.string().min(1),
      lts: z.boolean(),
      release: isoDate,
      eol: isoDate,
      eolEsm: isoDate.optional(),
      sources: sourceIds,
    })
    .strict();

  /** One release of a browser: its version as the browser reports it, its date, whether it fixed security issues. */
  const browserRelease = z
    .object({
      version: z.string().regex(/^\d+(\.\d+){1,3}$/),
      date: isoDate,
      security: z.boolean().default(false),
      /** The systems it was released for, where the vendor numbers them apart (Cốc Cốc); absent: every system. */
      platforms: z.array(z.enum(['win32', 'darwin', 'linux'])).min(1).optional(),
      sources: sourceIds,
    })
    .strict();

  /** A major version the vendor still patches (as of the browser's `asOf`); `until`: the announced last day, when there is one. */
  const patchedMajor = z.object({ major: z.number().int().min(1), until: isoDate.optional(), sources: sourceIds }).strict();

  /**
   * One browser (or one channel of it, e.g. Firefox ESR) as the vendor ships it: the releases known (at least the
   * latest of each line still patched) and which majors are still patched. `patchedMajors` absent: the vendor says
   * nothing we could source about it, so no major is judged unpatched.
   */
  const browser = z
    .object({
      /** The policy's browser id (`policy.browsers.list[].id`). */
      id: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      /** The day this browser's facts were last checked: its findings say they may be stale after `catalogMaxAgeDays`. */
      asOf: isoDate,
      releases: z.array(browserRelease).min(1),
      patchedMajors: z.array(patchedMajor).optional(),
    })
    .strict();

  return z
    .object({
      schemaVersion: z.literal(1),
      /** The day the catalog's facts were last checked: the catalog is only as fresh as this. */
      asOf: isoDate,
      sources: z.array(source).min(1),
      windows: z.object({ releases: z.array(windowsRelease), products: z.array(windowsProduct) }).strict(),
      macos: z.object({ releases: z.array(macosRelease) }).strict(),
      linux: z.object({ debian: z.array(debianRelease), ubuntu: z.array(ubuntuRelease) }).strict(),
      /** Browsers (point 2: applications patched too); absent in catalogs made before the browser check. */
      browsers: z.array(browser).default([]),
    })
    .strict()
    .superRefine((c, ctx) => {
      const ids = new Set(c.sources.map((s) => s.id));
      const check = (list: readonly { sources: readonly string[] }[], path: string): void =>
        list.forEach((entry, i) =>
          entry.sources.forEach((s) => {
            if (!ids.has(s)) ctx.addIssue({ code: 'custom', path: [path, i, 'sources'], message: `unknown source id «${s}»` });
          }),
        );
      check(c.windows.releases, 'windows.releases');
      check(c.windows.products, 'windows.products');
      check(c.macos.releases, 'macos.releases');
      check(c.linux.debian, 'linux.debian');
      check(c.linux.ubuntu, 'linux.ubuntu');
      for (const [i, b] of c.browsers.entries()) {
        check(b.releases, `browsers.${i}.releases`);
        check(b.patchedMajors ?? [], `browsers.${i}.patchedMajors`);
        if (c.browsers.findIndex((o) => o.id === b.id) !== i) ctx.addIssue({ code: 'custom', path: ['browsers', i, 'id'], message: `browser «${b.id}» is listed twice` });
        if (b.asOf > c.asOf) ctx.addIssue({ code: 'custom', path: ['browsers', i, 'asOf'], message: 'asOf is after the catalog’s asOf' });
        for (const r of b.releases) if (r.date > b.asOf) ctx.addIssue({ code: 'custom', path: ['browsers', i, 'releases'], message: `release ${r.version} is dated after the browser's asOf` });
        // A patched major with no release known could never be judged "behind": the data must say its latest.
        for (const m of b.patchedMajors ?? []) {
          if (!b.releases.some((r) => Number(r.version.split('.')[0]) === m.major)) ctx.addIssue({ code: 'custom', path: ['browsers', i, 'patchedMajors'], message: `major ${m.major} has no release listed` });
        }
      }
      // Sanity checks against wrong "latest" data (peers' most common complaint): no fact dated after asOf.
      for (const [i, r] of c.windows.releases.entries()) {
        for (const u of r.updates) if (u.date > c.asOf) ctx.addIssue({ code: 'custom', path: ['windows.releases', i], message: `update ${u.kb} is dated after asOf` });
      }
      for (const [i, r] of c.macos.releases.entries()) {
        if (r.latest && r.latest.date > c.asOf) ctx.addIssue({ code: 'custom', path: ['macos.releases', i], message: 'latest is dated after asOf' });
        if (r.latest && !r.latest.version.startsWith(`${r.major}.`)) ctx.addIssue({ code: 'custom', path: ['macos.releases', i], message: 'latest version is not of this major' });
      }
    });
});

/** A validated catalog. */
export type Catalog = Zod.infer<ReturnType<typeof catalogSchema>>;
/** One Windows release (a build number) in the catalog. */
export type WindowsRelease = Catalog['windows']['releases'][number];
/** One cumulative update of a Windows build. */
export type WindowsUpdate = WindowsRelease['updates'][number];
/** One macOS major line. */
export type MacosRelease = Catalog['macos']['releases'][number];
/** One Debian release. */
export type DebianRelease = Catalog['linux']['debian'][number];
/** One Ubuntu release. */
export type UbuntuRelease = Catalog['linux']['ubuntu'][number];

/** One browser in the catalog. */
export type CatalogBrowser = Catalog['browsers'][number];
/** One release of a browser. */
export type BrowserRelease = CatalogBrowser['releases'][number];

/** Validates an untrusted catalog document; returns the catalog or the list of problems. */
export function parseCatalog(input: unknown): { readonly ok: true; readonly catalog: Catalog } | { readonly ok: false; readonly issues: readonly string[] } {
  const r = catalogSchema().safeParse(input);
  if (r.success) return { ok: true, catalog: r.data };
  return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
