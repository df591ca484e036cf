// A machine laid out exactly as real installs leave it, in a temporary folder, and commands run
// inside it: `unshare --mount --pid --fork --mount-proc --net --propagation private` gives a private
// mount table, process list and network (RealLayout.start may keep the host's network, for a program that
// talks to one on the host), and tests/helpers/real-layout-init.cjs (PID 1 there) assembles the root:
// - its own /opt, /home, /root, /tmp, /run and /snap (folders of the layout, bind-mounted);
// - /usr, /var and /etc as overlays on the host's (so the host's programs run, and whatever an
//   install or a removal writes lands in the layout's folders, never on the host);
// - over those, a private dpkg database at /var/lib/dpkg, its own rpm database at /var/lib/rpm,
//   a folder at /usr/share/applications and a passwd file at /etc/passwd;
// - a fresh /proc: only the layout's processes are visible inside.
// Packages are installed inside with the real tools (`dpkg -i`, `rpm -i`), so their files really are
// where the package says and belong to it in the database. Needs root, unshare and overlayfs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '../../src/shared/report';
import { lockZoomProcesses, touchZoomLock, unlockZoomProcesses } from '../core/banned-app/linux/zoom-process-lock';

const REPO = join(__dirname, '..', '..');
const INIT = join(__dirname, 'real-layout-init.cjs');

/** The desktop user of every layout: what a civil servant's PC has besides root. */
export const USER = { name: 'clerk', uid: 1000, gid: 1000, home: '/home/clerk' } as const;

/** The environment of a login shell of the desktop user (nothing of the test runner's leaks in). */
export const USER_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: USER.home,
  USER: USER.name,
  LOGNAME: USER.name,
  LANG: 'C.UTF-8',
};

/** One command to run inside the layout. */
export interface LayoutCommand {
  readonly argv: readonly string[];
  /** `uid:gid` to run as (chroot --userspec); root when absent. */
  readonly user?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** For a background program: its name (comm) once it is ready, e.g. `zoom` after ZoomLauncher exec'd it. */
  readonly ready?: string;
  /** The folder it starts in (inside the machine); `/` when absent. */
  readonly cwd?: string;
}

/** Options of a long-lived program started in a machine (RealLayout.start). */
export interface LayoutStartOptions {
  /** Host folders (and files) it needs at their own paths, e.g. a build in /tmp; folders outside those a layout replaces are seen anyway. */
  readonly hostPaths?: readonly string[];
  /**
   * Keep the host's network (no `--net`): for a program that talks to one on the host over loopback
   * (the system tests' app to Debian's Chromium). Mount and process namespaces stay private.
   */
  readonly hostNetwork?: boolean;
}

