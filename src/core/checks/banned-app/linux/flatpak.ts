import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled, readFailure } from '../../reasons';
import { packageLabel } from './package-label';
import { notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { readDeploy } from './flatpak-deploy';
import { flatpakScope, parseFlatpakList } from './flatpak-parse';

/** The command: installed apps (system and per-user), tab-separated when piped. */
export const FLATPAK_ARGV: readonly string[] = ['flatpak', 'list', '--app', '--columns=application,version,installation'];
const LOOKED = 'flatpak (flatpak list --app)';
/** The default system installation's folder (flatpak's --localstatedir). */
export const FLATPAK_SYSTEM_DIR = '/var/lib/flatpak';

/** A flatpak hit (`flatpak:SCOPE:APPID`), from `flatpak list` or from a deploy folder. */
export function flatpakHit(appId: string, scope: 'user' | 'system', version: string, installation: string, path?: string): Hit {
  return {
    kind: 'installed',
    install: `flatpak:${scope}:${appId}`,
    source: `flatpak ${appId} (${scope})`,
    remediation: 'uninstall.package',
    evidence: {
      kind: 'package',
      ...(path ? { path } : {}),
      ...(version ? { version } : {}),
      detail: `flatpak: ${appId} (${installation})`,
      label: packageLabel(appId, 'flatpak', version),
      data: { manager: 'flatpak', name: appId, scope, installation, ...(version ? { version } : {}) },
    },
  };
}

function userDir(host: Host): string {
  if (host.env.FLATPAK_USER_DIR) return host.env.FLATPAK_USER_DIR;
  const dataHome = host.env.XDG_DATA_HOME || host.path.join(host.homedir, '.local', 'share');
  return host.path.join(dataHome, 'flatpak');
}

/**
 * Without a usable flatpak command (missing, or too old for --columns), look at the deploy folders:
 * `<installation>/app/<APPID>` exists for every installed app. Null when neither installation exists.
 */
async function scanFolders(host: Host, ids: ReadonlySet<string>): Promise<ProbeResult | null> {
  const places = [
    { dir: FLATPAK_SYSTEM_DIR, scope: 'system' as const },
    { dir: userDir(host), scope: 'user' as const },
  ];
  const hits: Hit[] = [];
  let present = 0;
  for (const { dir, scope } of places) {
    try {
      if ((await host.stat(dir)) === null) continue;
      present++;
      for (const id of ids) {
        const deploy = await readDeploy(host, dir, id);
        if (deploy) hits.push(flatpakHit(id, scope, deploy.version ?? '', scope, deploy.path));
      }
    } catch (e) {
      if (isHostError(e) && e.code === 'not-found') continue;
      return { status: 'unknown', looked: `flatpak (${dir})`, reason: readFailure(e as Error, dir) };
    }
  }
  return present === 0 ? null : ran(`flatpak (${places.map((p) => p.dir).join(', ')})`, hits);
}

/** Flatpak apps named in the policy (`linux.flatpak`), system-wide and per-user, matched exactly. */
export const flatpakProbe: Probe = {
  id: 'linux.flatpak',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const ids = new Set(app.linux.flatpak);
    if (ids.size === 0) return notApplicable('no flatpak ids in the policy');
    const r = await ctx.host.run(FLATPAK_ARGV);
    const failure = commandFailure(r);
    if (failure) {
      // Missing tool or an old flatpak refusing --columns: the folders still tell. A hang does not.
      if (r.error?.code === 'timeout') return { status: 'unknown', looked: LOOKED, reason: failure };
      const fromFolders = await scanFolders(ctx.host, ids);
      if (fromFolders) return fromFolders;
      return r.error?.code === 'not-found' ? notApplicable('no flatpak on this machine') : { status: 'unknown', looked: LOOKED, reason: failure };
    }
    const parsed = parseFlatpakList(r.stdout);
    const hits = parsed.rows
      .filter((row) => ids.has(row.appId))
      .map((row) => flatpakHit(row.appId, flatpakScope(row.installation), row.version, row.installation));
    if (hits.length > 0) return ran(LOOKED, hits);
    if (r.truncated || (r.stdout !== '' && !r.stdout.endsWith('\n'))) return { status: 'unknown', looked: LOOKED, reason: { key: 'bannedApp:linux.reason.truncated', params: { tool: 'flatpak' } } };
    if (parsed.bad.length > 0) return { status: 'unknown', looked: LOOKED, reason: garbled('flatpak', parsed.bad[0]!) };
    // Empty is normal: flatpak installed, no app yet.
    return ran(LOOKED, []);
  },
};
