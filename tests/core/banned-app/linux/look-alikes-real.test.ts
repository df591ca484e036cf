// Zoom known by what it is, not by its name, on real Debian packages: `zoom-player` (a Z-code game player
// that ships /usr/games/zoom), `xzoom` and `libnet-z3950-zoom-perl`, fetched with `apt-get download` and
// unpacked into a private dpkg database; and real running processes named `zoom` (a copy of /bin/sleep
// put where the look-alike's program is, so its comm is `zoom` and dpkg says whose file it is).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannedAppCheck } from '../../../../src/core/checks/banned-app/banned-app-check';
import { dpkgProbe } from '../../../../src/core/checks/banned-app/linux/dpkg';
import { linuxProbes } from '../../../../src/core/checks/banned-app/linux/linux-probes';
import { linuxProcessesProbe } from '../../../../src/core/checks/banned-app/linux/processes';
import { dpkgAdmindirRewrite } from '../../../../src/core/host/host-from-env';
import { SandboxHost } from '../../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../../src/core/policy/policy';
import { dpkgAvailable, DpkgSandbox } from '../../../helpers/dpkg-sandbox';
import { hitsOf, NOW, runProbe } from './harness';
import { lockZoomProcesses, unlockZoomProcesses } from './zoom-process-lock';

const LOOK_ALIKES = ['zoom-player', 'xzoom', 'libnet-z3950-zoom-perl'] as const;

/** The look-alikes' .deb files, downloaded once into a cache folder; or why they could not be. */
function download(): { readonly debs: Readonly<Record<string, string>> } | { readonly why: string } {
  if (process.platform !== 'linux') return { why: 'not Linux' };
  if (!dpkgAvailable()) return { why: 'dpkg, dpkg-deb or dpkg-query is missing' };
  const dir = join(tmpdir(), 'attt-apt-look-alikes');
  mkdirSync(dir, { recursive: true });
  const find = (name: string): string | undefined => readdirSync(dir).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  const missing = LOOK_ALIKES.filter((n) => !find(n));
  if (missing.length > 0) {
    const r = spawnSync('apt-get', ['download', ...missing], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.error || r.status !== 0) return { why: `apt-get download ${missing.join(' ')} failed: ${(r.error?.message ?? r.stderr ?? '').trim().split('\n').pop()}` };
  }
  const debs: Record<string, string> = {};
  for (const n of LOOK_ALIKES) {
    const f = find(n);
    if (!f) return { why: `apt-get download gave no ${n}` };
    debs[n] = join(dir, f);
  }
  return { debs };
}

const got = download();
const title = `Zoom look-alikes from apt${'why' in got ? ` — SKIPPED: ${got.why}` : ''}`;

