/** The `electron` module as the shim gives it to the app: only what the app uses; anything else throws. */
import { app } from './app';
import { ipcMain } from './ipc-main';
import { Menu, Notification, nativeImage, powerMonitor, shell, Tray } from './native';
import { strict } from './strict';
import { utilityProcess } from './utility-process';
import { BrowserWindow, session } from './window';

/** Every export, by name (the API-list test compares the app's uses with this). */
export const electronShim = { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, powerMonitor, session, shell, Tray, utilityProcess };

export default strict('electron', electronShim);
