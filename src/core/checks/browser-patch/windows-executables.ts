/**
 * Windows: the browsers' programs at their known places (`%ProgramFiles%`, `%ProgramFiles(x86)%`, `%LOCALAPPDATA%`:
 * policy `windows.executables`), their version read from the PE version resource (ProductVersion, else
 * FileVersion) with the reader a banned app's identity uses (src/core/windows/pe-version.ts). A program inside an install an Uninstall entry already named
 * is that install (its evidence added); one with no entry is an install of its own (a per-user Chrome or Cốc Cốc
 * whose key is gone, a copied folder). A program whose version cannot be read is said, never judged current.
 */
import type { Evidence } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import { readPeVersion } from '../../windows/pe-version';
import { trimTrailing } from '../../text/trim-trailing';
import { expandEnv } from '../banned-app/windows/profiles';
import { errorText, msg } from '../check';
import { readFailure } from '../reasons';
import type { BrowserSighting, BrowserUnlooked } from './browser-sighting';

const PROBE = 'windows.browser-programs';
const lower = (s: string): string => trimTrailing(s.toLowerCase(), '\\/');

/** The folder of a Windows path. */
export function windowsFolder(path: string): string {
  const i = path.lastIndexOf('\\');
  return i > 0 ? path.slice(0, i) : path;
}

/** True when an Uninstall entry's evidence names this folder (InstallLocation, or DisplayIcon/uninstaller inside it). */
function entryNames(e: Evidence, folder: string): boolean {
  const d = e.data ?? {};
  const dir = lower(folder);
  if (d.installLocation && lower(d.installLocation) === dir) return true;
  return [d.displayIcon, d.uninstallString].some((s) => s !== undefined && s.toLowerCase().includes(`${dir}\\`));
}

/** What the programs at the browsers' places add: new sightings, evidence for known ones, places that could not be read. */
export interface ProgramLook {
  readonly sightings: readonly BrowserSighting[];
  /** Sightings already known, with the program's evidence added (and its version where theirs was missing). */
  readonly updated: readonly BrowserSighting[];
  readonly unlooked: readonly BrowserUnlooked[];
  readonly looked: readonly string[];
}

/** Looks at every program of the policy's browsers; `known` are the installs the Uninstall keys gave. */
export async function programSightings(host: Host, browsers: readonly PolicyBrowser[], known: readonly BrowserSighting[]): Promise<ProgramLook> {
  const sightings: BrowserSighting[] = [];
  const updated = new Map<string, BrowserSighting>();
  const unlooked: BrowserUnlooked[] = [];
  const looked: string[] = [];
  for (const b of browsers) {
    for (const template of b.windows.executables) {
      const exe = expandEnv(host, template);
      // A variable this machine does not have (no %ProgramFiles(x86)% on 32-bit Windows) is no place to look.
      if (exe.includes('%')) continue;
      looked.push(`file ${exe}`);
      try {
        const st = await host.stat(exe);
        if (!st || st.type !== 'file') continue;
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        unlooked.push({ probe: PROBE, looked: `file ${exe}`, reason: readFailure(e instanceof Error ? e : new Error(errorText(e)), exe) });
        continue;
      }
      const read = await readProgramVersion(host, exe);
      const evidence: Evidence = {
        kind: 'file',
        path: exe,
        ...(read.version ? { version: read.version } : {}),
        detail: `file ${exe}${read.version ? `, version ${read.version}` : `: ${read.detail}`}`,
        label: read.version ? msg('patch:browser.evidence.program', { path: exe, version: read.version }) : msg('patch:browser.evidence.programNoVersion', { path: exe }),
        data: { path: exe, ...(read.version ? { version: read.version } : {}), ...(read.company ? { companyName: read.company } : {}) },
      };
      const folder = windowsFolder(exe);
      const owner = [...updated.values(), ...known].find((s) => s.evidence.some((e) => e.kind === 'registry' && entryNames(e, folder)));
      if (owner) {
        const more: BrowserSighting = {
          ...owner,
          evidence: [...owner.evidence, evidence],
          ...(owner.rawVersion === undefined && read.version ? { rawVersion: read.version } : {}),
        };
        updated.set(owner.install, more);
        continue;
      }
      sightings.push({
        browser: b,
        install: `file:${exe}`,
        ...(read.version ? { rawVersion: read.version } : {}),
        evidence: [evidence],
        ...(read.version ? {} : { versionUnread: msg('patch:browser.reason.programNoVersion', { browser: b.name }) }),
      });
    }
  }
  return { sightings, updated: [...updated.values()], unlooked, looked };
}

/** The version a program's resource states (ProductVersion, else FileVersion), or what went wrong. */
async function readProgramVersion(host: Host, exe: string): Promise<{ version?: string; company?: string; detail: string }> {
  try {
    const r = await readPeVersion((offset, length) => host.readRange(exe, offset, length, { links: 'refuse' }));
    if (!r.ok) return { detail: `${r.why}: ${r.detail}` };
    const version = r.info.productVersion ?? r.info.fileVersion;
    return { ...(version ? { version } : {}), ...(r.info.companyName ? { company: r.info.companyName } : {}), detail: version ? '' : 'the version resource states no version' };
  } catch (e) {
    return { detail: isHostError(e) ? `${e.code}: ${e.message}` : errorText(e) };
  }
}