describe.skipIf('why' in got)(title, () => {
  let dpkg: DpkgSandbox;
  let host: SandboxHost;
  const children: ChildProcess[] = [];
  let player: ChildProcess;
  let zoom: ChildProcess;

  const ours = (pid: string | undefined): boolean => children.some((c) => String(c.pid) === pid);
  const comm = (c: ChildProcess): string => {
    try {
      return readFileSync(`/proc/${c.pid}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  };
  /** Runs a copy of /bin/sleep at `path` (its comm is the file's name) and waits until it has exec'd. */
  async function runAt(path: string): Promise<ChildProcess> {
    copyFileSync('/bin/sleep', path);
    const c = spawn(path, ['300'], { stdio: 'ignore' });
    children.push(c);
    for (let i = 0; i < 100 && comm(c) !== 'zoom'; i++) await new Promise((r) => setTimeout(r, 20));
    return c;
  }

  beforeAll(async () => {
    if ('why' in got) return;
    await lockZoomProcesses();
    dpkg = new DpkgSandbox('attt-lookalike-');
    for (const n of LOOK_ALIKES) dpkg.unpack(got.debs[n]!);
    // Zoom itself, as its .deb lays it out, beside them.
    dpkg.install({ name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n', 'opt/zoom/zoom': 'ELF' } });
    const home = join(dpkg.root, 'home');
    mkdirSync(home);
    host = new SandboxHost({
      homedir: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_PASSWD_FILE: join(dpkg.root, 'no-passwd') },
      rewrite: dpkgAdmindirRewrite(dpkg.admindir),
    });
    player = await runAt(dpkg.fileOf('usr/games/zoom'));
    zoom = await runAt(dpkg.fileOf('opt/zoom/zoom'));
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    dpkg?.dispose();
    if (!('why' in got)) unlockZoomProcesses();
  });

  it('unpacked the real packages: zoom-player owns /usr/games/zoom, and the processes run under the name zoom', () => {
    expect(dpkg.query('zoom-player')).toMatchObject({ name: 'zoom-player', status: 'install ok unpacked' });
    expect(existsSync(dpkg.fileOf('usr/bin/xzoom'))).toBe(true);
    expect(spawnSync('dpkg-query', [`--admindir=${dpkg.admindir}`, '-S', '/usr/games/zoom'], { encoding: 'utf8' }).stdout.trim()).toBe('zoom-player: /usr/games/zoom');
    expect([comm(player), comm(zoom)]).toEqual(['zoom', 'zoom']);
  });

  it('no look-alike package is taken for Zoom; the zoom package is', async () => {
    const hits = hitsOf(await runProbe(dpkgProbe, host));
    expect(hits.map((h) => h.install)).toEqual(['dpkg:zoom']);
  });

  it('the running zoom of zoom-player is not Zoom; the one in /opt/zoom is, by its place', async () => {
    const r = await runProbe(linuxProcessesProbe, host);
    // Only this test's processes: another test file may run a `zoom` of its own meanwhile.
    const hits = hitsOf(r).filter((h) => ours(h.evidence.data?.pid));
    expect(hits.map((h) => [h.evidence.data?.pid, h.evidence.data?.identity, h.evidence.data?.exe])).toEqual([[String(zoom.pid), 'place', dpkg.fileOf('opt/zoom/zoom')]]);
    expect(r.status === 'ran' && r.looked).toContain(`zoom (pid ${player.pid}) is ${dpkg.fileOf('usr/games/zoom')} of the dpkg package zoom-player`);
  });

  it('through the whole check: one Zoom finding holds the package, /opt/zoom and the one Zoom process; nothing of the look-alikes', async () => {
    const findings = await bannedAppCheck({ linux: linuxProbes, darwin: [], win32: [] }).run({ host, policy: builtinPolicy(), now: NOW });
    const evidence = findings.filter((f) => f.status === 'violation').flatMap((f) => f.evidence);
    expect(evidence.filter((e) => e.kind === 'process' && ours(e.data?.pid)).map((e) => e.data?.pid)).toEqual([String(zoom.pid)]);
    expect(evidence.some((e) => e.data?.pid === String(player.pid))).toBe(false);
    expect(evidence.some((e) => LOOK_ALIKES.some((n) => e.data?.name === n || e.data?.package === n))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('read as another user, whose process the program of cannot be read: the finding stays, unconfirmed', async () => {
    // The probe reads /proc as `nobody`: root's processes' /proc/PID/exe then refuses (EACCES).
    let r;
    process.seteuid!(65534);
    try {
      r = await runProbe(linuxProcessesProbe, host);
    } finally {
      process.seteuid!(0);
    }
    const hits = hitsOf(r).filter((h) => ours(h.evidence.data?.pid));
    expect(hits.map((h) => [h.evidence.data?.pid, h.evidence.data?.identity, h.evidence.label?.key]).sort()).toEqual(
      [
        [String(player.pid), 'unconfirmed', 'bannedApp:evidence.processUnreadable'],
        [String(zoom.pid), 'unconfirmed', 'bannedApp:evidence.processUnreadable'],
      ].sort(),
    );
  });
});
