import type { Host } from './host/host';

/** Folder name of our data under the OS's per-user app data folder; the Electron app uses the same. */
export const APP_DIR_NAME = 'attt-selfcheck';

/**
 * The per-user data folder (state, history, audit log, catalogs placed by IT), shared by the CLI
 * and the app: %APPDATA%\attt-selfcheck, ~/Library/Application Support/attt-selfcheck,
 * $XDG_CONFIG_HOME/attt-selfcheck. ATTT_SELFCHECK_DATA_DIR overrides it.
 */
export function userDataDir(host: Host): string {
  const override = host.env.ATTT_SELFCHECK_DATA_DIR;
  if (override) return override;
  const p = host.path;
  switch (host.platform) {
    case 'win32':
      return p.join(host.env.APPDATA || p.join(host.homedir, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return p.join(host.homedir, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return p.join(host.env.XDG_CONFIG_HOME || p.join(host.homedir, '.config'), APP_DIR_NAME);
  }
}

/**
 * The machine-wide folder IT fills for every user (the organisation policy and its key, newer catalogs):
 * %ProgramData%\attt-selfcheck, /Library/Application Support/attt-selfcheck, /etc/attt-selfcheck.
 */
export function machineConfigDir(host: Host): string {
  const p = host.path;
  switch (host.platform) {
    case 'win32':
      return p.join(host.env.ProgramData || host.env.PROGRAMDATA || 'C:\\ProgramData', APP_DIR_NAME);
    case 'darwin':
      return p.join('/Library/Application Support', APP_DIR_NAME);
    default:
      return p.join('/etc', APP_DIR_NAME);
  }
}
