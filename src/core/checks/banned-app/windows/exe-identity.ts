/**
 * What a Windows program found by its name or path is, from its version resource (CompanyName, ProductName),
 * read from the PE file without running it. A program of the app's name by another company (a look-alike
 * screen magnifier renamed so, whatever its file is called) is not the app.
 */
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { readPeVersion, type PeVersionInfo } from '../../../windows/pe-version';

/** What an executable's version resource says it is. */
export type WindowsExeIdentity =
  /** Its CompanyName is one of the app's publishers. */
  | { readonly is: 'app'; readonly info: PeVersionInfo }
  /** Its CompanyName names another company. */
  | { readonly is: 'other'; readonly info: PeVersionInfo & { readonly companyName: string } }
  /** No CompanyName could be read: no version resource, not a PE, garbled, or the file refused us. */
  | { readonly is: 'unconfirmed'; readonly why: 'no-company' | 'unreadable'; readonly detail: string };

/** Company names compared as Windows shows them: case, spaces and a final period do not matter. */
const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();

/** True when a CompanyName is one of the app's publishers (`windows.publishers` in the policy). */
export function isAppCompany(app: BannedApp, company: string): boolean {
  return app.windows.publishers.some((p) => norm(p) === norm(company));
}

/** Reads the version resource of `path` and judges it against the app's publishers. Never throws. */
export async function identifyWindowsExe(host: Host, app: BannedApp, path: string): Promise<WindowsExeIdentity> {
  let r;
  try {
    // A program found by its path is read as the file at that path: a link there is not followed.
    r = await readPeVersion((offset, length) => host.readRange(path, offset, length, { links: 'refuse' }));
  } catch (e) {
    return { is: 'unconfirmed', why: 'unreadable', detail: isHostError(e) ? `${e.code}: ${e.message}` : String(e) };
  }
  if (!r.ok) return { is: 'unconfirmed', why: 'no-company', detail: `${r.why}: ${r.detail}` };
  const company = r.info.companyName;
  if (!company) return { is: 'unconfirmed', why: 'no-company', detail: 'the version resource names no company' };
  return isAppCompany(app, company) ? { is: 'app', info: r.info } : { is: 'other', info: { ...r.info, companyName: company } };
}
