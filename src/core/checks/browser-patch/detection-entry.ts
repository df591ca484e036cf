import type { BannedApp, PolicyBrowser } from '../../policy/policy-schema';

/**
 * A browser's policy entry in the shape the banned-app probes read (their package, Uninstall and app-bundle
 * probes look only at these fields), so that one tested reader of dpkg, rpm, snap, flatpak, the Uninstall keys
 * and the app bundles serves both checks. Everything else is empty: nothing else is looked for.
 */
export function detectionEntry(b: PolicyBrowser): BannedApp {
  return {
    id: b.id,
    name: b.name,
    advisoryPoint: 2,
    linux: { dpkg: b.linux.dpkg, rpm: b.linux.rpm, snap: b.linux.snap, flatpak: b.linux.flatpak, installPaths: [], processNames: [], leftovers: [], launchers: [], tarballFiles: [] },
    windows: { uninstallKeyNames: [], displayNamePatterns: b.windows.displayNamePatterns, publishers: [], profileExecutables: [], programFilesExecutables: [], msixPackagePrefixes: [], processNames: [], leftovers: [] },
    macos: { bundleIds: b.macos.bundleIds, appNames: b.macos.appNames, receiptPrefixes: [], launchdLabelPrefixes: [], appFolders: [], processNames: [], localPorts: [], localServerProcesses: [], localServerFolders: [], leftovers: [], removable: [] },
    installers: { folders: [], filePatterns: [], officialDomains: [] },
    urlSchemes: [],
    browserExtensions: { chromiumIds: [], firefoxIds: [], publishers: [], namePatterns: [] },
    webApps: { chromiumIds: [], hosts: [], names: [] },
  };
}
