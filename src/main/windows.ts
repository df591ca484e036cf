/**
 * The assistant window: closed by default, hardened (context isolation, sandbox, no Node, web
 * security, strict CSP, no navigation, no new windows, no remote content), hidden rather than
 * closed so the app lives on in the tray.
 */
import { join } from 'node:path';
import { BrowserWindow, shell, type Session, type WebPreferences } from 'electron';
import type { FocusTarget, Page } from '../shared/ipc-contract';
import { CSP, isOwnUrl, type RendererPage } from './csp';
import { isAllowedExternal } from './external-links';
import { send } from './ipc-main';

/** The web preferences of every window of the app. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

/** Session-wide rules: CSP header on every response, no permissions, no request leaving the machine. */
export function hardenSession(session: Session, page: RendererPage): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isOwnUrl(details.url, page) });
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The smallest window: the layout fits it without horizontal scrolling, also at 200 % scaling. */
export const WINDOW_MIN = { width: 800, height: 600 } as const;

/** Where the window's files are. */
export interface WindowPaths {
  readonly preload: string;
  readonly rendererHtml: string;
  /** Set by electron-vite while developing; never in a packaged app. */
  readonly devServerUrl?: string;
}

/** The one window of the app, created on first use and hidden on close. */
export class AssistantWindow {
  private win: BrowserWindow | null = null;
  private quitting = false;

  constructor(
    private readonly paths: WindowPaths,
    private readonly title: () => string,
  ) {}

  /** Lets the window really close (on quit). */
  allowClose(): void {
    this.quitting = true;
  }

  /** The page, when the window exists. */
  get webContents(): Electron.WebContents | null {
    return this.win && !this.win.isDestroyed() ? this.win.webContents : null;
  }

  /** Shows the window (creating it if needed), optionally on one page and finding, or with one control focused. */
  show(page?: Page, findingId?: string, focus?: FocusTarget): void {
    const win = this.win && !this.win.isDestroyed() ? this.win : this.create();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (page) {
      const go = (): void => send(win.webContents, 'nav:open', { page, ...(findingId ? { findingId } : {}), ...(focus ? { focus } : {}) });
      if (win.webContents.isLoading()) win.webContents.once('did-finish-load', go);
      else go();
    }
  }

  private create(): BrowserWindow {
    const win = new BrowserWindow({
      width: 960,
      height: 700,
      // 800x600 is the smallest the layout is made and tested for (tests/e2e/layout.test.ts).
      minWidth: WINDOW_MIN.width,
      minHeight: WINDOW_MIN.height,
      show: false,
      title: this.title(),
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.paths.preload),
    });
    const wc = win.webContents;
    wc.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    wc.on('will-navigate', (event) => event.preventDefault());
    wc.on('will-redirect', (event) => event.preventDefault());
    wc.on('will-attach-webview', (event) => event.preventDefault());
    win.on('close', (event) => {
      if (!this.quitting) {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      this.win = null;
    });
    if (this.paths.devServerUrl) void win.loadURL(this.paths.devServerUrl);
    else void win.loadFile(this.paths.rendererHtml);
    this.win = win;
    return win;
  }
}

/** The page the window loads, as the request filter and the IPC sender check know it. */
export function rendererPage(paths: WindowPaths): RendererPage {
  return { html: paths.rendererHtml, ...(paths.devServerUrl ? { devServerUrl: paths.devServerUrl } : {}) };
}

/** The default file locations relative to the built main script (out/main). */
export function defaultWindowPaths(mainDir: string, devServerUrl: string | undefined): WindowPaths {
  return {
    preload: join(mainDir, '../preload/index.js'),
    rendererHtml: join(mainDir, '../renderer/index.html'),
    ...(devServerUrl ? { devServerUrl } : {}),
  };
}
