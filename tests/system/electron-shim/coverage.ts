/**
 * What the shim implements, by Electron type name as electron.d.ts declares it, and which events
 * it emits. tests/main/electron-shim-api.test.ts compares the app's uses (read from the source with
 * the TypeScript checker) with these tables, so the day the app calls something new, it fails.
 */
import { app } from './app';
import { electronShim } from './electron';
import { invokeEvent, ipcMainImpl } from './ipc-main';
import { nativeImage, ShimImage, ShimMenu, ShimNotification, ShimTray, powerMonitor, shell } from './native';
import { ShimUtilityProcessClass, utilityProcess } from './utility-process';
import { preventable, requestDetails, ShimBrowserWindow, ShimWebContents, ShimWebRequest, defaultSessionImpl, session } from './window';

/** Where each Electron type's members are implemented (a member counts when it is `in` one of the objects). */
export const IMPLEMENTS: Readonly<Record<string, readonly object[]>> = {
  electron: [electronShim],
  App: [app],
  BaseWindow: [ShimBrowserWindow.prototype],
  BrowserWindow: [ShimBrowserWindow, ShimBrowserWindow.prototype],
  WebContents: [ShimWebContents.prototype],
  Session: [session, defaultSessionImpl],
  WebRequest: [ShimWebRequest.prototype],
  IpcMain: [ipcMainImpl],
  Tray: [ShimTray.prototype],
  Menu: [ShimMenu, ShimMenu.prototype],
  Notification: [ShimNotification, ShimNotification.prototype],
  NativeImage: [nativeImage, ShimImage.prototype],
  Shell: [shell],
  PowerMonitor: [powerMonitor],
  UtilityProcess: [utilityProcess, ShimUtilityProcessClass.prototype],
  // The objects the shim hands to the app's listeners, built by the same functions the shim uses.
  IpcMainInvokeEvent: [invokeEvent(null, 'file:///x')],
  WebFrameMain: [invokeEvent(null, 'file:///x').senderFrame!],
  Event: [preventable({})],
  OnBeforeRequestListenerDetails: [requestDetails('file:///x', 'GET', 'script')],
  OnHeadersReceivedListenerDetails: [{ ...requestDetails('file:///x', 'GET', 'script'), statusCode: 200, responseHeaders: {} }],
};

/** Electron members the app's source names that the shim leaves out on purpose, with the reason. */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  'Dock.hide': 'app.dock is undefined off macOS, in Electron as in the shim (which runs on Linux)',
};

/** The events the shim emits, by type. */
export const EMITS: Readonly<Record<string, readonly string[]>> = {
  App: ['ready', 'second-instance', 'before-quit', 'will-quit', 'quit', 'window-all-closed'],
  BaseWindow: ['close', 'closed'],
  BrowserWindow: ['close', 'closed'],
  WebContents: ['did-finish-load', 'will-navigate'],
  Tray: ['click'],
  Notification: ['show', 'click', 'close', 'action'],
  PowerMonitor: ['resume', 'suspend', 'lock-screen', 'unlock-screen'],
  UtilityProcess: ['spawn', 'message', 'exit', 'error'],
};

/** Events the app listens to that the shim never emits, with the reason (the README repeats them). */
export const NOT_EMITTED: Readonly<Record<string, string>> = {
  'WebContents:will-redirect': "CDP's Fetch domain shows a redirect as a new request; the shim does not tell redirects apart (the app's file:// pages have no server to redirect)",
  'WebContents:will-attach-webview': 'webviewTag is false and Chromium has no <webview>: nothing can attach one',
};
