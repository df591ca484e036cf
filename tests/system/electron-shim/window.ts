/**
 * BrowserWindow, webContents and session on a real page in Chromium (playwright-core over CDP): the
 * built renderer loaded from file://, the built preload evaluated before the page's scripts in its own
 * isolated world (context isolation: page-runtime.ts), and ipcRenderer.invoke/on carried by CDP
 * bindings of that world to the shim's ipcMain, so the app's own handlers (sender check included)
 * answer the real page. The window's frame is not drawn: show, hide and
 * focus are recorded.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Route } from 'playwright-core';
import { app } from './app';
import { record } from './control';
import { invokeEvent, ipcMainImpl } from './ipc-main';
import { DELIVER, INVOKE_BINDING, mainWorldBridge, MISSING_BINDING, PRELOAD_WORLD, preloadRuntime, SETTLE } from './page-runtime';
import { SHIM_ENV } from './protocol';
import { strict } from './strict';

let browser: Promise<Browser> | null = null;

/** One connection to the test's Chromium per app process. */
function connect(): Promise<Browser> {
  const endpoint = process.env[SHIM_ENV.cdp];
  if (!endpoint) return Promise.reject(new Error(`electron shim: ${SHIM_ENV.cdp} is not set (the test starts Chromium and names its DevTools endpoint)`));
  browser ??= chromium.connectOverCDP(endpoint);
  return browser;
}

type Listener = (details: Record<string, unknown>, callback: (response: Record<string, unknown>) => void) => void;

/** session.defaultSession: webRequest listeners applied to the page's network requests through CDP's Fetch domain. */
export class ShimWebRequest {
  beforeRequest: Listener | null = null;
  headersReceived: Listener | null = null;

  onBeforeRequest(...args: unknown[]): void {
    this.beforeRequest = (args.length > 1 ? args[1] : args[0]) as Listener | null;
  }

  onHeadersReceived(...args: unknown[]): void {
    this.headersReceived = (args.length > 1 ? args[1] : args[0]) as Listener | null;
  }
}

class ShimSession {
  readonly webRequest = strict('WebRequest', new ShimWebRequest());
  permissionRequest: unknown = null;
  permissionCheck: unknown = null;

  setPermissionRequestHandler(h: unknown): void {
    this.permissionRequest = h;
  }

  setPermissionCheckHandler(h: unknown): void {
    this.permissionCheck = h;
  }
}

const defaultSession = new ShimSession();
/** The default session, unwrapped (API-list test). */
export const defaultSessionImpl = defaultSession;
export const session = strict('session', { defaultSession: strict('Session', defaultSession) });

/** Asks a webRequest listener, as Electron calls it (details, callback). */
function ask(listener: Listener, details: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve) => listener(details, resolve));
}

