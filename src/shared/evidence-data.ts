/**
 * The keys of `Evidence.data`, each with the one concept it names. Every probe, the removal planner, the
 * audit log and the JSON report use these names and no others (the type below refuses any other key),
 * and docs/evidence.md lists only these (a test compares them). One word, one concept: `package` is the
 * package that owns a path, `user` is the person whose home a thing is in; `owner` is not a key.
 */
export const EVIDENCE_DATA_KEYS = {
  // Packages (dpkg, rpm, snap, flatpak, msix) and the paths they own
  manager: 'the package manager of the package the evidence is, or of the package that owns the path (dpkg, rpm, snap, flatpak, msix)',
  name: 'the name of the thing itself: package name, flatpak app id, process name, extension name',
  package: 'the name of the package that owns a path (with `manager`); absent when no package owns it',
  version: 'the version as its source states it',
  arch: 'the package architecture (dpkg, rpm)',
  state: 'the dpkg state of the package (installed, config-files, ...)',
  revision: 'the snap revision',
  snap: 'the snap name as the policy lists it, when the store name differs',
  scope: 'whose install: system/user (flatpak, macOS), machine/user (Windows), all-users/user (msix)',
  installation: 'the flatpak installation name',
  packageFullName: 'the MSIX package full name',
  publisher: 'the publisher as the package or Uninstall entry states it',
  // Another person's things (macOS, Linux; Windows: their profile, their HKU hive)
  user: 'the other person whose home a thing was found in (the account name; on Windows the profile folder\'s name); absent for the current user and the machine',
  home: 'that person\'s home folder',
  // Files and folders
  path: 'the folder or file looked at',
  size: 'the size in bytes',
  // Where a downloaded file came from, as the browser recorded it (Linux user.xdg.* attributes, Windows Zone.Identifier, macOS kMDItemWhereFroms)
  downloadOrigin: 'what is known of an installer\'s download origin: `official` (from the app\'s `installers.officialDomains` or a subdomain), `unofficial` (another host: likely a fake installer), `ip` (a raw IP address: likely a fake too), `unjudged` (recorded, but no host to judge or no official domains), `none` (no origin recorded), `unknown` (the record could not be read; see `downloadOriginReason`)',
  downloadOriginReason: 'why the download origin could not be read (technical, as the tool said it)',
  downloadUrl: 'the URL the file was downloaded from, as recorded (user.xdg.origin.url, HostUrl, the first of kMDItemWhereFroms)',
  downloadReferrer: 'the page that linked to the download, as recorded (user.xdg.referrer.url, ReferrerUrl, the second of kMDItemWhereFroms)',
  downloadHost: 'the host name of `downloadUrl` (else of `downloadReferrer`), normalised by the URL parser (lower case, punycode)',
  downloadZone: 'Windows: the ZoneId of the Zone.Identifier stream (3 = Internet)',
  downloadAgent: 'macOS: the program that downloaded the file, as com.apple.quarantine names it (`Safari`), when kMDItemWhereFroms kept no address',
  downloadSource: 'the installer-origin check: why the place it came from is a concern: `ip` (a bare IP address), `shortener` (a URL shortener of the policy\'s `installerOrigin.shorteners`), `file-sharing` (a host of `installerOrigin.fileSharing`); absent when neither',
  // Processes and ports
  pid: 'the process id',
  exe: 'the executable the process runs, when it could be read',
  identity: 'what the program found by its name was found to be: `place` (under an install place of the app), `folder` (beside the app\'s other programs), `package` (a banned package owns it, with `package` and `manager`), `version` (Windows: its version resource names the app\'s publisher), `bundle` (macOS: its bundle id is the app\'s), `unconfirmed` (it could not be read, or nothing in it says whose it is)',
  port: 'the listening TCP port',
  // Windows Uninstall entries and per-profile files
  hive: 'the registry hive (HKLM, HKCU, HKU\\SID)',
  view: 'the registry view (64, 32)',
  keyName: 'the Uninstall key\'s own name',
  key: 'a registry key\'s path, shortened (an Uninstall key, a Run key, a URL protocol key)',
  displayName: 'DisplayName of the Uninstall entry',
  displayVersion: 'DisplayVersion of the Uninstall entry',
  uninstallString: 'UninstallString of the Uninstall entry',
  quietUninstallString: 'QuietUninstallString of the Uninstall entry',
  installLocation: 'InstallLocation of the Uninstall entry',
  displayIcon: 'DisplayIcon of the Uninstall entry',
  windowsInstaller: '`1` for an MSI install',
  lossy: '`1` when a value could not be decoded without loss',
  productCode: 'the MSI product code {GUID}',
  sid: 'the Windows profile\'s SID',
  profile: 'the Windows profile folder (files), or the browser profile\'s folder name (extensions, web apps)',
  // The forms an app leaves besides its install (tarball, entries, shortcuts, Run values, URL handlers)
  form: 'which form: tarball, desktop-entry, autostart, shortcut, run-value, mimeapps, registry; of a browser web app: web-app-folder, desktop-entry, app-shim, shortcut',
  runs: '`1` when the program a form starts is there (the app can still run from it), `0` when it is gone',
  program: 'the app\'s program that an entry, shortcut, Run value or URL handler starts',
  schemes: 'the app\'s URL schemes a handler or entry opens, comma-separated (scheme1,scheme2)',
  scheme: 'the one URL scheme of a protocol key',
  command: 'the command line a Run value or protocol key runs, as written',
  valueName: 'the name of a registry value (a Run entry)',
  // Windows programs (their version resource)
  companyName: 'CompanyName of the program\'s version resource',
  // macOS
  bundleId: 'CFBundleIdentifier of an app bundle',
  label: 'the launchd job label',
  labelFrom: 'where the launchd label was learnt: plist (its Label key) or file-name (the plist could not be read or has no Label)',
  otherLabel: 'the Label a launchd plist named like the app\'s job holds when that Label names another job',
  domain: 'the launchd domain (user, system)',
  pkgId: 'the pkg receipt id',
  // Browser extensions
  browser: 'the browser key (chrome, edge, firefox, ...)',
  id: 'the extension id, the Chromium web-app id, or the OS id of os-release',
  url: 'the start URL a browser web app\'s shortcut records',
  manifestPath: 'where the extension\'s manifest was read',
  family: 'the browser family (chromium, firefox)',
  matchedBy: 'how the extension was recognised (id, publisher), or the web app (id, host, name)',
  active: 'whether a Firefox add-on is enabled',
  // Probes and the patch level
  probe: 'the id of the probe that looked',
  kb: 'the KB number of the last installed Windows update',
  installedOn: 'the date that update was installed',
  product: 'the OS product name',
  build: 'the OS build',
  ubr: 'the Windows update build revision',
  editionId: 'the Windows edition id',
  editionFamily: 'the Windows edition family',
  productName: 'ProductName as its source states it: of a program\'s version resource, or of the Windows edition',
  value: 'a registry value as read',
  from: 'where a judgement\'s data came from (catalog, builtin)',
  origin: 'the catalog\'s origin',
  asOf: 'the catalog\'s date',
  keyId: 'the id of the key that signed the catalog',
  tool: 'the update tool that was asked (apt, dnf, ...)',
  count: 'how many updates are pending',
  security: 'how many of them are security updates',
  refusal: 'why a catalog was refused',
  versionId: 'VERSION_ID of os-release',
  codename: 'VERSION_CODENAME of os-release',
  supportedUntil: 'the end of support of the OS release',
  via: 'the support programme that date comes from (e.g. ESM)',
  listsUpdated: 'when the package lists were last updated',
  latest: 'the latest version of a browser the catalog knows for the line it judged by',
  versionFile: 'a browser unpacked from its own archive: the file its version was read from (Firefox\'s application.ini)',
  reusedFrom: 'when the pending-updates answer that a check reused was asked (ISO time; see the memo in docs/catalog.md)',
} as const;

/** One documented key of `Evidence.data`. */
export type EvidenceDataKey = keyof typeof EVIDENCE_DATA_KEYS;

/** The raw attributes of a piece of evidence: documented keys only, every value a string. */
export type EvidenceData = { readonly [K in EvidenceDataKey]?: string };
