/**
 * Zoom installs as real installers leave them on Windows (facts: /work/shared/research/facts.md):
 * the registry keys and files, written into a wine prefix by the tests. Each install also says how
 * to take it away again.
 */
import { rmSync } from 'node:fs';
import type { WinePrefix } from './prefix';
import { deleteReg, importReg, type RegKey } from './registry';

const UNINSTALL = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
/** HKLM Uninstall key, 64-bit view. */
export const HKLM_UNINSTALL = `HKLM\\${UNINSTALL}`;
/** HKLM Uninstall key, 32-bit view (WOW6432Node). */
export const HKLM_UNINSTALL_32 = 'HKLM\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
/** HKCU Uninstall key of the wine user. */
export const HKCU_UNINSTALL = `HKCU\\${UNINSTALL}`;

/** Product code of Zoom Workplace 6.1.43316 (64-bit MSI). */
export const ZOOM_WORKPLACE_PRODUCT_CODE = '{6FC53F6B-CC58-43A0-B23E-84B95825CBFE}';
/** A product code for the 5.x MSI (32-bit view); the real one changes by version. */
export const ZOOM_5_MSI_PRODUCT_CODE = '{3B4AE9F6-9DBD-4A4E-9B49-E9C3FA0C4D21}';

/** One planted install: its keys and files, and how to remove them. */
export interface Plant {
  readonly name: string;
  readonly keys: readonly RegKey[];
  readonly files: readonly string[];
  /** Folders the install created, removed whole by `unplant`. */
  readonly dirs?: readonly string[];
}

/** Per-user Zoom (ZoomUMX) in the wine user's HKCU and %APPDATA%. */
export function perUserZoom(prefix: WinePrefix, options: { uninstallString?: string } = {}): Plant {
  const zoomDir = `${prefix.appDataWin}\\Zoom`;
  return {
    name: 'per-user ZoomUMX',
    keys: [
      {
        path: `${HKCU_UNINSTALL}\\ZoomUMX`,
        values: {
          DisplayName: 'Zoom',
          DisplayVersion: '5.13.7 (12602)',
          Publisher: 'Zoom Video Communications, Inc.',
          DisplayIcon: `${zoomDir}\\bin\\Zoom.exe`,
          InstallLocation: `${zoomDir}\\bin`,
          UninstallString: options.uninstallString ?? `"${zoomDir}\\uninstall\\Installer.exe" /uninstall`,
          EstimatedSize: { dword: 280_000 },
          NoModify: { dword: 1 },
          NoRepair: { dword: 1 },
        },
      },
    ],
    files: [`${zoomDir}\\bin\\Zoom.exe`, `${zoomDir}\\uninstall\\Installer.exe`],
    dirs: [zoomDir],
  };
}

/** SID of a second local user whose hive is not loaded (not logged on), as on a shared office PC. */
export const OTHER_USER_SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';

/**
 * Another user's per-user Zoom: only the files in their profile and their ProfileList entry (their
 * HKU hive is not loaded, so no Uninstall key is visible). ProfileImagePath is REG_EXPAND_SZ.
 */
export function otherUserZoom(userName = 'nguyenvana', sid = OTHER_USER_SID): Plant {
  const zoomDir = `C:\\users\\${userName}\\AppData\\Roaming\\Zoom`;
  return {
    name: `per-user Zoom of ${userName} (hive not loaded)`,
    keys: [
      {
        path: `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\${sid}`,
        values: { ProfileImagePath: { expand: `%SystemDrive%\\users\\${userName}` }, Flags: { dword: 0 }, State: { dword: 0 } },
      },
    ],
    files: [`${zoomDir}\\bin\\Zoom.exe`],
    dirs: [`C:\\users\\${userName}`],
  };
}

/** SID of a third user who is logged on too (fast user switching): their hive is loaded under HKU. */
export const LOGGED_ON_USER_SID = 'S-1-5-21-1004336348-1177238915-682003330-1003';

/** A logged-on other user's per-user Zoom: Uninstall key under HKU\\<SID>, ProfileList entry, files in their profile. */
export function loggedOnUserZoom(userName = 'tranthic', sid = LOGGED_ON_USER_SID): Plant {
  const zoomDir = `C:\\users\\${userName}\\AppData\\Roaming\\Zoom`;
  return {
    name: `per-user Zoom of logged-on ${userName}`,
    keys: [
      ...otherUserZoom(userName, sid).keys,
      {
        path: `HKU\\${sid}\\${UNINSTALL}\\ZoomUMX`,
        values: {
          DisplayName: 'Zoom',
          DisplayVersion: '5.16.10 (26186)',
          Publisher: 'Zoom Video Communications, Inc.',
          UninstallString: `"${zoomDir}\\uninstall\\Installer.exe" /uninstall`,
        },
      },
    ],
    files: [`${zoomDir}\\bin\\Zoom.exe`, `${zoomDir}\\uninstall\\Installer.exe`],
    dirs: [`C:\\users\\${userName}`],
  };
}