/** What a command printed and how it ended. */
export interface LayoutResult {
  readonly argv: readonly string[];
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A run: the commands' results, and whether each background program was still running at the end. */
export interface LayoutRun {
  readonly commands: readonly LayoutResult[];
  readonly background: readonly { readonly argv: readonly string[]; readonly pid: number; readonly running: boolean }[];
}

/** Top-level folders a layout replaces with its own (a host path there is hidden inside unless bound). */
const REPLACED = /^\/(opt|home|root|snap|tmp|run)(\/|$)/;

/**
 * The host paths a program started with RealLayout.start needs (its folder, and the absolute paths in its
 * argv that exist on the host: node's --require'd files, the script) but would not see inside: they lie in a
 * folder the layout replaces (a clone under /tmp…) and no bind covers them. Empty when all are visible.
 */
export function hiddenInside(cmd: LayoutCommand, binds: readonly string[]): string[] {
  const covered = (p: string): boolean => binds.some((b) => p === b || p.startsWith(`${b.replace(/\/+$/, '')}/`));
  const needed = [...(cmd.cwd ? [cmd.cwd] : []), ...cmd.argv.filter((a) => a.startsWith('/') && onHost(a))];
  return [...new Set(needed.filter((p) => REPLACED.test(p) && !covered(p)))];
}

let support: string | null | undefined;

/**
 * Why real layouts cannot be made here (null when they can): they need Linux, root (mount namespaces
 * and mounts), util-linux unshare, chroot and overlayfs. Tried once for real, the answer is kept.
 */
export function realLayoutUnavailable(): string | null {
  if (support !== undefined) return support;
  support = probeSupport();
  return support;
}

function probeSupport(): string | null {
  if (process.platform !== 'linux') return `real layouts need Linux namespaces; this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'real layouts need root (mount namespaces and bind mounts); CI runs as root';
  for (const tool of ['unshare', 'chroot', 'mount']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} is missing (util-linux / coreutils)`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'attt-layout-probe-'));
  try {
    for (const d of ['upper', 'work', 'at']) mkdirSync(join(dir, d));
    const r = spawnSync('unshare', ['--mount', '--pid', '--fork', '--mount-proc', '--propagation', 'private', 'mount', '-t', 'overlay', 'overlay', '-o', `lowerdir=/usr,upperdir=${dir}/upper,workdir=${dir}/work`, `${dir}/at`], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) return `unshare/overlayfs refused here (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}): a container without CAP_SYS_ADMIN or overlayfs cannot host a real layout`;
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI bundle, built once per test process by the project's own script into a private folder (fresh, and no race with other test files). */
let bundle: string | undefined;
export function builtCli(): string {
  if (bundle) return bundle;
  const dir = mkdtempSync(join(tmpdir(), 'attt-layout-cli-'));
  chmodSync(dir, 0o755); // the layout's person runs it too
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'attt-selfcheck.cjs');
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build-cli.mjs'), `--outfile=${out}`], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node scripts/build-cli.mjs failed: ${r.stderr}`);
  bundle = out;
  return out;
}

/** Lines of a host passwd/group file for system ids (below 1000, and nobody/nogroup). */
function systemEntries(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => {
      const id = Number(l.split(':')[2]);
      return l.trim() !== '' && Number.isInteger(id) && (id < 1000 || id === 65534);
    });
}

/** A machine laid out in a temporary folder. */
export class RealLayout {
  /** The temporary folder holding everything. */
  readonly dir: string;
  private readonly state: string;

