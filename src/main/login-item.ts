/** "Start at login" on each OS: Electron's login item on Windows and macOS, an XDG autostart entry on Linux. */
import { app } from 'electron';
import { join } from 'node:path';
import { mainTranslator } from './i18n';
import { AUTOSTART_FILE, autostartDir, desktopEntry, launchCommand, setAutostart } from './linux-autostart';

/** Applies the setting; `onError` hears where and why it could not (Linux: the entry could not be written). */
export function applyLoginItem(openAtLogin: boolean, onError: (file: string, e: unknown) => void): void {
  if (process.platform === 'win32' || process.platform === 'darwin') {
    // Started hidden, in the tray: no --show, so no window (from source, electron needs the app folder).
    app.setLoginItemSettings({ openAtLogin, args: app.isPackaged ? [] : [app.getAppPath()] });
    return;
  }
  if (process.platform !== 'linux') return;
  const dir = autostartDir(process.env, app.getPath('home'));
  try {
    const [en, vi] = [mainTranslator('en'), mainTranslator('vi')];
    const argv = launchCommand({ execPath: process.execPath, appImage: process.env.APPIMAGE, packaged: app.isPackaged, appPath: app.getAppPath() });
    const entry = openAtLogin ? desktopEntry(argv, { en: en.t('ui:app.name'), vi: vi.t('ui:app.name') }, { en: en.t('ui:app.subtitle'), vi: vi.t('ui:app.subtitle') }) : null;
    setAutostart(dir, entry);
  } catch (e) {
    onError(join(dir, AUTOSTART_FILE), e);
  }
}

/**
 * At start, applies an enabled setting: on by default, it may never have been applied (a first start), and on
 * Linux the entry follows the app when it moved (an AppImage in another folder, an update). Off is left alone.
 */
export function refreshLoginItem(openAtLogin: boolean, onError: (file: string, e: unknown) => void): void {
  if (openAtLogin) applyLoginItem(true, onError);
}
