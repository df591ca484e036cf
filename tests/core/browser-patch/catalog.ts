// A frozen browser catalog for the judgement tests (the built-in one moves with every refresh): the built-in OS
// part with the browser part of 2026-10-26 as sourced then (data/catalog.json's first browser part).
import builtinJson from '../../../data/catalog.json';
import type { CatalogInUse } from '../../../src/core/catalog/choose-catalog';
import { parseCatalog, type Catalog } from '../../../src/core/catalog/catalog-schema';

/** The browser part as it was first recorded, with its sources. */
export const BROWSERS_2026_10 = [
  {
    id: 'chrome',
    name: 'Google Chrome',
    asOf: '2026-10-06',
    releases: [
      { version: '155.0.8059.39', date: '2026-10-06', security: true, sources: ['chrome-2026-10-06'] },
      { version: '154.0.8037.97', date: '2026-10-01', security: true, sources: ['chrome-2026-10-01'] },
    ],
    patchedMajors: [{ major: 155, sources: ['chrome-2026-10-06'] }],
  },
  {
    id: 'firefox-esr',
    name: 'Mozilla Firefox ESR',
    asOf: '2026-07-21',
    releases: [
      { version: '153.0', date: '2026-07-21', security: true, sources: ['firefox-153-train'] },
      { version: '140.13.0', date: '2026-07-21', security: true, sources: ['firefox-153-train'] },
    ],
    patchedMajors: [
      { major: 153, sources: ['firefox-153-train'] },
      { major: 140, until: '2026-10-13', sources: ['firefox-esr-schedule'] },
    ],
  },
  {
    id: 'coccoc',
    name: 'Cốc Cốc',
    asOf: '2023-11-24',
    releases: [{ version: '123.0.168', date: '2023-11-24', security: false, platforms: ['win32'], sources: ['coccoc-wikipedia'] }],
  },
];

/** The frozen catalog, validated by the real schema. */
export function frozenCatalog(browsers: unknown = BROWSERS_2026_10): Catalog {
  const r = parseCatalog({ ...builtinJson, asOf: '2026-10-26', browsers });
  if (!r.ok) throw new Error(r.issues.join('; '));
  return r.catalog;
}

/** The frozen catalog as the built-in one in use. */
export function inUse(catalog: Catalog = frozenCatalog()): CatalogInUse {
  return { catalog, origin: 'builtin', refusals: [] };
}
