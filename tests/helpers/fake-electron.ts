/**
 * An in-memory stand-in for the parts of Electron the app uses, for `vi.mock('electron', ...)`.
 * ipcRenderer.invoke goes through the handlers registered on the fake ipcMain, so preload and
 * main can be tested together, as in GitHub Desktop's IPC mock. `fake` holds what happened.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/** A fake WebContents: records sends and navigation guards. */
export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  loading = false;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
}

/** A fake BrowserWindow: records its options and what it loaded. */
export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
  }
  loadFile(p: string): Promise<void> {
    this.loaded = `file:${p}`;
    return Promise.resolve();
  }
  loadURL(u: string): Promise<void> {
    this.loaded = u;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates the user closing the window; returns whether it was prevented. */
  userClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

/** A fake native image: the path it came from, and whether it was made a (macOS) template image. */
export const nativeImage = {
  createFromPath: (path: string) => ({
    path,
    template: false,
    setTemplateImage(on: boolean): void {
      this.template = on;
    },
  }),
};

/** A fake Menu: keeps the template. */
export const Menu = { buildFromTemplate: (template: unknown[]) => ({ template }) };

/** A fake Tray: records image, tooltip and menu. */
export class Tray extends EventEmitter {
  image: { path: string; template?: boolean };
  tooltip = '';
  menu: { template: unknown[] } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(m: { template: unknown[] }): void {
    this.menu = m;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** A fake Notification: recorded, clickable. */
export class Notification extends EventEmitter {
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string; silent?: boolean; actions?: { type: string; text: string }[] }) {
    super();
    fake.notifications.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

/** A fake ipcMain: handlers by channel, callable with a sender URL. */
export const ipcMain = {
  handle(channel: string, fn: (event: unknown, payload: unknown) => unknown): void {
    if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    fake.handlers.delete(channel);
  },
};

const rendererEvents = new EventEmitter();

/** A fake ipcRenderer: invoke goes to the fake ipcMain's handlers, as from our own page. */
export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const h = fake.handlers.get(channel);
    if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return Promise.resolve(h({ senderFrame: { url: fake.senderUrl } }, args[0]));
  },
  on(channel: string, l: Listener): void {
    rendererEvents.on(channel, l);
  },
  removeListener(channel: string, l: Listener): void {
    rendererEvents.removeListener(channel, l);
  },
};

/** A fake contextBridge: records what is exposed. */
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed[key] = api;
  },
};

/** A fake shell: records the URLs it was asked to open. */
export const shell = {
  openExternal(url: string): Promise<void> {
    fake.opened.push(url);
    return Promise.resolve();
  },
};

/** A fake session with its request hooks recorded. */
export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(fn: unknown): void {
        fake.session.headers = fn as typeof fake.session.headers;
      },
      onBeforeRequest(fn: unknown): void {
        fake.session.before = fn as typeof fake.session.before;
      },
    },
    setPermissionRequestHandler(fn: unknown): void {
      fake.session.permission = fn as typeof fake.session.permission;
    },
    setPermissionCheckHandler(fn: unknown): void {
      fake.session.permissionCheck = fn as typeof fake.session.permissionCheck;
    },
  },
};

/** Everything the fakes recorded. */
export const fake = {
  windows: [] as BrowserWindow[],
  trays: [] as Tray[],
  notifications: [] as Notification[],
  utilities: [] as UtilityProcess[],
  loginItems: [] as unknown[],
  home: '/nonexistent/home',
  quits: 0,
  handlers: new Map<string, (event: unknown, payload: unknown) => unknown>(),
  exposed: {} as Record<string, unknown>,
  opened: [] as string[],
  senderUrl: 'file:///app/out/renderer/index.html',
  session: {} as {
    headers?: (d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    before?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    permission?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
    permissionCheck?: () => boolean;
  },
  /** Sends an event from main to the fake renderer. */
  emitToRenderer(channel: string, payload: unknown): void {
    rendererEvents.emit(channel, {}, payload);
  },
  rendererListenerCount(channel: string): number {
    return rendererEvents.listenerCount(channel);
  },
  reset(): void {
    fake.windows.length = 0;
    fake.trays.length = 0;
    fake.notifications.length = 0;
    fake.utilities.length = 0;
    fake.loginItems.length = 0;
    fake.home = '/nonexistent/home';
    fake.quits = 0;
    app.removeAllListeners();
    powerMonitor.removeAllListeners();
    fake.handlers.clear();
    fake.exposed = {};
    fake.opened.length = 0;
    fake.senderUrl = 'file:///app/out/renderer/index.html';
    fake.session = {};
    Notification.supported = true;
    rendererEvents.removeAllListeners();
  },
};

/** A fake utility process (see src/main/run-in-utility.ts): the test answers for it with `reply` and `exit`. */
export class UtilityProcess extends EventEmitter {
  readonly sent: unknown[] = [];
  killed = false;
  // Above Linux's largest pid (2^22): a signal sent to it by mistake can reach no real process.
  pid: number | undefined = 4_194_304 + 1_000 + fake.utilities.length;
  constructor(
    readonly modulePath: string,
    readonly args: readonly string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  kill(): boolean {
    this.killed = true;
    this.exit(-1);
    return true;
  }
  reply(m: unknown): void {
    this.emit('message', m);
  }
  exit(code: number): void {
    if (this.pid === undefined) return;
    this.pid = undefined;
    this.emit('exit', code);
  }
}

/** A fake utilityProcess module: records each process it starts. */
export const utilityProcess = {
  fork(modulePath: string, args: readonly string[] = [], options: Record<string, unknown> = {}): UtilityProcess {
    const p = new UtilityProcess(modulePath, args, options);
    fake.utilities.push(p);
    return p;
  },
};

/** A fake powerMonitor: the test emits 'resume' and 'unlock-screen'. */
export const powerMonitor = new EventEmitter();

/** The parts of `app` the tests may touch; an EventEmitter, so a test can emit 'before-quit'. */
export const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getAppPath: () => '/app',
  getPath: (name: string) => (name === 'home' ? fake.home : `/nonexistent/${name}`),
  setLoginItemSettings: (s: unknown) => void fake.loginItems.push(s),
  quit: () => void fake.quits++,
});
