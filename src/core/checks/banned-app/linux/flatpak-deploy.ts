import type { Host } from '../../../host/host';

/** An app deployed in a flatpak installation folder. */
export interface FlatpakDeploy {
  /** `<installation>/app/<APPID>`. */
  readonly path: string;
  /** From the app's AppStream file (its newest `<release version=…>`), when it has one. */
  readonly version?: string;
}

/**
 * AppStream files a deployed app may carry, under `app/<ID>/current/active/files/share` (`current` links
 * to ARCH/BRANCH and `active` to the deployed commit; flatpak's own `version` column comes from this file).
 */
function appstreamFiles(host: Host, appDir: string, id: string): string[] {
  const share = host.path.join(appDir, 'current', 'active', 'files', 'share');
  return [host.path.join(share, 'metainfo', `${id}.metainfo.xml`), host.path.join(share, 'metainfo', `${id}.appdata.xml`), host.path.join(share, 'appdata', `${id}.appdata.xml`)];
}

/** The version of the first (newest, by AppStream convention) release; undefined when none is readable. */
export function appstreamVersion(xml: string): string | undefined {
  // Tag by tag with indexOf: one pattern over the whole file retried each `<release` up to the end (quadratic).
  let end = -1;
  for (let at = xml.indexOf('<release'); at >= 0; at = xml.indexOf('<release', at + 1)) {
    if (end < at) end = xml.indexOf('>', at);
    if (end < 0) return undefined;
    if (/\w/.test(xml[at + '<release'.length] ?? '')) continue; // <releases>
    const release = /\bversion\s*=\s*(["'])([^"'<>]{1,64})\1/.exec(xml.slice(at, end));
    const v = release?.[2]?.trim();
    if (release) return v && /^[\w.+~:-]+$/.test(v) ? v : undefined;
    at = end; // a later `<release` before this `>` would only see part of the same tag
  }
  return undefined;
}

/**
 * Whether `id` is deployed in the installation folder `dir` (`<dir>/app/<ID>` is a folder), and its
 * version when its AppStream file tells it. Null when it is not there. Throws HostError when `dir`
 * cannot be looked at.
 */
export async function readDeploy(host: Host, dir: string, id: string): Promise<FlatpakDeploy | null> {
  const path = host.path.join(dir, 'app', id);
  if ((await host.stat(path))?.type !== 'dir') return null;
  for (const file of appstreamFiles(host, path, id)) {
    try {
      const version = appstreamVersion(await host.readText(file, { maxBytes: 1024 * 1024, links: 'refuse' }));
      if (version) return { path, version };
    } catch {
      // no such file, unreadable, or a link (perhaps in another user's home): the version stays unknown, the install is still there
    }
  }
  return { path };
}
