/**
 * The test's side of a system test: builds the app with electron-vite, starts Debian's Chromium
 * with a DevTools endpoint, and starts the BUILT main bundle under plain Node with the Electron
 * shim in place of `electron` (tests/system/electron-shim). The test hears what the app did
 * (events) and acts as the user (commands: tray menu, notification, power events; the window's
 * page through its own playwright connection to the same Chromium).
 */
import { spawn, spawnSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ShimCommand, ShimEvent, ShimMessage, ShimRequest } from './electron-shim/protocol';
import { PRELOAD_WORLD } from './electron-shim/page-runtime';
import { SHIM_ENV } from './electron-shim/protocol';
import { mainTranslator } from '../../src/main/i18n';
import type { UiLanguage } from '../../src/shared/settings';

export const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
/** The same flags as tests/e2e/renderer.test.ts, plus file access for the file:// page's module scripts (Electron's file: scheme allows them). */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--allow-file-access-from-files'];

/** Node's flags that put the shim in place of `electron` (tsx runs the shim's TypeScript). */
export const SHIM_EXEC_ARGV: readonly string[] = ['--require', require.resolve('tsx/cjs'), '--require', join(__dirname, 'electron-shim', 'register.ts')];

/** The environment the shim itself needs (module resolution from the repo, the app path for assets/). */
export function shimEnv(): Record<string, string> {
  return { NODE_PATH: join(ROOT, 'node_modules'), [SHIM_ENV.appPath]: ROOT };
}

