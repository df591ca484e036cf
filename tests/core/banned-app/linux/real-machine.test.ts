// Rung 2 of the test ladder: Linux for real. A dummy `zoom` .deb in a private dpkg database, real
// processes named `zoom` and `zoomer`, real files in a temporary home with a Vietnamese name.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { dpkgProbe } from '../../../../src/core/checks/banned-app/linux/dpkg';
import { installPathsProbe } from '../../../../src/core/checks/banned-app/linux/install-paths';
import { linuxInstallersProbe, linuxLeftoversProbe, linuxProbes } from '../../../../src/core/checks/banned-app/linux/linux-probes';
import { linuxProcessesProbe } from '../../../../src/core/checks/banned-app/linux/processes';
import { rpmProbe } from '../../../../src/core/checks/banned-app/linux/rpm';
import { dpkgAdmindirRewrite } from '../../../../src/core/host/host-from-env';
import { SandboxHost } from '../../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../../src/core/policy/policy';
import { dpkgAvailable, DpkgSandbox } from '../../../helpers/dpkg-sandbox';
import { hitsOf, NOW, runProbe, zoom } from './harness';
import { rpmAvailable, RpmSandbox } from './rpm-sandbox';
import { lockZoomProcesses, unlockZoomProcesses } from './zoom-process-lock';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux && dpkgAvailable())('dpkg for real (private database)', () => {
  let dirty: DpkgSandbox;
  let clean: DpkgSandbox;
  let home: string;

  beforeAll(() => {
    dirty = new DpkgSandbox();
    dirty.install({ name: 'zoom', version: '6.1.0.198', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n', 'opt/zoom/zoom': 'ELF', 'etc/zoomus.conf': 'x=1\n' }, conffiles: ['etc/zoomus.conf'] });
    dirty.install({ name: 'zoomer', version: '0.1-2', arch: 'all', files: { 'usr/bin/zoomer': '#!/bin/sh\n' } });
    clean = new DpkgSandbox();
    clean.install({ name: 'zoomer', version: '0.1-2', arch: 'all', files: { 'usr/bin/zoomer': '#!/bin/sh\n' } });
    home = mkdtempSync(join(tmpdir(), 'attt-home-'));
  });
  afterAll(() => {
    dirty.dispose();
    clean.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  const hostOn = (sandbox: DpkgSandbox): SandboxHost => new SandboxHost({ homedir: home, rewrite: dpkgAdmindirRewrite(sandbox.admindir) });

  it('finds the installed zoom package with its version; zoomer is not flagged', async () => {
    expect(dirty.query('zoom')?.status).toBe('install ok installed');
    const hits = hitsOf(await runProbe(dpkgProbe, hostOn(dirty)));
    expect(hits.map((h) => [h.kind, h.install, h.evidence.version, h.evidence.data?.arch])).toEqual([['installed', 'dpkg:zoom', '6.1.0.198', 'amd64']]);
  });

  it('reports a violation through the whole check, with dpkg evidence and the uninstall plan', async () => {
    const findings = await bannedAppCheck({ linux: linuxProbes, darwin: [], win32: [] }).run({ host: hostOn(dirty), policy: builtinPolicy(), now: NOW });
    const v = findings.find((f) => f.evidence.some((e) => e.data?.manager === 'dpkg'));
    expect(v).toMatchObject({ status: 'violation', remediation: 'uninstall.package', title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'zoom 6.1.0.198' } } });
    expect(findings.flatMap((f) => f.evidence).some((e) => e.data?.name === 'zoomer')).toBe(false);
  });

  it('sees a removed but not purged package as a leftover, and a purged one as gone', async () => {
    const s = new DpkgSandbox();
    try {
      s.install({ name: 'zoom', version: '5.17.5.2543', files: { 'opt/zoom/zoom': 'ELF', 'etc/zoomus.conf': 'x' }, conffiles: ['etc/zoomus.conf'] });
      s.install({ name: 'adduser', version: '3.137', arch: 'all' });
      s.remove('zoom');
      expect(hitsOf(await runProbe(dpkgProbe, hostOn(s))).map((h) => [h.kind, h.evidence.data?.state])).toEqual([['leftover', 'config-files']]);
      s.remove('zoom', true);
      expect(hitsOf(await runProbe(dpkgProbe, hostOn(s)))).toEqual([]);
    } finally {
      s.dispose();
    }
  });

  it('reads every state a real dpkg leaves a zoom package in: each one with files on disk is an install', async () => {
    const fail = '#!/bin/sh\nexit 1\n';
    const cases: [string, (s: DpkgSandbox) => void][] = [
      // zoom's files activate a trigger another package awaits: zoom is triggers-awaited until it runs.
      ['triggers-awaited', (s) => { s.install({ name: 'trig', version: '1', triggers: 'interest /opt/zoom' }); s.install({ name: 'zoom', version: '6.1.0', files: { 'opt/zoom/zoom': 'ELF' } }, { noTriggers: true }); }],
      ['unpacked', (s) => s.install({ name: 'zoom', version: '6.1.0', files: { 'opt/zoom/zoom': 'ELF' } }, { unpack: true })],
      ['half-configured', (s) => s.install({ name: 'zoom', version: '6.1.0', files: { 'opt/zoom/zoom': 'ELF' }, scripts: { postinst: fail } }, { mayFail: true })],
      ['half-installed', (s) => s.install({ name: 'zoom', version: '6.1.0', files: { 'opt/zoom/zoom': 'ELF' }, scripts: { preinst: fail, postrm: fail } }, { mayFail: true })],
    ];
    for (const [state, make] of cases) {
      const s = new DpkgSandbox();
      try {
        s.install({ name: 'adduser', version: '3.137', arch: 'all' });
        make(s);
        expect(s.status('zoom').split(' ')[2], state).toBe(state);
        const r = await runProbe(dpkgProbe, hostOn(s));
        expect(hitsOf(r).map((h) => [h.kind, h.evidence.data?.state]), state).toEqual([['installed', state]]);
        if (state === 'triggers-awaited') expect(s.status('trig')).toBe('install ok triggers-pending');
      } finally {
        s.dispose();
      }
    }
  });

  it('runs clean on a database holding only zoomer', async () => {
    expect(hitsOf(await runProbe(dpkgProbe, hostOn(clean)))).toEqual([]);
  });

  it('sees a zoom folder that no package owns as a manual install of its own', async () => {
    const manual = join(home, 'opt', 'zoom');
    mkdirSync(manual, { recursive: true });
    writeFileSync(join(manual, 'zoom'), 'ELF');
    const app = { ...zoom(), linux: { ...zoom().linux, installPaths: [manual] } };
    const hits = hitsOf(await runProbe(installPathsProbe, hostOn(clean), app));
    expect(hits.map((h) => [h.install, h.remediation])).toEqual([[`folder:${manual}`, 'remove.allowlisted']]);
    rmSync(join(home, 'opt'), { recursive: true, force: true });
  });
});

describe.runIf(onLinux && rpmAvailable())('rpm for real (private database)', { timeout: 120_000 }, () => {
  it('finds a dummy zoom rpm with its version-release; zoomer is not flagged', async () => {
    const s = new RpmSandbox();
    try {
      s.install('zoom', '6.1.0.198');
      s.install('zoomer', '0.1');
      const hits = hitsOf(await runProbe(rpmProbe, new SandboxHost({ rewrite: s.rewrite() })));
      expect(hits.map((h) => [h.install, h.evidence.version, h.evidence.data?.arch])).toEqual([['rpm:zoom', '6.1.0.198-1', 'noarch']]);
    } finally {
      s.dispose();
    }
  });
});

describe.runIf(onLinux)('processes for real', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await lockZoomProcesses();
    dir = mkdtempSync(join(tmpdir(), 'attt-proc-'));
    for (const name of ['zoom', 'zoomer']) {
      copyFileSync('/bin/sleep', join(dir, name));
      children.push(spawn(join(dir, name), ['300'], { stdio: 'ignore' }));
    }
    // wait until both have exec'd (their comm is the new name)
    const commOf = (c: ChildProcess): string => {
      try {
        return readFileSync(`/proc/${c.pid}/comm`, 'utf8').trim();
      } catch {
        return '';
      }
    };
    for (let i = 0; i < 50; i++) {
      const names = children.map(commOf);
      if (names[0] === 'zoom' && names[1] === 'zoomer') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    unlockZoomProcesses();
  });

  it('finds the process named zoom by its pid, with its executable; zoomer is not flagged', async () => {
    const hits = hitsOf(await runProbe(linuxProcessesProbe, new SandboxHost({ homedir: dir })));
    const pids = hits.map((h) => h.evidence.data?.pid);
    expect(pids).toContain(String(children[0]!.pid));
    expect(pids).not.toContain(String(children[1]!.pid));
    const mine = hits.find((h) => h.evidence.data?.pid === String(children[0]!.pid))!;
    expect(mine).toMatchObject({ kind: 'running', install: 'process:zoom', evidence: { kind: 'process', data: { name: 'zoom', exe: join(dir, 'zoom') } } });
  });

  it('agrees with an independent process lister (systeminformation) on the processes named zoom', async () => {
    // Other test files may start or end a `zoom` of their own meanwhile, and a zoom of another package is
    // rightly not ours: every process we report is one systeminformation names zoom, before or after us.
    const si = await import('systeminformation');
    const named = async (): Promise<string[]> => (await si.processes()).list.filter((p) => p.name === 'zoom').map((p) => String(p.pid));
    const before = await named();
    const ours = hitsOf(await runProbe(linuxProcessesProbe, new SandboxHost({ homedir: dir }))).map((h) => h.evidence.data?.pid);
    const theirs = new Set([...before, ...(await named())]);
    expect(before).toContain(String(children[0]!.pid));
    expect(ours).toContain(String(children[0]!.pid));
    expect(ours.filter((pid) => !theirs.has(pid!))).toEqual([]);
  });
});

