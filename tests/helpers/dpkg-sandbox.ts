// A private dpkg database in a temporary folder: build dummy .deb packages with dpkg-deb, install
// and remove them with `dpkg --admindir=DIR --instdir=DIR --force-not-root`, and query them. Never
// touches the system's database or any path outside its own folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A dummy package to build. */
export interface DebSpec {
  readonly name: string;
  readonly version: string;
  readonly arch?: string;
  /** Files by path relative to the root (e.g. `opt/zoom/ZoomLauncher`) -> content. */
  readonly files?: Readonly<Record<string, string>>;
  /** Paths (relative, among `files`) that are conffiles: they survive `remove` (state config-files). */
  readonly conffiles?: readonly string[];
  readonly description?: string;
  /** Maintainer scripts by name (`preinst`, `postinst`, `prerm`, `postrm`): shell text, made executable. */
  readonly scripts?: Readonly<Record<string, string>>;
  /** The DEBIAN/triggers file, e.g. `interest /opt/zoom`. */
  readonly triggers?: string;
}

/** How to install: `unpack` stops after unpacking; `noTriggers` leaves triggers pending; `mayFail` returns dpkg's status. */
export interface InstallOptions {
  readonly unpack?: boolean;
  readonly noTriggers?: boolean;
  readonly mayFail?: boolean;
}

/** What dpkg-query says about one package in the sandbox. */
export interface DebState {
  readonly name: string;
  readonly version: string;
  readonly arch: string;
  /** ${Status}, e.g. `install ok installed`, `deinstall ok config-files`. */
  readonly status: string;
}

/** True when dpkg, dpkg-deb and dpkg-query can run here. */
export function dpkgAvailable(): boolean {
  return ['dpkg', 'dpkg-deb', 'dpkg-query'].every((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status === 0);
}

// dpkg checks that ldconfig and start-stop-daemon are on PATH even for a private instdir.
const ENV = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin`, LC_ALL: 'C' };

function run(argv: readonly string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: ENV });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

function must(argv: readonly string[]): string {
  const r = run(argv);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A private dpkg database (admindir) and install root (instdir) in a temporary folder. */
export class DpkgSandbox {
  /** The temporary folder holding everything. */
  readonly root: string;
  /** The private database (INSTDIR/var/lib/dpkg): pass to `dpkg --admindir` or ATTT_SELFCHECK_DPKG_ADMINDIR. */
  readonly admindir: string;
  /** Where package files are unpacked. */
  readonly instdir: string;
  private readonly debs: string;

  constructor(prefix = 'attt-dpkg-') {
    this.root = mkdtempSync(join(tmpdir(), prefix));
    // Laid out as a system is (ROOT/var/lib/dpkg), so the removal plan finds the install root above the database.
    this.instdir = join(this.root, 'root');
    this.admindir = join(this.instdir, 'var', 'lib', 'dpkg');
    this.debs = join(this.root, 'debs');
    for (const d of [join(this.admindir, 'updates'), join(this.admindir, 'info'), this.instdir, this.debs]) mkdirSync(d, { recursive: true });
    writeFileSync(join(this.admindir, 'status'), '');
  }

  /** Builds a .deb from the spec and returns its path. */
  build(spec: DebSpec): string {
    const tree = join(this.root, 'build', `${spec.name}_${spec.version}`);
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
    const control = [
      `Package: ${spec.name}`,
      `Version: ${spec.version}`,
      `Architecture: ${spec.arch ?? 'amd64'}`,
      'Maintainer: ATTT Self-Check tests <tests@example.invalid>',
      `Description: ${spec.description ?? 'dummy package for tests'}`,
      '',
    ].join('\n');
    writeFileSync(join(tree, 'DEBIAN', 'control'), control);
    for (const [rel, content] of Object.entries(spec.files ?? {})) {
      const path = join(tree, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    for (const [name, text] of Object.entries(spec.scripts ?? {})) writeFileSync(join(tree, 'DEBIAN', name), text, { mode: 0o755 });
    if (spec.triggers) writeFileSync(join(tree, 'DEBIAN', 'triggers'), `${spec.triggers}\n`);
    if (spec.conffiles?.length) writeFileSync(join(tree, 'DEBIAN', 'conffiles'), spec.conffiles.map((c) => `/${c.replace(/^\//, '')}\n`).join(''));
    const deb = join(this.debs, `${spec.name}_${spec.version}_${spec.arch ?? 'amd64'}.deb`);
    must(['dpkg-deb', '--root-owner-group', '--build', tree, deb]);
    return deb;
  }

  /** Builds (when given a spec) and installs a package into the sandbox. */
  install(specOrDeb: DebSpec | string, options: InstallOptions = {}): void {
    const deb = typeof specOrDeb === 'string' ? specOrDeb : this.build(specOrDeb);
    const argv = ['dpkg', ...this.flags(), ...(options.noTriggers ? ['--no-triggers'] : []), options.unpack ? '--unpack' : '-i', deb];
    if (options.mayFail) run(argv);
    else must(argv);
  }

  /**
   * Unpacks a real .deb (e.g. one `apt-get download` fetched) into the sandbox without configuring it, so
   * none of its maintainer scripts runs (a postinst would act on the real system: update-alternatives).
   * Its dependencies are not in the private database, so they are not required. Refuses a .deb with a
   * preinst, which `--unpack` would run.
   */
  unpack(deb: string): void {
    const info = must(['dpkg-deb', '-I', deb]);
    if (/^\s+\d+ bytes,\s+\d+ lines\s+\*?\s+preinst\b/m.test(info)) throw new Error(`${deb} has a preinst script; it would run on this system`);
    must(['dpkg', ...this.flags(), '--force-depends', '--unpack', deb]);
  }

  /** Removes a package (`purge` also drops its conffiles, leaving no trace). */
  remove(name: string, purge = false): void {
    must(['dpkg', ...this.flags(), purge ? '--purge' : '--remove', name]);
  }

  /** What dpkg-query says about a package; null when it is unknown to the database. */
  query(name: string): DebState | null {
    const r = run(['dpkg-query', `--admindir=${this.admindir}`, '-W', '--showformat=${Package}\\t${Version}\\t${Architecture}\\t${Status}\\n', name]);
    if (r.status !== 0) return null;
    const [pkg, version, arch, status] = r.stdout.trim().split('\t');
    return { name: pkg!, version: version!, arch: arch!, status: status! };
  }

  /** The package's ${Status} (e.g. `install ok installed`), '' when the database does not know it. */
  status(name: string): string {
    return this.query(name)?.status ?? '';
  }

  /** Path of a packaged file as unpacked in the sandbox (e.g. `opt/zoom/ZoomLauncher`). */
  fileOf(rel: string): string {
    return join(this.instdir, rel);
  }

  /** True when an unpacked file exists. */
  has(rel: string): boolean {
    return existsSync(this.fileOf(rel));
  }

  /** Deletes the whole sandbox. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private flags(): string[] {
    return [`--admindir=${this.admindir}`, `--instdir=${this.instdir}`, '--force-not-root', '--force-script-chrootless', '--log=/dev/null'];
  }
}
