/** `app`: lifecycle, paths, a real single-instance lock (a lock file and a Unix socket in userData), login items recorded. */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { record } from './control';
import { SHIM_ENV } from './protocol';
import { strict } from './strict';

const LOCK = 'shim-single-instance.lock';
const SOCKET = 'shim-single-instance.sock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Electron's `app`, as far as the app uses it. */
export class ShimApp extends EventEmitter {
  /** Electron sets it only on macOS; elsewhere `app.dock` is undefined. */
  readonly dock = undefined;
  readonly isPackaged = false;
  private name = 'Electron';
  private readonly paths = new Map<string, string>();
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private server: Server | null = null;
  private lockFile: string | null = null;
  private loginItem: unknown = { openAtLogin: false };
  /** Hooks run before the process exits (pages closed, browser connection dropped). */
  readonly beforeExit: (() => Promise<void>)[] = [];

  private keepAlive: NodeJS.Timeout | null = null;

  constructor() {
    super();
    const temp = process.env[SHIM_ENV.tempRoot] ?? tmpdir();
    this.paths.set('home', homedir());
    this.paths.set('temp', temp);
    this.paths.set('appData', join(temp, 'appData'));
    this.paths.set('userData', join(temp, 'appData', this.name));
    this.paths.set('logs', join(temp, 'logs'));
    this.readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        record({ type: 'app:ready' });
        this.emit('ready', {}, {});
        resolve();
      }),
    );
  }

  /** Electron's main process lives until quit, whatever its handles: so does the app on the shim (register.ts). */
  hold(): void {
    this.keepAlive ??= setInterval(() => undefined, 1 << 30);
  }

  setName(name: string): void {
    this.name = name;
  }

  getName(): string {
    return this.name;
  }

  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`electron shim: app.getPath('${name}') is not implemented`);
    return p;
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  getAppPath(): string {
    const p = process.env[SHIM_ENV.appPath];
    if (!p) throw new Error(`electron shim: ${SHIM_ENV.appPath} is not set`);
    return p;
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /**
   * Like Electron: the first process holds the lock; a later one tells it (its argv, the
   * `second-instance` event) and gets false. The lock is a file with the holder's pid in
   * userData, the message goes over a Unix socket beside it.
   */
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, LOCK);
    const socket = join(dir, SOCKET);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lock, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.lockFile = lock;
        rmSync(socket, { force: true });
        this.server = createServer((conn) => {
          let text = '';
          conn.setEncoding('utf8');
          conn.on('data', (d: string) => (text += d));
          conn.on('end', () => {
            const m = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown };
            this.emit('second-instance', {}, m.argv, m.cwd, m.data);
          });
        });
        this.server.listen(socket);
        this.server.unref();
        record({ type: 'app:single-instance', locked: true });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const holder = Number(readFileSync(lock, 'utf8'));
        if (Number.isInteger(holder) && holder > 0 && alive(holder)) break;
        rmSync(lock, { force: true }); // left by a process that died
      }
    }
    // Synchronous, as Electron's call is: a short Node run delivers the message before we answer.
    const payload = JSON.stringify({ argv: process.argv, cwd: process.cwd(), data: additionalData ?? null });
    const script = "const c=require('node:net').connect(process.argv[1],()=>c.end(process.argv[2]));c.on('error',()=>process.exit(1));c.on('close',()=>process.exit(0));";
    spawnSync(process.execPath, ['-e', script, socket, payload], { timeout: 10_000, stdio: 'ignore' });
    record({ type: 'app:single-instance', locked: false });
    return false;
  }

  setLoginItemSettings(settings: unknown): void {
    this.loginItem = settings;
    record({ type: 'app:login-item', settings });
  }

  getLoginItemSettings(): unknown {
    return this.loginItem;
  }

  setAppUserModelId(id: string): void {
    record({ type: 'app:user-model-id', id });
  }

  /** As Electron: before-quit (preventable), will-quit, quit, then the process ends. */
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    record({ type: 'app:quit' });
    this.emit('quit', {}, 0);
    void this.end(0);
  }

  exit(code = 0): void {
    record({ type: 'app:exit', code });
    void this.end(code);
  }

  private async end(code: number): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.server?.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
    for (const hook of this.beforeExit) await hook().catch(() => undefined);
    // Let the last recorded events reach the test before the channel closes.
    setTimeout(() => process.exit(code), 50);
  }
}

/** The one `app` of the process. */
export const app = strict('app', new ShimApp());