/** Per-machine Zoom Workplace 6.x MSI in the 64-bit view. */
export function machineZoomWorkplace(): Plant {
  return {
    name: 'per-machine Zoom Workplace (64-bit) MSI',
    keys: [
      {
        path: `${HKLM_UNINSTALL}\\${ZOOM_WORKPLACE_PRODUCT_CODE}`,
        values: {
          DisplayName: 'Zoom Workplace (64-bit)',
          DisplayVersion: '6.1.43316',
          Publisher: 'Zoom',
          InstallLocation: 'C:\\Program Files\\Zoom\\bin\\',
          UninstallString: `MsiExec.exe /X${ZOOM_WORKPLACE_PRODUCT_CODE}`,
          WindowsInstaller: { dword: 1 },
          EstimatedSize: { dword: 350_000 },
        },
      },
    ],
    files: ['C:\\Program Files\\Zoom\\bin\\Zoom.exe'],
    dirs: ['C:\\Program Files\\Zoom'],
  };
}

/** Per-machine Zoom 5.x MSI seen in the 32-bit view (WOW6432Node). */
export function machineZoom5Wow(): Plant {
  return {
    name: 'per-machine Zoom(64bit) 5.x MSI under WOW6432Node',
    keys: [
      {
        path: `${HKLM_UNINSTALL_32}\\${ZOOM_5_MSI_PRODUCT_CODE}`,
        values: {
          DisplayName: 'Zoom(64bit)',
          DisplayVersion: '5.17.11.34827',
          Publisher: 'Zoom Video Communications, Inc.',
          InstallLocation: 'C:\\Program Files (x86)\\Zoom\\bin\\',
          UninstallString: `MsiExec.exe /X${ZOOM_5_MSI_PRODUCT_CODE}`,
          WindowsInstaller: { dword: 1 },
        },
      },
    ],
    files: [],
  };
}

/** The Zoom Outlook plugin (its DisplayName is unconfirmed; the Publisher is Zoom's). */
export function outlookPlugin(): Plant {
  const code = '{0B76DE11-5937-4491-A66A-617E42170AFF}';
  return {
    name: 'Zoom Outlook Plugin',
    keys: [
      {
        path: `${HKLM_UNINSTALL_32}\\${code}`,
        values: {
          DisplayName: 'Zoom Outlook Plugin',
          DisplayVersion: '5.14.1',
          Publisher: 'Zoom Video Communications, Inc.',
          UninstallString: `MsiExec.exe /X${code}`,
          WindowsInstaller: { dword: 1 },
        },
      },
    ],
    files: [],
  };
}

/** Decoys: names that contain "zoom" but are not Zoom (Sysinternals ZoomIt, a Vietnamese-named app). */
export function decoys(): Plant {
  return {
    name: 'decoys',
    keys: [
      {
        path: `${HKLM_UNINSTALL}\\ZoomIt`,
        values: {
          DisplayName: 'ZoomIt',
          DisplayVersion: '8.01',
          Publisher: 'Sysinternals - www.sysinternals.com',
          UninstallString: '"C:\\Program Files\\Sysinternals\\ZoomIt\\uninstall.exe"',
        },
      },
      {
        path: `${HKCU_UNINSTALL}\\PhongToManHinh`,
        values: {
          DisplayName: 'Phóng to màn hình (Zoom kính lúp)',
          DisplayVersion: '1.2',
          Publisher: 'Công ty Phần mềm Việt',
          UninstallString: '"C:\\Program Files\\PhongTo\\go.exe"',
        },
      },
    ],
    files: ['C:\\Program Files\\Sysinternals\\ZoomIt\\ZoomIt64.exe'],
  };
}

/** A stand-in for a Windows program: enough bytes to look like a PE file to a probe that only checks existence. */
export const FAKE_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510)]);

/** Writes the installs' keys (one regedit run) and files into the prefix. */
export async function plant(prefix: WinePrefix, plants: readonly Plant[]): Promise<void> {
  for (const p of plants) for (const f of p.files) prefix.writeFile(f, FAKE_EXE);
  await importReg(prefix, plants.flatMap((p) => p.keys));
}

/** Removes the installs' keys and files from the prefix. */
export async function unplant(prefix: WinePrefix, plants: readonly Plant[]): Promise<void> {
  await deleteReg(prefix, plants.flatMap((p) => p.keys.map((k) => k.path)));
  for (const p of plants) {
    for (const f of p.files) rmSync(prefix.unixPath(f), { force: true });
    for (const d of p.dirs ?? []) rmSync(prefix.unixPath(d), { recursive: true, force: true });
  }
}
