// A private rpm database in a temporary folder: dummy packages built with rpmbuild (inside the
// folder) and recorded with `rpm --dbpath DIR -i --justdb` (no file is unpacked anywhere).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when rpm and rpmbuild can run here. */
export function rpmAvailable(): boolean {
  return ['rpm', 'rpmbuild'].every((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status === 0);
}

function must(argv: readonly string[]): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
}

/** A private rpm database. */
export class RpmSandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'attt-rpm-'));
  readonly dbpath = join(this.root, 'db');

  constructor() {
    mkdirSync(this.dbpath);
    must(['rpm', '--dbpath', this.dbpath, '--initdb']);
  }

  /** Builds a package with one file under /opt/NAME and records it in the database. */
  install(name: string, version: string, release = '1'): void {
    const top = join(this.root, 'top', name);
    mkdirSync(join(top, 'SPECS'), { recursive: true });
    const spec = join(top, 'SPECS', `${name}.spec`);
    writeFileSync(spec, [`Name: ${name}`, `Version: ${version}`, `Release: ${release}`, 'Summary: dummy', 'License: MIT', 'BuildArch: noarch', '%description', 'dummy', '%install', `mkdir -p %{buildroot}/opt/${name}`, `echo x > %{buildroot}/opt/${name}/run`, '%files', `/opt/${name}/run`, ''].join('\n'));
    must(['rpmbuild', '--define', `_topdir ${top}`, '--define', `_tmppath ${join(this.root, 'tmp')}`, '--define', `_dbpath ${this.dbpath}`, '-bb', spec]);
    const dir = join(top, 'RPMS', 'noarch');
    const rpm = join(dir, readdirSync(dir).find((f) => f.startsWith(`${name}-`))!);
    must(['rpm', '--dbpath', this.dbpath, '-i', '--justdb', '--nodeps', rpm]);
  }

  /** Makes `rpm` read this database. */
  rewrite(): (argv: readonly string[]) => readonly string[] {
    return (argv) => (argv[0] === 'rpm' ? ['rpm', '--dbpath', this.dbpath, ...argv.slice(1)] : argv);
  }

  /** Deletes the whole sandbox. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
