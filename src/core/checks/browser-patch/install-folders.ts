/**
 * The vendors' install folders on Linux (`/opt/google/chrome`, `/opt/microsoft/msedge`, `/opt/coccoc/browser`)
 * for a browser no package was found for: a folder there is an install whose version nothing vouches for (no
 * package owns it), so it is said as such (`unknown`, never current). A folder that cannot be looked at is said.
 */
import { isHostError, type Host } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import { errorText, msg } from '../check';
import { readFailure } from '../reasons';
import type { BrowserSighting, BrowserSightings } from './browser-sighting';

const PROBE = 'linux.browser-folders';

/** Sightings of the browsers' install folders (policy `linux.installPaths`) that exist. */
export async function installFolderSightings(host: Host, browsers: readonly PolicyBrowser[]): Promise<BrowserSightings> {
  const sightings: BrowserSighting[] = [];
  const unlooked: BrowserSightings['unlooked'][number][] = [];
  const looked: string[] = [];
  for (const b of browsers) {
    for (const dir of b.linux.installPaths) {
      try {
        const st = await host.stat(dir);
        looked.push(`folder ${dir}`);
        if (!st || st.type !== 'dir') continue;
        sightings.push({
          browser: b,
          install: `folder:${dir}`,
          evidence: [{ kind: 'folder', path: dir, detail: `folder ${dir} (no package found)`, label: msg('patch:browser.evidence.folder', { path: dir }), data: { path: dir } }],
          versionUnread: msg('patch:browser.reason.folderNoPackage', { browser: b.name, path: dir }),
        });
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        unlooked.push({ probe: PROBE, looked: `folder ${dir}`, reason: readFailure(e instanceof Error ? e : new Error(errorText(e)), dir) });
      }
    }
  }
  return { sightings, unlooked, looked };
}
