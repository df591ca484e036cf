/**
 * Where each OS keeps a browser's version, read through the banned-app probes of packages, Uninstall keys and app
 * bundles (the same readers, fed the browser's entry): Linux dpkg, rpm, snap, flatpak and the vendors' install
 * folders; Windows the Uninstall keys (HKLM, HKLM\WOW6432Node, HKCU: DisplayVersion); macOS the app bundles
 * (CFBundleShortVersionString); Linux also a vendor's archive unpacked by hand (tarball-installs.ts); Windows also
 * the programs at their known places (their PE version resource); an install whose channel its version does not
 * say, by its channel file or a machine policy (Chrome Extended Stable). Each install becomes one sighting; a place
 * that could not be looked at is said.
 */
import type { Platform } from '../../host/host';
import type { PolicyBrowser } from '../../policy/policy-schema';
import { runProbes, type ProbeSet } from '../banned-app/banned-app-check';
import { dpkgProbe } from '../banned-app/linux/dpkg';
import { flatpakProbe } from '../banned-app/linux/flatpak';
import { rpmProbe } from '../banned-app/linux/rpm';
import { snapProbe } from '../banned-app/linux/snap';
import { appBundlesProbe } from '../banned-app/macos/app-bundles';
import type { Hit } from '../banned-app/probe';
import { currentUserUninstallProbe, machineUninstallProbe, machineWow64UninstallProbe } from '../banned-app/windows/uninstall-probes';
import type { CheckContext } from '../check';
import { browserOfVersion, type BrowserSighting, type BrowserSightings, type BrowserUnlooked } from './browser-sighting';
import { detectionEntry } from './detection-entry';
import { byChannelFile } from './channel-files';
import { byChannelPolicy, policyKeyReader } from './channel-policies';
import { installFolderSightings } from './install-folders';
import { tarballSightings } from './tarball-installs';
import { programSightings } from './windows-executables';

/** The banned-app probes that read a browser's installs, per platform. */
export const BROWSER_PROBES: ProbeSet = {
  linux: [dpkgProbe, rpmProbe, snapProbe, flatpakProbe],
  win32: [machineUninstallProbe, machineWow64UninstallProbe, currentUserUninstallProbe],
  darwin: [appBundlesProbe],
};

// Ubuntu's transitional debs (`1:1snap1-0ubuntu5`) only install the snap: the snap is the browser, not them.
const TRANSITIONAL = /^(?:\d+:)?\d+snap\d/;

function sightingOf(hit: Hit, entry: PolicyBrowser, all: readonly PolicyBrowser[]): BrowserSighting | null {
  if (hit.kind !== 'installed') return null;
  const raw = hit.evidence.version;
  if (raw !== undefined && hit.evidence.kind === 'package' && TRANSITIONAL.test(raw)) return null;
  return { browser: browserOfVersion(entry, raw, all), install: hit.install, ...(raw ? { rawVersion: raw } : {}), evidence: [hit.evidence] };
}

/** Looks for every browser of the policy with the probes of this platform; never throws. */
export async function seeBrowsers(ctx: CheckContext, browsers: readonly PolicyBrowser[], probes: ProbeSet = BROWSER_PROBES): Promise<BrowserSightings> {
  const platform: Platform = ctx.host.platform;
  const sightings = new Map<string, BrowserSighting>();
  const unlooked = new Map<string, BrowserUnlooked>();
  const looked = new Set<string>();
  for (const b of browsers) {
    const results = await runProbes(probes, ctx, detectionEntry(b));
    for (const [probe, r] of results) {
      if (r.status === 'ran') {
        looked.add(r.looked);
        for (const h of r.hits) {
          const s = sightingOf(h, b, browsers);
          if (s && !sightings.has(s.install)) sightings.set(s.install, s);
        }
      } else if (r.status === 'unknown') {
        // One place (a tool, a key) read for every browser: said once.
        if (!unlooked.has(probe.id)) unlooked.set(probe.id, { probe: probe.id, looked: r.looked, reason: r.reason });
      }
    }
  }
  if (platform === 'linux') {
    const found = new Set([...sightings.values()].map((s) => s.browser.id));
    const folders = await installFolderSightings(ctx.host, browsers.filter((b) => !found.has(b.id)));
    folders.sightings.forEach((s) => sightings.set(s.install, s));
    folders.unlooked.forEach((u) => unlooked.set(`${u.probe}:${u.looked}`, u));
    folders.looked.forEach((l) => looked.add(l));
    // An unpacked archive is an install of its own, beside any package of the same browser.
    const tarballs = await tarballSightings(ctx, browsers);
    tarballs.sightings.forEach((s) => sightings.set(s.install, s));
    tarballs.unlooked.forEach((u) => unlooked.set(`${u.probe}:${u.looked}`, u));
    tarballs.looked.forEach((l) => looked.add(l));
  }
  if (platform === 'win32') {
    const programs = await programSightings(ctx.host, browsers, [...sightings.values()]);
    programs.updated.forEach((s) => sightings.set(s.install, s));
    programs.sightings.forEach((s) => sightings.set(s.install, s));
    programs.unlooked.forEach((u) => unlooked.set(`${u.probe}:${u.looked}`, u));
    programs.looked.forEach((l) => looked.add(l));
  }
  const readKey = policyKeyReader(ctx.host);
  const judged = await Promise.all([...sightings.values()].map(async (s) => byChannelPolicy(ctx.host, await byChannelFile(ctx.host, s, browsers), browsers, readKey)));
  return { sightings: judged, unlooked: [...unlooked.values()], looked: [...looked] };
}