  /**
   * @param opts.hostPackages seed the private dpkg database with a copy of the host's (a real Debian
   *   machine's installed packages, so real packages' dependencies are met and apt works); else empty.
   */
  constructor(opts: { readonly hostPackages?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'attt-layout-'));
    this.state = join(this.dir, 'state');
    for (const d of ['opt', 'home', 'root', 'tmp', 'run/lock', 'applications', 'rpm', 'upper/usr', 'upper/var', 'upper/etc', 'work/usr', 'work/var', 'work/etc', 'debs']) mkdirSync(join(this.state, d), { recursive: true });
    chmodSync(join(this.state, 'root'), 0o700);
    chmodSync(join(this.state, 'tmp'), 0o1777);
    const dpkg = join(this.state, 'dpkg');
    if (opts.hostPackages) {
      // The host's database as it is (not its locks): a copy, so nothing done inside reaches it.
      cpSync('/var/lib/dpkg', dpkg, { recursive: true, filter: (src) => !/\/lock(-frontend)?$/.test(src) });
    } else {
      for (const d of ['info', 'updates', 'triggers']) mkdirSync(join(dpkg, d), { recursive: true });
      writeFileSync(join(dpkg, 'status'), '');
      writeFileSync(join(dpkg, 'available'), '');
    }
    // The host's system accounts and groups (its packages' files and dpkg's statoverrides name them),
    // none of its people: the layout's one person is the desktop user.
    writeFileSync(join(this.state, 'passwd'), [...systemEntries('/etc/passwd'), `${USER.name}:x:${USER.uid}:${USER.gid}:Chuyên viên,,,:${USER.home}:/bin/bash`, ''].join('\n'));
    writeFileSync(join(this.state, 'group'), [...systemEntries('/etc/group'), `${USER.name}:x:${USER.gid}:`, ''].join('\n'));
    // The person's account is valid (PAM asks /etc/shadow; no password: nobody logs in as them here).
    const system = new Set(systemEntries('/etc/passwd').map((l) => l.split(':')[0]));
    const shadow = readFileSync('/etc/shadow', 'utf8').split('\n').filter((l) => system.has(l.split(':')[0]));
    writeFileSync(join(this.state, 'shadow'), [...shadow, `${USER.name}:*:20000:0:99999:7:::`, ''].join('\n'), { mode: 0o640 });
    spawnSync('chown', ['root:shadow', join(this.state, 'shadow')]);
    this.mkdir(USER.home, USER);
  }

  /** Where a path of the machine is kept in the temporary folder (for writing fixtures before a run). */
  hostPath(path: string): string {
    const places: readonly [string, string][] = [
      ['/var/lib/dpkg', 'dpkg'],
      ['/var/lib/rpm', 'rpm'],
      ['/usr/share/applications', 'applications'],
      ['/opt', 'opt'],
      ['/home', 'home'],
      ['/root', 'root'],
      ['/snap', 'snap'],
      ['/tmp', 'tmp'],
      ['/run', 'run'],
      ['/usr', 'upper/usr'],
      ['/var', 'upper/var'],
      ['/etc', 'upper/etc'],
    ];
    for (const [at, folder] of places) {
      if (path === at || path.startsWith(`${at}/`)) {
        mkdirSync(join(this.state, folder), { recursive: true });
        return join(this.state, folder, path.slice(at.length));
      }
    }
    throw new Error(`${path} is not a path a layout keeps (only /opt, /home, /root, /snap, /tmp, /run, /usr, /var, /etc)`);
  }

  /** Creates a folder of the machine (and its parents), owned by `owner` when given. */
  mkdir(path: string, owner?: { readonly uid: number; readonly gid: number }): void {
    const at = this.hostPath(path);
    mkdirSync(at, { recursive: true });
    if (owner) spawnSync('chown', ['-R', `${owner.uid}:${owner.gid}`, at]);
  }

  /** Writes a file of the machine (parents created), owned by `owner` when given (with the folders it created). */
  write(path: string, content: string | Buffer, opts: { readonly mode?: number; readonly owner?: { readonly uid: number; readonly gid: number } } = {}): void {
    const at = this.hostPath(path);
    const created = mkdirSync(dirname(at), { recursive: true });
    writeFileSync(at, content);
    if (opts.mode !== undefined) chmodSync(at, opts.mode);
    if (opts.owner) {
      const owner = `${opts.owner.uid}:${opts.owner.gid}`;
      // mkdirSync returns the first folder it made: that one and everything below it to the file are the owner's.
      if (created) spawnSync('chown', ['-R', owner, created]);
      spawnSync('chown', [owner, at]);
    }
  }

  /** Copies a host file into the machine. */
  copy(hostFile: string, path: string, mode?: number): void {
    const at = this.hostPath(path);
    mkdirSync(dirname(at), { recursive: true });
    copyFileSync(hostFile, at);
    if (mode !== undefined) chmodSync(at, mode);
  }

  /** Makes a symbolic link of the machine. */
  symlink(target: string, path: string): void {
    const at = this.hostPath(path);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at);
  }

  /** A folder for files the test builds (packages): seen at the same path inside. */
  get workDir(): string {
    return join(this.state, 'debs');
  }

  /**
   * Runs commands one after the other inside the machine, with `background` programs started first
   * (and still running unless something closed them). Throws when the machine could not be set up.
   */
  async run(commands: readonly LayoutCommand[], background: readonly LayoutCommand[] = []): Promise<LayoutRun> {
    // Our processes are visible from the host's process list: a test there that expects no Zoom running waits.
    if (background.length) await lockZoomProcesses(150_000);
    try {
      return this.runNow(commands, background);
    } finally {
      if (background.length) unlockZoomProcesses();
    }
  }

  /**
   * Starts one long-lived program inside the machine, `background` programs first, and gives it
   * back as a child process whose IPC channel (Node's, as `fork` gives) reaches the program itself:
   * the init process relays messages both ways. Its stdout and stderr are the program's; it ends
   * with the program's exit code, and the machine with it. Kill it to end everything inside.
   */
  async start(app: LayoutCommand, background: readonly LayoutCommand[] = [], opts: LayoutStartOptions = {}): Promise<ChildProcess> {
    const hostPaths = opts.hostPaths ?? [];
    // Said at once, before anything starts: inside, the program would end at its first step with a bare ENOENT.
    const hidden = hiddenInside(app, [...this.defaultBinds(), ...hostPaths]);
    if (hidden.length) {
      const own = [...new Set(hidden.map((p) => `/${p.split('/')[1]}`))].join(', ');
      throw new Error(`the program needs ${hidden.join(', ')}, hidden inside the layout (it has its own ${own}): pass each, or a folder holding it, in hostPaths`);
    }
    if (background.length) await lockZoomProcesses(150_000);
    // A long run: the lock's age says it is still held (a stale one is taken over after minutes).
    const keep = background.length ? setInterval(() => touchZoomLock(), 30_000) : null;
    const release = (): void => {
      if (!keep) return;
      clearInterval(keep);
      unlockZoomProcesses();
    };
    try {
      const { specFile } = this.writeSpec([], background, app, hostPaths);
      const args = ['--mount', '--pid', '--fork', '--mount-proc', ...(opts.hostNetwork ? [] : ['--net']), '--propagation', 'private', '--kill-child', process.execPath, INIT, specFile];
      const child = spawn('unshare', args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      child.on('exit', release);
      child.on('error', release);
      return child;
    } catch (e) {
      release();
      throw e;
    }
  }

  private writeSpec(commands: readonly LayoutCommand[], background: readonly LayoutCommand[], app: LayoutCommand | null, hostPaths: readonly string[]) {
    const root = join(this.dir, 'rootfs');
    rmSync(root, { recursive: true, force: true });
    const results = join(this.dir, 'results.json');
    rmSync(results, { force: true });
    const s = (p: string) => join(this.state, p);
    const cmd = (c: LayoutCommand) => ({ argv: c.argv, user: c.user, env: { ...USER_ENV, ...c.env }, timeoutMs: c.timeoutMs ?? 120_000, ready: c.ready, cwd: c.cwd });
    const spec = {
      root,
      results,
      // /snap only where the layout has snaps: a machine without snapd has no /snap.
      own: ['opt', 'home', 'root', 'tmp', 'run', 'snap'].filter((d) => existsSync(s(d))).map((d) => ({ source: s(d), target: `/${d}` })),
      overlays: ['usr', 'var', 'etc'].map((d) => ({ target: `/${d}`, upper: s(`upper/${d}`), work: s(`work/${d}`) })),
      binds: [
        ...this.hostBinds(hostPaths),
        { source: s('dpkg'), target: '/var/lib/dpkg' },
        { source: s('rpm'), target: '/var/lib/rpm' },
        { source: s('applications'), target: '/usr/share/applications' },
        { source: s('passwd'), target: '/etc/passwd' },
        { source: s('group'), target: '/etc/group' },
        { source: s('shadow'), target: '/etc/shadow' },
      ],
      background: background.map(cmd),
      commands: commands.map(cmd),
      ...(app ? { app: cmd(app) } : {}),
    };
    for (const b of spec.binds) if (!existsSync(b.source) || !existsSync(b.target)) throw new Error(`${b.target} does not exist on this host: nothing to mount the layout's over`);
    const specFile = join(this.dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    return { spec, specFile, results };
  }

  private runNow(commands: readonly LayoutCommand[], background: readonly LayoutCommand[]): LayoutRun {
    const { spec, specFile, results } = this.writeSpec(commands, background, null, []);
    const total = spec.commands.reduce((t, c) => t + c.timeoutMs, 30_000);
    const r = spawnSync('unshare', ['--mount', '--pid', '--fork', '--mount-proc', '--net', '--propagation', 'private', '--kill-child', process.execPath, INIT, specFile], { encoding: 'utf8', timeout: total });
    if (!existsSync(results)) throw new Error(`the layout did not run (exit ${r.status ?? r.signal}): ${r.stderr}${r.error?.message ?? ''}`);
    const out = JSON.parse(readFileSync(results, 'utf8')) as LayoutRun & { error?: string };
    if (out.error) throw new Error(`the layout could not be set up: ${out.error}`);
    return out;
  }

  /**
   * Host folders the commands need at their own paths (node, the CLI bundle, the packages built for
   * the test): bound where they lie in a folder the layout replaces (/tmp, /root/.nvm…); elsewhere
   * (/usr…) the overlays show them already.
   */
  private hostBinds(extra: readonly string[]): { source: string; target: string }[] {
    return [...this.defaultBinds(), ...extra]
      .filter((d) => REPLACED.test(d))
      .map((d) => {
        if (statSync(d).isDirectory()) mkdirSync(this.hostPath(d), { recursive: true });
        else this.write(d, '');
        return { source: d, target: d };
      });
  }

  /** Host folders every run sees at their own paths: node's, the CLI bundle's, the packages built for the test. */
  private defaultBinds(): string[] {
    return [dirname(process.execPath), dirname(builtCli()), this.workDir];
  }

  /**
   * Makes a folder of /usr, /var or /etc empty inside the machine (an opaque folder of its overlay:
   * the host's files there are not seen), e.g. /var/lib/apt/lists for a machine whose package lists
   * hold nothing newer than what is installed.
   */
  opaque(path: string): void {
    if (!/^\/(usr|var|etc)\//.test(path)) throw new Error(`${path}: only folders of /usr, /var and /etc are overlays`);
    const at = this.hostPath(path);
    mkdirSync(at, { recursive: true });
    const r = spawnSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', at], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`setfattr on ${at} failed: ${r.stderr || r.error?.message}`);
  }

  /** Runs one command inside; its result. */
  async exec(argv: readonly string[], opts: Omit<LayoutCommand, 'argv'> = {}): Promise<LayoutResult> {
    return (await this.run([{ ...opts, argv }])).commands[0]!;
  }

  /** Like exec, but throws when the command fails. */
  async must(argv: readonly string[], opts: Omit<LayoutCommand, 'argv'> = {}): Promise<string> {
    const r = await this.exec(argv, opts);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} failed inside the layout (${r.code ?? r.signal}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Which of these paths exist inside the machine (lstat: a dangling link exists). */
  async existing(paths: readonly string[]): Promise<string[]> {
    const script = 'const fs=require("fs");console.log(JSON.stringify(JSON.parse(process.argv[1]).filter((p)=>{try{fs.lstatSync(p);return true}catch{return false}})))';
    return JSON.parse(await this.must([process.execPath, '-e', script, JSON.stringify(paths)])) as string[];
  }

  /** Reads a text file inside the machine. */
  async read(path: string): Promise<string> {
    return this.must(['cat', '--', path]);
  }

  /** dpkg-query's ${Status} of a package in the machine's database ('' when it does not know it). */
  async dpkgStatus(name: string): Promise<string> {
    const r = await this.exec(['dpkg-query', '-W', '--showformat=${Status}', name]);
    return r.code === 0 ? r.stdout.trim() : '';
  }

  /** Deletes the layout. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** argv of the built CLI inside a layout. */
export function cliArgv(args: readonly string[]): string[] {
  return [process.execPath, builtCli(), ...args];
}

/** The JSON report a `--json` run printed (throws with what it printed when it is not one). */
export function reportOf(r: LayoutResult): Report {
  try {
    return JSON.parse(r.stdout) as Report;
  } catch {
    throw new Error(`not a JSON report (exit ${r.code}): ${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  }
}

/** True when a path exists on the host (to prove a layout left nothing behind there). */
export function onHost(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A suite title that says why the suite skips, where it does (`why`: the rung's own reason, or the suite's). */
export function layoutTitle(title: string, why: string | null = realLayoutUnavailable()): string {
  return why ? `${title} — SKIPPED: ${why}` : title;
}

/** The banned-app findings of a report. */
export function zoomFindings(report: Report): Report['findings'] {
  return report.findings.filter((f) => f.check === 'banned-app');
}

/** The CLI's check for banned apps only (point 1), as JSON: what these tests look at, without the patch check's apt run. */
export const CHECK_ZOOM: readonly string[] = ['check', '--only', 'banned-app', '--json'];
