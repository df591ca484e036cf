/**
 * Linux: a browser's own archive unpacked by hand (policy `linux.tarball`; Mozilla's firefox-*.tar.xz, which its
 * support article unpacks to /opt/firefox, and people unpack anywhere in a home). Recognised by its files, never by a
 * folder's name: the program (an ELF file, not a link) beside the version file (`application.ini`, whose `[App]`
 * Vendor and Name are this browser's), read as text, nothing run. At the fixed places a program whose version file
 * is missing or garbled is an install whose version is unknown; in the homes (this user's and every other person's,
 * src/core/checks/banned-app/other-homes.ts) the banned-app tarball walk finds it: bounded, links never followed.
 */
import type { Evidence, Message } from '../../../shared/finding';
import { isHostError, type Host } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import { isProgram, TARBALL_MAX_DEPTH, walkHomeFor } from '../banned-app/linux/tarball';
import { cutReason } from '../banned-app/linux/tarball-probes';
import { otherHomesProbe } from '../banned-app/other-homes';
import type { Hit } from '../banned-app/probe';
import { errorText, msg, type CheckContext } from '../check';
import { readFailure } from '../reasons';
import { parseAppIni } from './app-ini';
import type { BrowserSighting, BrowserSightings, BrowserUnlooked } from './browser-sighting';
import { detectionEntry } from './detection-entry';

const PROBE = 'linux.browser-tarball';
const OTHERS = 'linux.browser-tarball.other-users';

type Tarball = NonNullable<PolicyBrowser['linux']['tarball']>;

/** What one folder holds: the version, or why it cannot be read; null when it is not this browser. */
type FolderRead = { readonly version: string; readonly ini: string } | { readonly unread: Message; readonly ini: string };

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Reads an unpacked folder: its program must be there; its version file says the version and whose it is. */
async function readFolder(host: Host, b: PolicyBrowser, t: Tarball, dir: string): Promise<FolderRead | null> {
  if (!(await isProgram(host, host.path.join(dir, t.program)))) return null;
  const ini = host.path.join(dir, t.versionFile);
  let text: string;
  try {
    text = await host.readText(ini, { maxBytes: 64 * 1024, links: 'refuse' });
  } catch (e) {
    if (isHostError(e) && e.code === 'not-found') return { ini, unread: msg('patch:browser.reason.tarballNoVersionFile', { browser: b.name, path: dir }) };
    return { ini, unread: readFailure(e instanceof Error ? e : new Error(errorText(e)), ini) };
  }
  const app = parseAppIni(text);
  // Another Gecko program (Thunderbird, a fork) names itself: not this browser.
  if (app?.vendor && app.name && !(same(app.vendor, t.vendor) && same(app.name, t.appName))) return null;
  if (!app?.version || !app.vendor || !app.name) return { ini, unread: msg('patch:browser.reason.tarballBadVersionFile', { browser: b.name, path: dir }) };
  return { ini, version: app.version };
}

/** The hit of one unpacked folder (`folder:DIR`), its evidence naming the folder the person unpacked it in. */
function folderHit(b: PolicyBrowser, dir: string, read: FolderRead): Hit {
  const version = 'version' in read ? read.version : undefined;
  const evidence: Evidence = {
    kind: 'folder',
    path: dir,
    ...(version ? { version } : {}),
    detail: `folder ${dir}: ${b.name} unpacked from its archive (no package owns it), ${read.ini}${version ? ` Version=${version}` : ': no version read'}`,
    label: version ? msg('patch:browser.evidence.tarball', { browser: b.name, version, path: dir }) : msg('patch:browser.evidence.tarballNoVersion', { browser: b.name, path: dir }),
    data: { path: dir, form: 'tarball', versionFile: read.ini, ...(version ? { version } : {}) },
  };
  return { kind: 'installed', install: `folder:${dir}`, source: dir, evidence };
}

function sightingOf(b: PolicyBrowser, hit: Hit, read: FolderRead | undefined): BrowserSighting {
  const version = hit.evidence.version;
  return {
    browser: b,
    install: hit.install,
    ...(version ? { rawVersion: version } : {}),
    evidence: [hit.evidence],
    ...(read && 'unread' in read ? { versionUnread: read.unread } : {}),
  };
}

/** The unpacked folders of one browser in one home, read once each. */
async function scanHome(host: Host, b: PolicyBrowser, t: Tarball, home: string, reads: Map<string, FolderRead>): Promise<{ hits: Hit[]; failures: Message[]; cut: boolean }> {
  const isMatch = async (dir: string): Promise<boolean> => {
    const r = await readFolder(host, b, t, dir);
    if (r) reads.set(dir, r);
    return r !== null;
  };
  const w = await walkHomeFor(host, home, t.versionFile, isMatch);
  return { hits: w.folders.map((d) => folderHit(b, d, reads.get(d)!)), failures: [...w.failures], cut: w.cut };
}

/** Every unpacked archive of the policy's browsers: at their fixed places, in this home and the other people's. */
export async function tarballSightings(ctx: CheckContext, browsers: readonly PolicyBrowser[]): Promise<BrowserSightings> {
  const { host } = ctx;
  const sightings: BrowserSighting[] = [];
  const unlooked: BrowserUnlooked[] = [];
  const looked: string[] = [];
  for (const b of browsers) {
    const t = b.linux.tarball;
    if (!t) continue;
    const reads = new Map<string, FolderRead>();
    for (const dir of t.folders) {
      looked.push(`folder ${dir}`);
      try {
        const st = await host.stat(dir);
        // /opt/firefox may be a link to /opt/firefox-157.0 (root's folder): followed there, never in a home.
        if (!st || (st.type !== 'dir' && st.type !== 'symlink')) continue;
        const read = await readFolder(host, b, t, dir);
        if (read) sightings.push(sightingOf(b, folderHit(b, dir, read), read));
      } catch (e) {
        if (isHostError(e) && e.code === 'not-found') continue;
        unlooked.push({ probe: PROBE, looked: `folder ${dir}`, reason: readFailure(e instanceof Error ? e : new Error(errorText(e)), dir) });
      }
    }
    const own = await scanHome(host, b, t, host.homedir, reads);
    looked.push(`${host.homedir} (folders to depth ${TARBALL_MAX_DEPTH})`);
    own.hits.forEach((h) => sightings.push(sightingOf(b, h, reads.get(h.source))));
    const ownProblem = own.failures[0] ?? (own.cut && own.hits.length === 0 ? cutReason(host.homedir) : undefined);
    if (ownProblem) unlooked.push({ probe: PROBE, looked: host.homedir, reason: ownProblem });

    const others = otherHomesProbe(OTHERS, () => true, async (c, _app, home) => {
      const s = await scanHome(c.host, b, t, home.home, reads);
      return { hits: s.hits, failures: s.cut && s.hits.length === 0 ? [...s.failures, cutReason(home.home)] : s.failures, looked: [home.home] };
    });
    const r = await others.run(ctx, detectionEntry(b));
    if (r.status === 'ran') {
      looked.push(r.looked);
      r.hits.forEach((h) => sightings.push(sightingOf(b, h, reads.get(h.source))));
    } else if (r.status === 'unknown') {
      unlooked.push({ probe: OTHERS, looked: r.looked, reason: r.reason });
    }
  }
  return { sightings, unlooked, looked };
}
