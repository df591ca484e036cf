/**
 * Runs Windows programs under wine. Everything here is Linux-side plumbing for the Windows rig:
 * find wine, build a clean environment that cannot leak into the real home, run a program with its
 * output going to FILES (Windows Node under wine cannot write to a Linux pipe: EBADF), and stop a
 * prefix's whole wine session when a run hangs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian and other distributions put the 64-bit wine loader. */
const WINE_CANDIDATES = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/lib/x86_64-linux-gnu/wine/wine64', '/usr/bin/wine'];
/** Where the wine server lives (stopped per prefix with `-k`). */
const WINESERVER_CANDIDATES = ['/usr/bin/wineserver', '/usr/lib/wine/wineserver64', '/usr/lib/wine/wineserver'];

/** The wine loader on this machine, or null when wine is not installed. */
export function findWine(): string | null {
  return WINE_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The wine server binary on this machine, or null. */
export function findWineServer(): string | null {
  return WINESERVER_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** True when the Windows rig can run here. */
export const wineAvailable: boolean = findWine() !== null;

/**
 * A minimal environment for wine: no display, no debug chatter, no Mono/Gecko install prompts, and
 * HOME/XDG pointed inside the prefix so wine's profile links (Desktop, Downloads...) never reach the
 * real home. Nothing from the caller's environment leaks in except PATH and LANG.
 */
export function wineEnv(prefixDir: string, home: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    WINEPREFIX: prefixDir,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    WINEARCH: 'win64',
    DISPLAY: '',
    WAYLAND_DISPLAY: '',
    ...extra,
  };
}

/** What a wine run did. Output was written to files and read back. */
export interface WineRun {
  readonly argv: readonly string[];
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the time limit stopped the prefix's wine session. */
  readonly timedOut: boolean;
}

/** Options for one wine run. */
export interface WineRunOptions {
  readonly prefixDir: string;
  readonly home: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Linux working folder; keep it inside drive_c so wine maps it to a C:\ path. */
  readonly cwd: string;
  readonly timeoutMs: number;
}

/**
 * Runs `wine64 ARGV...` with stdout and stderr redirected to temporary files. On timeout the
 * prefix's wine server is killed (`wineserver -k`), which ends every Windows process of that prefix.
 */
export function runWine(argv: readonly string[], options: WineRunOptions): Promise<WineRun> {
  const wine = findWine();
  if (!wine) throw new Error('wine is not installed (apt-get install wine64)');
  const dir = mkdtempSync(join(tmpdir(), 'attt-wine-run-'));
  const outPath = join(dir, 'stdout');
  const errPath = join(dir, 'stderr');
  const outFd = openSync(outPath, 'w');
  const errFd = openSync(errPath, 'w');
  const env = wineEnv(options.prefixDir, options.home, options.env);
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const child = spawn(wine, [...argv], { cwd: options.cwd, env, stdio: ['ignore', outFd, errFd] });
    const timer = setTimeout(() => {
      timedOut = true;
      killPrefix(options.prefixDir, options.home);
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const done = (exitCode: number | null): void => {
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      const stdout = readFileSync(outPath, 'utf8');
      const stderr = readFileSync(errPath, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      resolve({ argv: [...argv], exitCode: timedOut ? null : exitCode, stdout, stderr, timedOut });
    };
    child.on('error', (e) => {
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => done(code));
  });
}

/** Stops every wine process of one prefix and waits for its server to exit. */
export function killPrefix(prefixDir: string, home: string): void {
  const server = findWineServer();
  if (!server) return;
  const r = spawn(server, ['-k'], { env: wineEnv(prefixDir, home), stdio: 'ignore' });
  r.on('error', () => undefined);
}

/**
 * Starts the prefix's wine server so that it never exits on its own (`wineserver -p`), and waits until
 * it serves. By default it exits 3 s after its last process, and a new one starts with the next run: keys under
 * HKU\<another SID> live only in its memory (wine saves HKLM, HKCU and .Default, nothing else) and were
 * lost at each restart, and a run that began while the old server was saving could fail. The server is
 * stopped by `killPrefix`. Throws when it does not start or another server already holds the prefix.
 */
export function startPersistentServer(prefixDir: string, home: string, timeoutMs = 60_000): Promise<void> {
  const server = findWineServer();
  if (!server) return Promise.reject(new Error('wineserver is not installed (apt-get install wine64)'));
  return new Promise((resolve, reject) => {
    // Without -f it forks and returns once the daemon holds the prefix's lock and socket (exit 2: a
    // server already holds them). No pipes: the daemon would keep them open for its whole life.
    const child = spawn(server, ['-p'], { env: wineEnv(prefixDir, home), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`wineserver -p for ${prefixDir} failed: ${signal ?? `exit ${code}`}${code === 2 ? ' (a wine server already runs for it)' : ''}`));
    });
  });
}

/** Waits until the prefix's wine server has exited (`wineserver -w`), so its files can be removed. */
export function waitPrefixIdle(prefixDir: string, home: string, timeoutMs = 30_000): Promise<void> {
  const server = findWineServer();
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    const child = spawn(server, ['-w'], { env: wineEnv(prefixDir, home), stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.on('error', () => resolve());
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
