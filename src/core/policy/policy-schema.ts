import { z } from 'zod';

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

const linuxSignature = z
  .object({
    dpkg: names,
    rpm: names,
    snap: names,
    flatpak: names,
    /** Absolute folders a manual install leaves, e.g. /opt/zoom. */
    installPaths: names,
    /** Exact process names (comm / executable base name). */
    processNames: names,
    /** Paths (~ = home) left behind after removal. */
    leftovers: names,
    /** Absolute programs that start the app (what a menu entry's Exec names), e.g. /usr/bin/zoom. */
    launchers: names,
    /** Files that together make a folder the app's official tarball, unpacked (e.g. ZoomLauncher and zoom, both programs). */
    tarballFiles: names,
  })
  .strict();

const windowsSignature = z
  .object({
    /** Uninstall subkey names that are this app whatever their DisplayName (e.g. ZoomUMX). */
    uninstallKeyNames: names,
    /** DisplayName patterns (case-insensitive, anchored by the author). */
    displayNamePatterns: z.array(pattern).default([]),
    /** Exact publishers (case-insensitive). */
    publishers: names,
    /** Executables relative to each profile's %APPDATA%. */
    profileExecutables: names,
    /** Executables relative to Program Files (both views). */
    programFilesExecutables: names,
    /** MSIX/Store package name prefixes. */
    msixPackagePrefixes: names,
    processNames: names,
    /** Paths with %APPDATA%/%LOCALAPPDATA% left behind after removal. */
    leftovers: names,
  })
  .strict();

const macosSignature = z
  .object({
    bundleIds: names,
    appNames: names,
    receiptPrefixes: names,
    launchdLabelPrefixes: names,
    /** Folders (~ = home) where a copy of the app may lie outside /Applications, found there by bundle id only. */
    appFolders: names,
    processNames: names,
    localPorts: z.array(z.number().int().min(1).max(65535)).default([]),
    leftovers: names,
  })
  .strict();

/** One official browser extension of a banned app, with where its id was confirmed. */
const extensionRef = z.object({ id: z.string().min(1), name: z.string().min(1), source: z.string().min(1) }).strict();

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

const bannedApp = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    advisoryPoint: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    linux: linuxSignature,
    windows: windowsSignature,
    macos: macosSignature,
    installers: z.object({ folders: names, filePatterns: z.array(pattern).default([]) }).strict(),
    /** URL schemes the app registers (meeting links such as zoommtg:), lower case. */
    urlSchemes: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'a URL scheme in lower case')).default([]),
    browserExtensions: browserExtensions.default({ chromiumIds: [], firefoxIds: [], publishers: [], namePatterns: [] }),
  })
  .strict();

/** The schema of a policy file. The built-in one is Công văn 1981/UBND-VHTT. */
export const policySchema = z
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
    patch: z
      .object({
        /** A system more than this many days behind the latest known update is a warning. */
        maxBehindDays: z.number().int().min(1).max(3650),
        /** A catalog older than this is said to be possibly stale. */
        catalogMaxAgeDays: z.number().int().min(1).max(3650),
      })
      .strict(),
    /** How often the tray looks for banned apps on its own, between full checks (which follow the settings' interval). */
    schedule: z
      .object({
        /** Minutes between banned-app checks: an installed or running Zoom is news that cannot wait hours. */
        bannedAppMinutes: z.number().int().min(5).max(1440),
      })
      .strict()
      .default({ bannedAppMinutes: 30 }),
  })
  .strict();

/** A validated policy. */
export type Policy = z.infer<typeof policySchema>;
/** One banned application's detection signatures. */
export type BannedApp = Policy['bannedApps'][number];