describe.runIf(onLinux)('installers and leftovers for real (temporary home with a Vietnamese name)', () => {
  let base: string;
  let home: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'attt-files-'));
    home = join(base, 'nguyễn');
    const put = (rel: string, content: string): void => {
      mkdirSync(join(home, rel, '..'), { recursive: true });
      writeFileSync(join(home, rel), content);
    };
    put('Downloads/zoom_amd64.deb', 'x'.repeat(1234));
    put('Downloads/zoom.txt', 'not an installer');
    put('Downloads/zoom_amd64 (1).deb', 'x');
    put('Tải về/ZoomInstallerFull.exe', 'MZ');
    put('.config/user-dirs.dirs', 'XDG_DOWNLOAD_DIR="$HOME/Tải về"\nXDG_DESKTOP_DIR="$HOME/Desktop"\n');
    put('.zoom/data/zoomus.db', 'db');
    put('.config/zoomus.conf', '[General]\n');
    put('.zoomer/keep', '');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('finds the installers with their sizes, never zoom.txt', async () => {
    const hits = hitsOf(await runProbe(linuxInstallersProbe, new SandboxHost({ homedir: home })));
    expect(hits.map((h) => [h.install, h.evidence.data?.size]).sort()).toEqual([
      [`installer:${home}/Downloads/zoom_amd64 (1).deb`, '1'],
      [`installer:${home}/Downloads/zoom_amd64.deb`, '1234'],
      [`installer:${home}/Tải về/ZoomInstallerFull.exe`, '2'],
    ]);
  });

  it('finds ~/.zoom and ~/.config/zoomus.conf, never ~/.zoomer', async () => {
    const hits = hitsOf(await runProbe(linuxLeftoversProbe, new SandboxHost({ homedir: home })));
    expect(hits.map((h) => [h.install, h.evidence.kind])).toEqual([
      [`leftover:${home}/.zoom`, 'folder'],
      [`leftover:${home}/.config/zoomus.conf`, 'file'],
    ]);
  });
});