/** An Electron event with preventDefault (will-navigate, close, before-quit). */
export function preventable<T extends object>(fields: T): T & { preventDefault(): void; readonly prevented: boolean } {
  let prevented = false;
  return {
    ...fields,
    preventDefault: () => {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

/** The details webRequest listeners get about one request. */
export function requestDetails(url: string, method: string, resourceType: string): Record<string, unknown> {
  return { id: 0, url, method, resourceType, timestamp: Date.now(), referrer: '' };
}

let nextId = 1;

/** A window's webContents on one Chromium page. */
export class ShimWebContents extends EventEmitter {
  readonly id = nextId++;
  page: Page | null = null;
  loading = false;
  destroyed = false;
  private openHandler: ((details: { url: string }) => { action: string }) | null = null;
  private sending: Promise<unknown> = Promise.resolve();
  private allowedPopup = false;

  /** Electron's setWindowOpenHandler, asked before the new window's request leaves: false when it is denied. */
  newWindowRequest(url: string): boolean {
    const action = this.openHandler ? this.openHandler({ url }).action : 'allow';
    record({ type: 'window:open', url, action });
    this.allowedPopup = action === 'allow';
    return this.allowedPopup;
  }

  /** A URL the test loads past will-navigate (window:force-load). */
  forced: string | null = null;

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isLoading(): boolean {
    return this.loading;
  }

  getURL(): string {
    return this.page?.url() ?? '';
  }

  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }

  /** Like Electron: a message to a page that is not there yet is lost (recorded as not delivered). */
  send(channel: string, payload: unknown): void {
    this.sending = this.sending.then(async () => {
      let delivered = false;
      if (this.cdp && this.preloadContext !== null && !this.destroyed && !this.loading) {
        const r = await this.cdp.send('Runtime.evaluate', { expression: `globalThis.${DELIVER}(${JSON.stringify(channel)}, ${JSON.stringify(payload) ?? 'undefined'})`, contextId: this.preloadContext, returnByValue: true }).catch(() => null);
        delivered = r?.result.value === true;
      }
      record({ type: 'ipc:send', channel, delivered });
    });
  }

  /** The page's CDP session (the preload's world and its bindings), and that world's current context. */
  private cdp: CDPSession | null = null;
  private preloadContext: number | null = null;

  /**
   * Wires one page: the preload in its own world with the bindings there only, the bridge's end in the
   * page's world, the request filter, navigation and window-open rules.
   */
  async attach(page: Page, preloadPath: string): Promise<void> {
    this.page = page;
    const cdp = await page.context().newCDPSession(page);
    this.cdp = cdp;
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    const mainFrameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { frameId?: string } | undefined;
      if (context.name === PRELOAD_WORLD && aux?.frameId === mainFrameId) this.preloadContext = context.id;
    });
    cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
      if (name === MISSING_BINDING) record({ type: 'shim:missing', api: String(payload) });
      if (name !== INVOKE_BINDING) return;
      let req: { id?: unknown; channel?: unknown; args?: unknown };
      try {
        req = JSON.parse(payload) as typeof req;
      } catch {
        return;
      }
      const senderUrl = page.mainFrame().url();
      const channel = String(req.channel);
      record({ type: 'ipc:invoke', channel, senderUrl });
      void Promise.resolve()
        .then(() => ipcMainImpl.invoke(channel, invokeEvent(wcProxy(this), senderUrl), Array.isArray(req.args) ? req.args : []))
        .then(
          (v) => [true, v] as const,
          (e: unknown) => [false, e instanceof Error ? e.message : String(e)] as const,
        )
        .then(([ok, v]) => cdp.send('Runtime.evaluate', { expression: `globalThis.${SETTLE}(${Number(req.id)}, ${ok}, ${JSON.stringify(v) ?? 'undefined'})`, contextId: executionContextId }))
        .catch(() => undefined);
    });
    for (const name of [INVOKE_BINDING, MISSING_BINDING]) await cdp.send('Runtime.addBinding', { name, executionContextName: PRELOAD_WORLD });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: preloadRuntime(readFileSync(preloadPath, 'utf8')), worldName: PRELOAD_WORLD });
    await page.addInitScript({ content: mainWorldBridge() });
    page.on('load', () => {
      this.loading = false;
      record({ type: 'window:loaded', url: page.url() });
      this.emit('did-finish-load', {});
    });
    // A new window's first request is asked about in the context's route (newWindowRequest); the popup itself is closed unless allowed.
    page.on('popup', (popup) => {
      if (!this.allowedPopup) void popup.close();
      this.allowedPopup = false;
    });
    // Only network requests pass through CDP's Fetch domain: file:// and data: URLs do not (see README).
    await page.route('**/*', (route) =>
      this.filter(route).catch(async (e: unknown) => {
        record({ type: 'shim:error', message: `request filter: ${route.request().url()}: ${e instanceof Error ? e.message : String(e)}` });
        await route.abort('failed').catch(() => undefined);
      }),
    );
  }

  private async filter(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    const forced = this.forced === url;
    if (forced) this.forced = null;
    if (!forced && request.isNavigationRequest() && request.frame() === this.page?.mainFrame() && this.page.url() !== 'about:blank') {
      const event = preventable({ url });
      this.emit('will-navigate', event, url);
      record({ type: 'window:navigation', url, prevented: event.prevented });
      if (event.prevented) return route.abort('aborted');
    }
    const before = defaultSession.webRequest.beforeRequest;
    if (before) {
      const r = await ask(before, requestDetails(url, request.method(), request.resourceType()));
      if (r.cancel === true) {
        record({ type: 'request:cancelled', url });
        return route.abort('blockedbyclient');
      }
    }
    const headers = defaultSession.webRequest.headersReceived;
    if (!headers) return route.continue();
    // A file is read here (CDP cannot fetch file: itself) so the app's headers, its CSP, reach the page as Electron gives them.
    const got = url.startsWith('file:') ? readLocal(url) : await route.fetch().then(async (r) => ({ status: r.status(), headers: r.headers(), body: await r.body() }));
    if (!got) return route.abort('failed');
    const given = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, [v]]));
    const r = await ask(headers, { ...requestDetails(url, request.method(), request.resourceType()), statusCode: got.status, responseHeaders: given });
    const out = (r.responseHeaders ?? given) as Record<string, string | string[]>;
    await route.fulfill({ status: got.status, body: got.body, headers: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])) });
  }
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };

/** A local file as a response (null when it is not a readable file). */
function readLocal(url: string): { status: number; headers: Record<string, string>; body: Buffer } | null {
  try {
    const path = fileURLToPath(url);
    return { status: 200, headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }, body: readFileSync(path) };
  } catch {
    return null;
  }
}

