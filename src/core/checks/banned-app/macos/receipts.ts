import type { Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import type { CheckContext } from '../../check';
import { commandFailure, garbled } from '../../reasons';
import { couldNotLook, notApplicable, ran, type Hit, type Probe, type ProbeResult } from '../probe';
import { isOverlong } from '../../../text/lines';

/** Lists every package receipt id, one a line. */
export const PKGUTIL_PKGS: readonly string[] = ['pkgutil', '--pkgs'];
const LOOKED = 'pkg receipts (pkgutil --pkgs)';
const PKG_ID = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** `pkgutil --pkg-info ID` as key/value pairs (package-id, version, volume, location, install-time). */
export function parsePkgInfo(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = isOverlong(line) ? null : /^([a-z-]+):\s?(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** The app bundle a receipt installed, when one of the policy's app names is where the receipt says. */
async function appOfReceipt(host: Host, info: Record<string, string>, appNames: readonly string[]): Promise<string | null> {
  const volume = info.volume || '/';
  const location = info.location ?? '';
  const bases = [...new Set([host.path.join(volume, location), '/Applications'])];
  for (const base of bases) {
    for (const name of appNames) {
      const candidate = host.path.join(base, name);
      try {
        if ((await host.stat(candidate))?.type === 'dir') return candidate;
      } catch {
        // unreadable: not known to belong to it
      }
    }
  }
  return null;
}

/**
 * Package receipts whose id starts with one of `macos.receiptPrefixes` (e.g. com.vendor.). A receipt
 * belongs to the app bundle it installed when that bundle is still there (same finding); a
 * receipt alone is a leftover (`receipt:PKGID`).
 */
export const receiptsProbe: Probe = {
  id: 'macos.receipts',
  async run(ctx: CheckContext, app: BannedApp): Promise<ProbeResult> {
    const prefixes = app.macos.receiptPrefixes.map((p) => p.toLowerCase());
    if (prefixes.length === 0) return notApplicable('no receipt prefixes in the policy');
    const r = await ctx.host.run(PKGUTIL_PKGS);
    const failure = commandFailure(r);
    if (failure) return { status: 'unknown', looked: LOOKED, reason: failure };
    const ids = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const bad = ids.find((id) => !PKG_ID.test(id));
    const matched = ids.filter((id) => PKG_ID.test(id) && prefixes.some((p) => id.toLowerCase().startsWith(p)));
    if (matched.length === 0) {
      if (r.truncated || (r.stdout !== '' && !r.stdout.endsWith('\n'))) return couldNotLook(LOOKED, 'bannedApp:macos.reason.truncated', { tool: 'pkgutil' });
      if (bad !== undefined) return { status: 'unknown', looked: LOOKED, reason: garbled('pkgutil', bad) };
      // Every macOS carries Apple's own receipts: an empty list means we were not shown them.
      if (ids.length === 0) return couldNotLook(LOOKED, 'bannedApp:macos.reason.noReceipts');
      return ran(LOOKED, []);
    }
    const hits: Hit[] = [];
    for (const pkgId of matched) {
      const infoRun = await ctx.host.run(['pkgutil', '--pkg-info', pkgId]);
      const info = infoRun.exitCode === 0 ? parsePkgInfo(infoRun.stdout) : {};
      const version = info.version && info.version !== '' ? info.version : undefined;
      const appPath = await appOfReceipt(ctx.host, info, app.macos.appNames);
      hits.push({
        kind: 'leftover',
        install: appPath ? `app:${appPath}` : `receipt:${pkgId}`,
        source: `pkgutil ${pkgId}`,
        evidence: {
          kind: 'receipt',
          ...(version ? { version } : {}),
          detail: `pkg receipt ${pkgId}`,
          label: version ? { key: 'bannedApp:evidence.receipt', params: { package: pkgId, version } } : { key: 'bannedApp:evidence.receiptNoVersion', params: { package: pkgId } },
          data: { pkgId, ...(version ? { version } : {}) },
        },
      });
    }
    return ran(LOOKED, hits);
  },
};
