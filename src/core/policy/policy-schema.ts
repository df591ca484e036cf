import type { z as Zod } from 'zod';
import { lazySchema } from '../lazy-zod';

/** The schemas of a policy file and of one banned app in it, built on first use. */
const schemas = lazySchema((z) => {
  const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
  /** A case-insensitive regular expression given as text; checked to compile. */
  const pattern = z.string().min(1).refine((s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'a valid regular expression');
  const names = z.array(z.string().min(1)).default([]);

  /** How the app is found and removed on Linux. */
  const linuxSignature = z
    .object({
      /** Debian package names (`dpkg-query`): removed with `apt-get purge`. */
      dpkg: names,
      /** RPM package names (`rpm -qa`): removed with dnf, yum, zypper or `rpm -e`, whichever is present (remediation/rpm-removal.ts). */
      rpm: names,
      /** Snap names (`snap list`); `/snap/NAME` is the app's place. */
      snap: names,
      /** Flatpak application ids (reverse DNS), system and user installations. */
      flatpak: names,
      /** Absolute folders a package or a manual install leaves, e.g. /opt/APP; a program under one is the app's. */
      installPaths: names,
      /** Exact process names (comm / executable base name), judged by where the executable lies. */
      processNames: names,
      /** Paths (~ = home) left behind after removal. */
      leftovers: names,
      /** Absolute programs that start the app (what a menu entry's Exec names), e.g. /usr/bin/APP. */
      launchers: names,
      /** Files that together make a folder the app's official tarball, unpacked (every one a program). */
      tarballFiles: names,
    })
    .strict();

  /** How the app is found and removed on Windows. */
  const windowsSignature = z
    .object({
      /** Uninstall subkey names that are this app whatever their DisplayName. */
      uninstallKeyNames: names,
      /** Uninstall DisplayName patterns (case-insensitive, anchored by the author). */
      displayNamePatterns: z.array(pattern).default([]),
      /** The vendor's names as Uninstall `Publisher` and as the programs' CompanyName (case, spaces and a final period aside). */
      publishers: names,
      /** Executables relative to each profile's %APPDATA%; the first folder is an install folder of the app. */
      profileExecutables: names,
      /** Executables relative to Program Files (both views); the first folder is an install folder of the app. */
      programFilesExecutables: names,
      /** MSIX/Store package name prefixes. */
      msixPackagePrefixes: names,
      /** Exact process image names (tasklist), judged by their program's CompanyName. */
      processNames: names,
      /** Paths with %APPDATA%/%LOCALAPPDATA% left behind after removal. */
      leftovers: names,
      /** The vendor's own clean-up tool, offered as a manual step when the uninstaller cannot run or fails. */
      cleanupTool: z
        .object({
          /** The tool's name as the vendor calls it. */
          name: z.string().min(1),
          /** Its program file, as the person sees it once downloaded. */
          program: z.string().min(1),
          /** The vendor's page to download it from (https). */
          url: z.string().url().startsWith('https://'),
        })
        .strict()
        .optional(),
    })
    .strict();

  /** How the app is found and removed on macOS. */
  const macosSignature = z
    .object({
      /** CFBundleIdentifier values: a bundle is the app by its id, whatever its name. */
      bundleIds: names,
      /** Bundle names looked for in /Applications and ~/Applications (then confirmed by bundle id). */
      appNames: names,
      /** pkg receipt id prefixes (`pkgutil --pkgs`); only such receipts are forgotten. */
      receiptPrefixes: names,
      /** launchd label prefixes: plists named so in the LaunchAgents/LaunchDaemons folders are the app's. */
      launchdLabelPrefixes: names,
      /** Folders (~ = home) where a copy of the app may lie outside /Applications, found there by bundle id only. */
      appFolders: names,
      /** Exact executable names, judged by the bundle they run from. */
      processNames: names,
      /** TCP ports a local web server of the app listens on (an old meeting helper that outlives the app). */
      localPorts: z.array(z.number().int().min(1).max(65535)).default([]),
      /** Process names of that local web server: closed by pid before its folder goes. */
      localServerProcesses: names,
      /** Folders (~ = home) that hold that local web server, removed with it. */
      localServerFolders: names,
      /** Paths (~ = home) left behind after removal, looked for by the leftover probe. */
      leftovers: names,
      /** More paths removal may delete when a finding names them, `*` inside one name (never across `/`); not looked for. */
      removable: names,
    })
    .strict();

  /** A domain name as the URL parser gives a host: lower case, punycode for non-ASCII. */
  const domainName = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, 'a domain name in lower case (punycode for non-ASCII)');
  const installerExtension = z.string().regex(/^[a-z0-9]{1,16}$/, 'an extension in lower case without the dot');

  /** One official browser extension of a banned app, with where its id was confirmed. */
  const extensionRef = z.object({ id: z.string().min(1), name: z.string().min(1), source: z.string().min(1) }).strict();

  /** The app's official browser extensions, by id. */
  const browserExtensions = z
    .object({
      /** Chrome Web Store ids (32 letters a-p), the same in Chrome, Edge, Brave, Chromium, Cốc Cốc. */
      chromiumIds: z.array(extensionRef.extend({ id: z.string().regex(/^[a-p]{32}$/, 'a Chromium extension id') })).default([]),
      /** Firefox add-on ids (`{GUID}` or `name@domain`). */
      firefoxIds: z.array(extensionRef).default([]),
      /** Secondary signal: exact author/creator (case-insensitive), only together with a name pattern. */
      publishers: names,
      namePatterns: z.array(pattern).default([]),
    })
    .strict();

  /** A domain name in lower case (punycode for non-ASCII). */
  const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, 'a domain name in lower case (punycode for non-ASCII)');

  /** The app as a browser web app (installed from Chrome, Edge, ...: docs/online-apps.md, «Browser web apps»). */
  const webApps = z
    .object({
      /** Chromium web-app ids (32 letters a-p, derived from the app's manifest id: the same in every Chromium browser). */
      chromiumIds: z.array(extensionRef.extend({ id: z.string().regex(/^[a-p]{32}$/, 'a Chromium web-app id') })).default([]),
      /** Hosts of the start URL (and their subdomains), where a shortcut records the URL. */
      hosts: z.array(domain).default([]),
      /** The names the web app gives itself (exact, case-insensitive), for a browser's web-app shortcut that records neither a known id nor a URL. */
      names: names,
    })
    .strict();

  /** A banned app: everything that finds it and removes it, on every OS (docs/banned-apps.md, field by field). */
  const bannedApp = z
    .object({
      /** Its id: `attt-selfcheck fix ID`, finding ids, export query names. */
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Its display name, as people know it: every text about it names it so. */
      name: z.string().min(1),
      /** The point of the policy it breaks. */
      advisoryPoint: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
      linux: linuxSignature,
      windows: windowsSignature,
      macos: macosSignature,
      /**
       * Installer files in each home's `folders` (Downloads, Desktop) whose name matches one of `filePatterns`;
       * one downloaded from a host outside `officialDomains` (and their subdomains) is likely a fake installer.
       */
      installers: z
        .object({
          folders: names,
          filePatterns: z.array(pattern).default([]),
          officialDomains: z.array(domainName).default([]),
        })
        .strict(),
      /** URL schemes the app registers (its meeting links), lower case. */
      urlSchemes: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'a URL scheme in lower case')).default([]),
      browserExtensions: browserExtensions.default({ chromiumIds: [], firefoxIds: [], publishers: [], namePatterns: [] }),
      webApps: webApps.default({ chromiumIds: [], hosts: [], names: [] }),
    })
    .strict();

  /** A browser whose version the browser-patch check judges against the catalog (docs/catalog.md, «Browsers»). */
  const browserEntry = z
    .object({
      /** The catalog's browser id (`catalog.browsers[].id`). */
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** As people know it: every text about it names it so. */
      name: z.string().min(1),
      /** A version that contains `marker` (case-insensitive) is of another entry: Firefox's «153.4.0esr» is Firefox ESR. */
      variants: z
        .array(
          z
            .object({
              marker: z.string().min(1),
              browser: z.string().regex(/^[a-z0-9-]+$/),
              /** Text the install's channel file (`windows.channelFiles`, `macos.channelFiles`) holds for this variant, where its version does not say. */
              inChannelFile: z.string().min(1).optional(),
            })
            .strict(),
        )
        .default([]),
      /**
       * Machine policies that put an install on another entry's channel, where neither version nor files say it:
       * Chrome with Google Update's «Target Channel override» set to `extended` is Extended Stable.
       */
      channelPolicies: z
        .array(
          z
            .object({
              browser: z.string().regex(/^[a-z0-9-]+$/),
              /** The registry value (HKLM, 64-bit view) and the text it holds for this channel (case-insensitive). */
              windows: z.object({ key: z.string().regex(/^HKLM\\/), value: z.string().min(1), data: z.string().min(1) }).strict().optional(),
            })
            .strict(),
        )
        .default([]),
      linux: z
        .object({
          /** Debian package names (`dpkg-query`): the package's version is the browser's. */
          dpkg: names,
          /** RPM package names (`rpm -qa`). */
          rpm: names,
          /** Snap names (`snap list`). */
          snap: names,
          /** Flatpak application ids. */
          flatpak: names,
          /** Folders a vendor's package installs into; one no package owns is said, its version unread. */
          installPaths: names,
          /**
           * The vendor's own archive unpacked by hand (Firefox's firefox-*.tar.xz): at the places its instructions name
           * and anywhere in a home, recognised by its program beside its version file, never by a folder's name.
           */
          tarball: z
            .object({
              /** Fixed places the vendor's instructions unpack it to (`/opt/firefox`). */
              folders: names,
              /** The program (an ELF file, not a link) at the top of the unpacked folder. */
              program: z.string().min(1),
              /** The INI file beside it whose `[App]` section states `Version=` (Mozilla's `application.ini`). */
              versionFile: z.string().min(1),
              /** `[App]` `Vendor=` and `Name=` of this browser: another Gecko program's file names another. */
              vendor: z.string().min(1),
              appName: z.string().min(1),
            })
            .strict()
            .optional(),
          /** Files in an unpacked folder whose text may name a variant (`variants[].inChannelFile`), relative to it. */
          channelFiles: names,
        })
        .strict(),
      windows: z
        .object({
          /** Uninstall DisplayName patterns (case-insensitive), in HKLM, HKLM\\WOW6432Node and HKCU; DisplayVersion is the version. */
          displayNamePatterns: z.array(pattern).default([]),
          /** Programs, `%ProgramFiles%`, `%ProgramFiles(x86)%` or `%LOCALAPPDATA%` first: their version resource says the version. */
          executables: names,
          /** Files beside the program whose text may name a variant (`variants[].inChannelFile`), relative to its folder. */
          channelFiles: names,
        })
        .strict(),
      macos: z
        .object({
          /** CFBundleIdentifier values of the browser's app bundle. */
          bundleIds: names,
          /** Bundle names looked for in /Applications and ~/Applications (then confirmed by bundle id). */
          appNames: names,
          /** Files in the bundle whose text may name a variant (`variants[].inChannelFile`), relative to the bundle. */
          channelFiles: names,
        })
        .strict(),
    })
    .strict();

  const policy = z
    .object({
      schemaVersion: z.literal(1),
      id: z.string().regex(/^[a-z0-9-]+$/),
      number: z.string().min(1),
      date: isoDate,
      issuer: localized,
      title: localized,
      citations: z.array(
        z.object({ id: z.string().min(1), number: z.string().min(1), issuer: localized, date: isoDate, title: localized }).strict(),
      ),
      points: z.array(z.object({ n: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), text: localized }).strict()).min(1),
      /** The risks the document itself names, in its own words (the advisory page shows them, citing it). */
      risks: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text: localized }).strict()).default([]),
      bannedApps: z.array(bannedApp),
      /**
       * Online meeting, messaging and file-sharing apps points 3 and 4 govern (docs/online-apps.md): found as banned
       * apps are (the same entry), never banned: a `notice` with the rules for using them.
       */
      onlineApps: z.array(bannedApp).default([]),
      /**
       * Where any installer in the user's download folders came from (the `installer-origin` check, docs/evidence.md):
       * the folders under home and the file name extensions that make an installer, and the hosts an installer
       * should never come from. A listed app's installer (its `installers.filePatterns`) is judged against its
       * `officialDomains` instead. Absent: the check has nothing to look at and says nothing.
       */
      installerOrigin: z
        .object({
          /** Folders under each home (Downloads, Desktop); Linux adds the localized XDG ones. */
          folders: names,
          /** Extensions that make a file an installer, lower case without the dot (`exe`, `appimage`); compared case-insensitively. */
          extensions: z.array(installerExtension).default([]),
          /** URL shorteners: a link through one hides where it leads. */
          shorteners: z.array(domainName).default([]),
          /** File-sharing hosts: anyone can put a file there; it is no vendor's official source. */
          fileSharing: z.array(domainName).default([]),
        })
        .strict()
        .optional(),
      patch: z
        .object({
          /** A system more than this many days behind the latest known update is a warning. */
          maxBehindDays: z.number().int().min(1).max(3650),
          /** A catalog older than this is said to be possibly stale. */
          catalogMaxAgeDays: z.number().int().min(1).max(3650),
        })
        .strict(),
      /** Browsers judged against the catalog (point 2: applications patched as well as the OS). */
      browsers: z
        .object({
          /** A browser more than this many days behind a release it lacks is a warning. */
          maxBehindDays: z.number().int().min(1).max(3650),
          list: z.array(browserEntry),
        })
        .strict()
        .default({ maxBehindDays: 14, list: [] }),
      /** How often the tray looks for banned apps on its own, between full checks (which follow the settings' interval). */
      schedule: z
        .object({
          /** Minutes between banned-app checks: an installed or running banned app is news that cannot wait hours. */
          bannedAppMinutes: z.number().int().min(5).max(1440),
        })
        .strict()
        .default({ bannedAppMinutes: 30 }),
    })
    .strict();
  return { policy, bannedApp, domainName, installerExtension };
});

/** The schema of a policy file (built on first use). The built-in one is Công văn 1981/UBND-VHTT. */
export const policySchema = (): ReturnType<typeof schemas>['policy'] => schemas().policy;

/** A validated policy. */
export type Policy = Zod.infer<ReturnType<typeof policySchema>>;
/** One banned application's detection signatures. */
export type BannedApp = Policy['bannedApps'][number];
/** One online app the policy lists (the banned-app entry's shape: found the same way). */
export type OnlineApp = Policy['onlineApps'][number];
/** One browser the browser-patch check looks for. */
export type PolicyBrowser = Policy['browsers']['list'][number];
/** The schema of one banned app (built on first use): the built-in policy's and an organisation policy's extra ones are the same. */
export const bannedAppSchema = (): ReturnType<typeof schemas>['bannedApp'] => schemas().bannedApp;
/** A domain name as the policy writes one (lower case, punycode), built on first use. */
export const domainNameSchema = (): ReturnType<typeof schemas>['domainName'] => schemas().domainName;
/** An installer's file name extension as the policy writes one (lower case, no dot), built on first use. */
export const installerExtensionSchema = (): ReturnType<typeof schemas>['installerExtension'] => schemas().installerExtension;