const routed = new WeakSet<BrowserContext>();

/**
 * The first request of a page opened by window.open or a target=_blank link (a popup: its frame
 * does not exist yet, or it is no window's page) goes to the opener's window-open handler first.
 */
async function routeNewWindows(context: BrowserContext): Promise<void> {
  if (routed.has(context)) return;
  routed.add(context);
  await context.route('**/*', async (route) => {
    const request = route.request();
    let own = false;
    try {
      own = [...windows].some((w) => w.pageNow() === request.frame().page());
    } catch {
      // Playwright: no frame yet for a popup's first navigation.
    }
    if (own || !request.isNavigationRequest()) return route.fallback();
    const opener = [...windows][0];
    if (opener && !opener.newWindowRequest(request.url())) return route.abort('blockedbyclient');
    return route.fallback();
  });
}

const proxies = new WeakMap<ShimWebContents, ShimWebContents>();
function wcProxy(wc: ShimWebContents): ShimWebContents {
  let p = proxies.get(wc);
  if (!p) {
    p = strict('WebContents', wc);
    proxies.set(wc, p);
  }
  return p;
}

interface WindowOptions {
  readonly width?: number;
  readonly height?: number;
  readonly webPreferences?: { readonly preload?: string };
}

/** The windows alive in this process. */
export const windows = new Set<ShimBrowserWindow>();

export class ShimBrowserWindow extends EventEmitter {
  private readonly wc = new ShimWebContents();
  private readonly wcStrict = wcProxy(this.wc);
  private readonly ready: Promise<Page>;
  private visible = false;
  private destroyed = false;

  constructor(readonly options: WindowOptions = {}) {
    super();
    record({ type: 'window:create', options });
    const preload = options.webPreferences?.preload;
    if (!preload) throw new Error('electron shim: a window without a preload is not what this app makes');
    windows.add(this);
    this.ready = (async () => {
      const b = await connect();
      const context = b.contexts()[0];
      if (!context) throw new Error('electron shim: Chromium has no default context');
      await routeNewWindows(context);
      const page = await context.newPage();
      await page.setViewportSize({ width: options.width ?? 800, height: options.height ?? 600 });
      await this.wc.attach(page, preload);
      return page;
    })();
    this.ready.catch((e: unknown) => record({ type: 'shim:error', message: `window: ${e instanceof Error ? e.message : String(e)}` }));
    return strict('BrowserWindow', this);
  }

  get webContents(): ShimWebContents {
    return this.wcStrict;
  }

  async loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }

  async loadURL(url: string): Promise<void> {
    this.wc.loading = true;
    record({ type: 'window:load', url });
    const page = await this.ready;
    await page.goto(url);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The test's window:force-load: the page goes to `url` unless the session's request filter cancels it. */
  async forceLoad(url: string): Promise<void> {
    const page = await this.ready;
    this.wc.loading = true;
    for (let attempt = 0; ; attempt++) {
      this.wc.forced = url;
      try {
        await page.goto(url);
        return;
      } catch (e) {
        // Chromium's error page for an earlier cancelled load may still come in and interrupt (abort) this one.
        if (attempt < 2 && e instanceof Error && /interrupted by another navigation|ERR_ABORTED/.test(e.message)) continue;
        this.wc.loading = false;
        throw e;
      }
    }
  }

  isMinimized(): boolean {
    return false;
  }

  isVisible(): boolean {
    return this.visible;
  }

  restore(): void {
    this.visible = true;
  }

  show(): void {
    this.visible = true;
    record({ type: 'window:show' });
    void this.ready.then((p) => p.bringToFront()).catch(() => undefined);
  }

  focus(): void {
    record({ type: 'window:focus' });
  }

  hide(): void {
    this.visible = false;
    record({ type: 'window:hide' });
  }

  /** As Electron: 'close' may be prevented (the app hides instead); otherwise the window is gone. */
  close(): void {
    const event = preventable({});
    this.emit('close', event);
    if (!event.prevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.wc.destroyed = true;
    windows.delete(this);
    void this.ready.then((p) => p.close()).catch(() => undefined);
    record({ type: 'window:closed' });
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }

  /** The page once it exists (null before). */
  pageNow(): Page | null {
    return this.wc.page;
  }

  /** The window-open rule of this window's webContents. */
  newWindowRequest(url: string): boolean {
    return this.wc.newWindowRequest(url);
  }

  /** The page, for the shim's own use (closing on quit). */
  page(): Promise<Page> {
    return this.ready;
  }
}

export const BrowserWindow = strict('BrowserWindow', ShimBrowserWindow, ['prototype']);

app.beforeExit.push(async () => {
  for (const w of [...windows]) await w.page().then((p) => p.close()).catch(() => undefined);
});
