// The bug a real .deb Zoom showed: its /opt/zoom is owned by the package (dpkg:zoom), and the planner once
// read that package as another user, so `fix zoom` left the whole install to a person. Here the .deb
// really ships /opt/zoom into a private dpkg database; another user's installer sits in their home.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockZoomProcesses, unlockZoomProcesses } from '../banned-app/linux/zoom-process-lock';
import { dpkgAdmindirRewrite } from '../../../src/core/host/host-from-env';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { executeFix, prepareFix } from '../../../src/core/remediation/fix-flow';
import { dpkgAvailable, DpkgSandbox } from '../../helpers/dpkg-sandbox';

const policy = builtinPolicy();
const now = new Date('2026-11-25T08:00:00Z');
const sandboxes: DpkgSandbox[] = [];
// The re-checks look at this machine's real processes: wait while another test keeps a real zoom running.
beforeAll(() => lockZoomProcesses(150_000), 160_000);
afterAll(() => unlockZoomProcesses());
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.dispose();
});

function setUp() {
  const dpkg = new DpkgSandbox('attt-optzoom-');
  sandboxes.push(dpkg);
  dpkg.install({ name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } });
  // As Zoom's .deb ships it: the program and its launcher in /opt/zoom, and a desktop entry.
  dpkg.install({ name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n', 'opt/zoom/zoom': 'ELF', 'usr/share/applications/Zoom.desktop': '[Desktop Entry]\nName=Zoom\nExec=/usr/bin/zoom %U\n' } });
  const home = join(dpkg.root, 'home', 'an');
  const hoa = join(dpkg.root, 'home', 'hoa');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(hoa, 'Downloads'), { recursive: true });
  writeFileSync(join(hoa, 'Downloads', 'zoom_amd64.deb'), 'deb');
  const passwd = join(dpkg.root, 'passwd');
  writeFileSync(passwd, `an:x:1000:1000::${home}:/bin/bash\nhoa:x:1001:1001:Trần Thị Hoa:${hoa}:/bin/bash\n`);
  const data = join(dpkg.root, 'data');
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_DATA_DIR: data, ATTT_SELFCHECK_PASSWD_FILE: passwd };
  const host = new SandboxHost({ homedir: home, env, rewrite: dpkgAdmindirRewrite(dpkg.admindir) });
  const mutable = new ConfinedMutableHost(new RealMutableHost(host, () => now), [dpkg.root]);
  return { dpkg, hoa, host, mutable, ctx: { host, policy, now, dataDir: data } };
}

describe.runIf(process.platform === 'linux' && dpkgAvailable())('a dpkg Zoom whose /opt/zoom belongs to the package', () => {
  it('is one finding planned as the package manager\'s purge, not manual; the re-check proves /opt/zoom gone', async () => {
    const s = setUp();
    const optZoom = s.dpkg.fileOf('opt/zoom');
    expect(existsSync(join(optZoom, 'zoom'))).toBe(true);
    const prepared = await prepareFix(s.ctx, 'zoom');
    const plan = prepared.plans.find((p) => p.evidence.some((e) => e.kind === 'package'))!;
    // The folder is evidence of the same install, with the package that owns it named as a package.
    expect(plan.evidence.map((e) => [e.kind, e.path ?? '', e.data?.package ?? '', e.data?.user ?? ''])).toEqual([
      ['package', '', '', ''],
      ['folder', optZoom, 'zoom', ''],
    ]);
    expect(plan.kind).toBe('uninstall');
    expect(plan.why).toBeUndefined();
    expect(plan.steps).toEqual([expect.objectContaining({ kind: 'run', argv: ['dpkg', `--instdir=${s.dpkg.instdir}`, `--log=${s.dpkg.admindir}/dpkg.log`, '--force-not-root', '-P', 'zoom'] })]);
    const outcome = await executeFix(s.ctx, prepared, { mutable: s.mutable, privileged: false, only: [plan.id] });
    expect(outcome.verdicts.find((v) => v.planId === plan.id)).toMatchObject({ verdict: 'removed', remaining: [] });
    expect(s.dpkg.status('zoom')).toBe('');
    expect(s.dpkg.status('attt-base')).toBe('install ok installed');
    expect(existsSync(optZoom)).toBe(false);
    expect(outcome.after.findings.filter((f) => f.status === 'violation')).toEqual([]);
  });

  it('another user\'s installer in their home is still left to them (manual, fix:why.otherUser), and stays', async () => {
    const s = setUp();
    const prepared = await prepareFix(s.ctx, 'zoom');
    const theirs = prepared.plans.filter((p) => p.evidence.some((e) => e.data?.user === 'hoa'));
    expect(theirs.map((p) => [p.kind, p.steps.length, p.why?.key, p.evidence[0]!.data?.home])).toEqual([['manual', 0, 'fix:why.otherUser', s.hoa]]);
    await executeFix(s.ctx, prepared, { mutable: s.mutable, privileged: false });
    expect(existsSync(join(s.hoa, 'Downloads', 'zoom_amd64.deb'))).toBe(true);
    expect(s.dpkg.status('zoom')).toBe('');
  });
});
