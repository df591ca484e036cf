/**
 * A fresh wine prefix set to Windows 10, confined to one temporary folder: its own HOME, no Z:
 * drive (so no Windows program in it can read the Linux file system), and the user profile's
 * folders real folders instead of wine's links to the Linux home.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import { killPrefix, runWine, startPersistentServer, waitPrefixIdle, type WineRun } from './wine';

/** How long the first `wineboot -i` may take on a slow CI machine. */
const BOOT_TIMEOUT_MS = 240_000;

/** Options of a run inside the prefix. */
export interface PrefixRunOptions {
  /** Extra environment variables; wine passes them to the Windows process. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** One temporary wine prefix and what the tests need to know about it. */
export class WinePrefix {
  private constructor(
    /** The temporary folder holding everything (prefix and home). */
    readonly root: string,
    /** WINEPREFIX. */
    readonly dir: string,
    /** HOME given to wine. */
    readonly home: string,
    /** The Windows user name wine created (the Linux user's name). */
    readonly userName: string,
  ) {}

  /**
   * Makes a fresh prefix (wineboot), keeps its wine server running until dispose() (see
   * startPersistentServer), sets it to Windows 10 and confines it. Takes 15-60 s.
   */
  static async create(): Promise<WinePrefix> {
    const root = mkdtempSync(join(tmpdir(), 'attt-wine-'));
    const dir = join(root, 'prefix');
    const home = join(root, 'home');
    mkdirSync(home, { recursive: true });
    const boot = await runWine(['wineboot', '-i'], { prefixDir: dir, home, cwd: home, timeoutMs: BOOT_TIMEOUT_MS });
    if (boot.timedOut || !existsSync(join(dir, 'drive_c', 'windows'))) {
      throw new Error(`wineboot did not create the prefix in ${dir}: exit ${boot.exitCode}, ${boot.stderr.slice(-500)}`);
    }
    // wineboot's server exits once wineboot's processes have ended (the new registry is saved by then);
    // from here on one server that never exits on its own serves the prefix until dispose().
    await waitPrefixIdle(dir, home);
    await startPersistentServer(dir, home);
    const users = readdirSync(join(dir, 'drive_c', 'users')).filter((u) => u !== 'Public');
    if (users.length !== 1) throw new Error(`expected one user profile in the fresh prefix, found: ${users.join(', ')}`);
    const prefix = new WinePrefix(root, dir, home, users[0]!);
    prefix.confine();
    const ver = await prefix.run(['winecfg', '-v', 'win10'], { timeoutMs: 60_000 });
    if (ver.exitCode !== 0) throw new Error(`winecfg -v win10 failed: exit ${ver.exitCode} ${ver.stderr}`);
    return prefix;
  }

  /** The prefix's C: drive as a Linux folder. */
  get driveC(): string {
    return join(this.dir, 'drive_c');
  }

  /** C:\users\<name> of the wine user. */
  get profileWin(): string {
    return `C:\\users\\${this.userName}`;
  }

  /** %APPDATA% of the wine user. */
  get appDataWin(): string {
    return `${this.profileWin}\\AppData\\Roaming`;
  }

  /** Linux path of a C:\ path inside this prefix. */
  unixPath(winPath: string): string {
    const m = /^[cC]:\\?(.*)$/.exec(winPath);
    if (!m) throw new Error(`not a C: path: ${winPath}`);
    const parts = m[1]!.split('\\').filter(Boolean);
    return join(this.driveC, ...parts);
  }

  /** Writes a file at a C:\ path (creating its folders). */
  writeFile(winPath: string, content: string | Uint8Array): void {
    const p = this.unixPath(winPath);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, content);
  }

  /** True when a C:\ path exists in the prefix. */
  exists(winPath: string): boolean {
    return existsSync(this.unixPath(winPath));
  }

  /** Copies a Linux file to a C:\ path. */
  copyIn(linuxPath: string, winPath: string): void {
    const p = this.unixPath(winPath);
    mkdirSync(join(p, '..'), { recursive: true });
    copyFileSync(linuxPath, p);
  }

  /** Runs a Windows program (argv[0] is a C:\ path or a program on the Windows PATH) in the prefix. */
  run(argv: readonly string[], options: PrefixRunOptions = {}): Promise<WineRun> {
    return runWine(argv, { prefixDir: this.dir, home: this.home, cwd: this.driveC, env: options.env, timeoutMs: options.timeoutMs ?? 120_000 });
  }

  /** Stops every wine process of the prefix and deletes the whole temporary folder. */
  async dispose(): Promise<void> {
    killPrefix(this.dir, this.home);
    await waitPrefixIdle(this.dir, this.home);
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Removes the Z: drive and turns links that leave the prefix into real folders. */
  private confine(): void {
    const z = join(this.dir, 'dosdevices', 'z:');
    if (existsSync(z) || isLink(z)) unlinkSync(z);
    for (const base of [join(this.driveC, 'users', this.userName), join(this.driveC, 'users', 'Public')]) {
      if (!existsSync(base)) continue;
      for (const name of readdirSync(base)) {
        const p = join(base, name);
        if (isLink(p)) {
          unlinkSync(p);
          mkdirSync(p);
        }
      }
    }
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Joins Windows path parts (backslashes). */
export function winJoin(...parts: string[]): string {
  return win32.join(...parts);
}