/** Why the system tests cannot run here, or null when they can. */
export function whyNot(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it)`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci)';
  }
  return null;
}

/** Builds main, preload and renderer into a temporary folder (never the repo's out/). */
export function buildApp(): { outDir: string; error: string | null } {
  const outDir = join(mkdtempSync(join(tmpdir(), 'attt-system-')), 'out');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  const ok = r.status === 0 && existsSync(join(outDir, 'main', 'index.js'));
  return { outDir, error: ok ? null : `electron-vite build failed: ${r.stderr || r.stdout}` };
}

/** Debian's Chromium, headless, with a DevTools endpoint the app and the test both connect to. */
export class TestChromium {
  private constructor(
    readonly endpoint: string,
    private readonly proc: ChildProcess,
  ) {}

  static async start(profile: string): Promise<TestChromium> {
    // Its own process group, so that stopping it ends its helpers too (they write the profile until they end).
    const proc = spawn(CHROMIUM, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools endpoint: ${text}`)), 60_000);
      proc.stderr!.setEncoding('utf8');
      proc.stderr!.on('data', (d: string) => {
        text += d;
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      proc.on('exit', (code) => reject(new Error(`Chromium ended (${code}): ${text}`)));
    });
    return new TestChromium(endpoint, proc);
  }

  /** Ends Chromium and its helper processes and waits until they have (so its profile can be removed). */
  async stop(): Promise<void> {
    const group = this.proc.pid;
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const gone = new Promise((r) => this.proc.once('exit', r));
      this.proc.kill('SIGTERM');
      await gone;
    }
    if (group === undefined) return;
    const alive = (): boolean => {
      try {
        process.kill(-group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(-group, 'SIGTERM');
    // A limit only against a hang; the helpers end within moments of the browser.
    for (let i = 0; i < 200 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    if (alive()) process.kill(-group, 'SIGKILL');
  }
}

/** The app's window page as the test drives it (its own connection to the same Chromium). */
export async function connectTest(endpoint: string): Promise<Browser> {
  return chromium.connectOverCDP(endpoint);
}

/** The app page (the built index.html), once the app has opened it. */
export async function appPage(browser: Browser, outDir: string, timeoutMs = 30_000): Promise<Page> {
  const want = join(outDir, 'renderer', 'index.html');
  const end = Date.now() + timeoutMs;
  for (;;) {
    const page = browser.contexts().flatMap((c) => c.pages()).find((p) => decodeURIComponent(p.url()).includes(want));
    if (page) return page;
    if (Date.now() > end) throw new Error(`no page of ${want} opened`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Evaluates an expression in the page's preload world (where the preload and its bindings live, out of
 * the page's reach): what a compromised renderer process could run. Its value, awaited.
 */
export async function inPreloadWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; name: string; auxData?: { frameId?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context as (typeof contexts)[number]));
    // Enabling reports the contexts that exist already.
    await cdp.send('Runtime.enable');
    const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    const context = contexts.filter((c) => c.name === PRELOAD_WORLD && c.auxData?.frameId === frameId).at(-1);
    if (!context) throw new Error('the page has no preload world');
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: context.id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as unknown;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** One run of the built app (out/main/index.js) under Node with the shim. */
export class AppProcess {
  readonly events: ShimEvent[] = [];
  stderr = '';
  stdout = '';
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();
  private readonly replies = new Map<number, (m: ShimMessage & { kind: 'reply' }) => void>();
  private nextId = 1;

  /** The built app started as a user starts it, on this machine (Node's fork, its IPC channel the control channel). */
  static fork(outDir: string, env: NodeJS.ProcessEnv, args: readonly string[] = []): AppProcess {
    const proc = fork(join(outDir, 'main', 'index.js'), [...args], {
      cwd: ROOT,
      execArgv: [...SHIM_EXEC_ARGV],
      env: { ...env, ...shimEnv() },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new AppProcess(proc, env);
  }

  constructor(
    private readonly proc: ChildProcess,
    /** The environment it was started with (a restart uses the same). */
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.proc.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.proc.on('message', (m: ShimMessage) => {
      if (m.kind === 'event') {
        this.events.push(m.event);
        for (const w of [...this.waiters]) w();
      } else this.replies.get(m.id)?.(m);
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => {
      for (const w of [...this.waiters]) w();
      resolve(code);
    }));
  }

  /** Events of one type, in order. */
  all<T extends ShimEvent['type']>(type: T): Extract<ShimEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<ShimEvent, { type: T }> => e.type === type);
  }

  /** The last event of one type. */
  last<T extends ShimEvent['type']>(type: T): Extract<ShimEvent, { type: T }> | undefined {
    return this.all(type).at(-1);
  }

  /** Waits until an event after index `from` matches (a time limit only against a hang, never asserted). */
  waitFor<T extends ShimEvent['type']>(type: T, match: (e: Extract<ShimEvent, { type: T }>) => boolean = () => true, from = 0, timeoutMs = 90_000): Promise<Extract<ShimEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.events.slice(from).find((e): e is Extract<ShimEvent, { type: T }> => e.type === type && match(e as Extract<ShimEvent, { type: T }>));
        if (hit) {
          cleanup();
          resolve(hit);
          return true;
        }
        if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
          cleanup();
          reject(new Error(`the app ended before ${type}: ${this.endedWith()}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${type} event came; last events: ${JSON.stringify(this.events.slice(-8))}\nstderr: ${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      this.waiters.add(waiter);
      check();
    });
  }

  /** Whether the process has ended. */
  get ended(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  /** How it ended and what it printed on stderr, for an error message. */
  private endedWith(): string {
    return `exit ${this.proc.exitCode ?? this.proc.signalCode}; stderr: ${this.stderr}`;
  }

  /**
   * Asks the shim to act as the user (or the OS) would; rejects with the shim's reason when it cannot, at
   * once when the app has ended (or ends before it answers), and after a limit against a hang (never asserted).
   */
  command(command: ShimCommand, timeoutMs = 60_000): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.ended || !this.proc.connected) {
        reject(new Error(`the app has ended, cannot ${command.cmd}: ${this.endedWith()}`));
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        this.replies.delete(id);
        this.waiters.delete(gone);
      };
      const gone = (): void => {
        if (!this.ended) return;
        done();
        reject(new Error(`the app ended before it answered ${command.cmd}: ${this.endedWith()}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no answer to ${command.cmd}; last events: ${JSON.stringify(this.events.slice(-8))}\nstderr: ${this.stderr}`));
      }, timeoutMs);
      this.waiters.add(gone);
      this.replies.set(id, (m) => {
        done();
        if (m.ok) resolve();
        else reject(new Error(m.error));
      });
      const request: ShimRequest = { kind: 'command', id, command };
      this.proc.send(request);
    });
  }

  /** Ends the process if it still runs. */
  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
  }
}

/**
 * A step's picture in both languages, `<name>-vi.png` and `<name>-en.png`: taken in the language the app is in
 * (`now`), then the language switched through the tray's language menu (the person's own way, which the window
 * follows), taken again once the window speaks it, and switched back, so the test goes on as it was.
 */
export async function shotBoth(app: AppProcess, page: Page, dir: string, name: string, now: UiLanguage): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}-${now}.png`), fullPage: true });
  const other: UiLanguage = now === 'vi' ? 'en' : 'vi';
  const switchTo = async (from: UiLanguage, to: UiLanguage): Promise<void> => {
    const at = app.events.length;
    await app.command({ cmd: 'menu:click', label: mainTranslator(from).t(`ui:language.${to}`) });
    await app.waitFor('ipc:send', (e) => e.channel === 'settings:updated' && e.delivered, at);
    await page.getByRole('button', { name: mainTranslator(to).t('ui:nav.findings') }).waitFor();
    await page.evaluate('document.fonts.ready.then(() => undefined)');
  };
  await switchTo(now, other);
  await page.screenshot({ path: join(dir, `${name}-${other}.png`), fullPage: true });
  await switchTo(other, now);
}
