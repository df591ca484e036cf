import type { Catalog, WindowsRelease } from '../../catalog/catalog-schema';
import { daysSince, isAfterDay } from '../../catalog/dates';
import type { Lifecycle, PatchLevel } from './os-state';

/** Edition families with their own end of servicing. */
export type EditionFamily = 'homePro' | 'enterpriseEducation' | 'ltsc' | 'unknown';

const HOME_PRO = /^(Core|CoreN|CoreSingleLanguage|CoreCountrySpecific|Professional|ProfessionalN|ProfessionalWorkstation|ProfessionalWorkstationN|ProfessionalEducation|ProfessionalEducationN|ProfessionalSingleLanguage|ProfessionalCountrySpecific)$/i;
const ENTERPRISE_EDUCATION = /^(Enterprise|EnterpriseN|EnterpriseG|EnterpriseGN|Education|EducationN|IoTEnterprise|IoTEnterpriseK|ServerRdsh)$/i;
const LTSC = /^(EnterpriseS|EnterpriseSN|IoTEnterpriseS|IoTEnterpriseSK)$/i;

/** The edition family of a registry EditionID. */
export function editionFamily(editionId: string | undefined): EditionFamily {
  if (!editionId) return 'unknown';
  if (LTSC.test(editionId)) return 'ltsc';
  if (HOME_PRO.test(editionId)) return 'homePro';
  if (ENTERPRISE_EDUCATION.test(editionId)) return 'enterpriseEducation';
  return 'unknown';
}

/** Windows 11 is decided by the build number (>= 22000), never by ProductName, which says "Windows 10" on 11. */
export function windowsProduct(build: number): 'Windows 10' | 'Windows 11' {
  return build >= 22000 ? 'Windows 11' : 'Windows 10';
}

/** The highest UBR of updates everyone got (not ESU-only): a higher UBR after the end date proves ESU enrolment. */
function lastFreeUbr(r: WindowsRelease): number | undefined {
  const free = r.updates.filter((u) => !u.esu).map((u) => u.ubr);
  return free.length ? Math.max(...free) : undefined;
}

/** Whether the vendor still services this build and edition, judged from the catalog. */
export function windowsLifecycle(catalog: Catalog, build: number, ubr: number | undefined, family: EditionFamily, now: Date): Lifecycle {
  const r = catalog.windows.releases.find((x) => x.build === build);
  if (!r) {
    // The catalog may still know the whole product has ended (every Windows 10 build but LTSC).
    const product = catalog.windows.products.find((p) => build >= p.minBuild && build <= p.maxBuild);
    if (product && family !== 'ltsc' && family !== 'unknown' && isAfterDay(product.end, now)) return { kind: 'ended', ended: product.end };
    return { kind: 'unknown', reason: { key: 'patch:reason.unknownBuild', params: { build } } };
  }
  if (family === 'unknown') {
    const early = r.end.homePro < r.end.enterpriseEducation ? r.end.homePro : r.end.enterpriseEducation;
    const late = r.end.homePro < r.end.enterpriseEducation ? r.end.enterpriseEducation : r.end.homePro;
    if (!isAfterDay(early, now)) return { kind: 'supported', until: early };
    if (isAfterDay(late, now) && !r.esu) return { kind: 'ended', ended: late };
    return { kind: 'unknown', reason: { key: 'patch:reason.unknownEdition' } };
  }
  const end = family === 'homePro' ? r.end.homePro : family === 'enterpriseEducation' ? r.end.enterpriseEducation : r.end.ltsc;
  if (!end) return { kind: 'unknown', reason: { key: 'patch:reason.unknownLtsc', params: { build } } };
  if (!isAfterDay(end, now)) return { kind: 'supported', until: end };
  const esuUntil = family === 'homePro' ? r.esu?.consumerUntil : family === 'enterpriseEducation' ? r.esu?.commercialUntil : undefined;
  const free = lastFreeUbr(r);
  const enrolled = esuUntil !== undefined && ubr !== undefined && free !== undefined && ubr > free;
  if (enrolled && !isAfterDay(esuUntil, now)) return { kind: 'supported', until: esuUntil, via: 'esu' };
  return { kind: 'ended', ended: enrolled ? esuUntil : end };
}

/** How far the installed UBR is behind the newest update the catalog knows for this build. */
export function windowsLevel(catalog: Catalog, build: number, ubr: number | undefined, esu: boolean, now: Date): PatchLevel {
  const r = catalog.windows.releases.find((x) => x.build === build);
  if (ubr === undefined) return { kind: 'unknown', reason: { key: 'patch:reason.noUbr' } };
  const updates = (r?.updates ?? []).filter((u) => esu || !u.esu).sort((a, b) => a.ubr - b.ubr);
  const latest = updates[updates.length - 1];
  if (!r || !latest) return { kind: 'unknown', reason: { key: 'patch:reason.noLatest', params: { release: `build ${build}` } } };
  const installed = `${build}.${ubr}`;
  const latestText = `${build}.${latest.ubr} (${latest.kb})`;
  if (ubr >= latest.ubr) return { kind: 'current', installed, latest: latestText };
  const firstNewer = updates.find((u) => u.ubr > ubr)!;
  return { kind: 'behind', installed, latest: latestText, latestDate: latest.date, days: daysSince(firstNewer.date, now) };
}
