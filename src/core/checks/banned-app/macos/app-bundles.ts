import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { readFailure } from '../../reasons';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { bytesContain, isBinaryPlist, readPlistDict } from './plist-read';
import { plistString } from './plist-xml';

/** What an app bundle says about itself in Contents/Info.plist. */
export interface BundleInfo {
  readonly bundleId?: string;
  readonly version?: string;
}

/** Reads a bundle's id and short version; null when its Info.plist cannot be read or understood. */
export async function bundleInfo(host: Host, appPath: string): Promise<BundleInfo | null> {
  try {
    const d = await readPlistDict(host, host.path.join(appPath, 'Contents', 'Info.plist'));
    const bundleId = plistString(d, 'CFBundleIdentifier');
    const version = plistString(d, 'CFBundleShortVersionString') ?? plistString(d, 'CFBundleVersion');
    return { ...(bundleId ? { bundleId } : {}), ...(version ? { version } : {}) };
  } catch {
    return null;
  }
}

/** Cheap test: could this bundle's Info.plist name one of the ids? (binary plists keep ASCII strings as is) */
async function mayHaveId(host: Host, appPath: string, ids: readonly string[]): Promise<boolean> {
  try {
    const bytes = await host.readBytes(host.path.join(appPath, 'Contents', 'Info.plist'), { maxBytes: 4 * 1024 * 1024, links: 'refuse' });
    if (!isBinaryPlist(bytes)) return true;
    return ids.some((id) => bytesContain(bytes, id));
  } catch {
    return false;
  }
}

/** An app-bundle hit (`app:PATH`), as the app bundle and local-server probes report it. */
export function appBundleHit(path: string, scope: 'system' | 'user', info: BundleInfo | null): Hit {
  const name = path.split('/').pop() ?? path;
  return {
    kind: 'installed',
    install: `app:${path}`,
    source: path,
    remediation: 'uninstall.macos-app',
    evidence: {
      kind: 'app-bundle',
      path,
      ...(info?.version ? { version: info.version } : {}),
      detail: `${name}${info?.bundleId ? ` (${info.bundleId})` : ''}`,
      label: info?.version ? { key: 'bannedApp:evidence.appBundle', params: { path, version: info.version } } : { key: 'bannedApp:evidence.appBundleNoVersion', params: { path } },
      // The bundle id decides; a bundle found by its name whose Info.plist could not be read is not confirmed.
      data: { scope, name: name.replace(/\.app$/i, ''), ...(info?.bundleId ? { bundleId: info.bundleId } : {}), ...(info?.version ? { version: info.version } : {}), identity: info?.bundleId ? 'bundle' : 'unconfirmed' },
    },
  };
}

/** True when a bundle is the app: its CFBundleIdentifier is one of `macos.bundleIds`. */
export function isAppBundleId(app: BannedApp, id: string): boolean {
  return app.macos.bundleIds.some((b) => b.toLowerCase() === id.toLowerCase());
}

/**
 * The banned app's bundles in one folder, decided by CFBundleIdentifier (`macos.bundleIds`), whatever the
 * bundle is called. A bundle named as the app (`macos.appNames`) whose id is another's is not the app; one
 * whose Info.plist cannot be read stays, not confirmed. Throws HostError when the folder cannot be listed.
 */
export async function bundlesIn(host: Host, dir: string, scope: 'system' | 'user', app: BannedApp, byIdOnly = false): Promise<Hit[]> {
  const names = new Set(byIdOnly ? [] : app.macos.appNames.map((n) => n.normalize('NFC').toLowerCase()));
  const ids = app.macos.bundleIds;
  const idSet = new Set(ids.map((i) => i.toLowerCase()));
  const hits: Hit[] = [];
  for (const entry of await host.list(dir)) {
    // Found by id only (outside /Applications): a link is not followed there (it could name a bundle anywhere).
    if (!entry.name.toLowerCase().endsWith('.app') || entry.type === 'file' || (byIdOnly && entry.type !== 'dir')) continue;
    const path = host.path.join(dir, entry.name);
    const byName = names.has(entry.name.normalize('NFC').toLowerCase());
    if (!byName && (ids.length === 0 || !(await mayHaveId(host, path, ids)))) continue;
    const info = await bundleInfo(host, path);
    const byId = info?.bundleId !== undefined && idSet.has(info.bundleId.toLowerCase());
    if (byId || (byName && !info?.bundleId)) hits.push(appBundleHit(path, scope, info));
  }
  return hits;
}

/** App bundles in /Applications and ~/Applications that are the banned app (see `bundlesIn`). */
export const appBundlesProbe: Probe = {
  id: 'macos.app-bundles',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const { host } = ctx;
    if (app.macos.appNames.length === 0 && app.macos.bundleIds.length === 0) return notApplicable('no app names or bundle ids in the policy');
    const places = [
      { dir: '/Applications', scope: 'system' as const },
      { dir: host.path.join(host.homedir, 'Applications'), scope: 'user' as const },
    ];
    const looked = places.map((p) => p.dir).join(', ');
    const hits: Hit[] = [];
    let failure: Message | null = null;
    for (const { dir, scope } of places) {
      try {
        hits.push(...(await bundlesIn(host, dir, scope, app)));
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found' && scope === 'user') continue;
        failure ??= readFailure(e as Error, dir);
      }
    }
    if (hits.length === 0 && failure) return { status: 'unknown', looked, reason: failure };
    return ran(looked, hits);
  },
};
