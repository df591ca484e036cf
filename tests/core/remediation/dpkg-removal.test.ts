import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockZoomProcesses, unlockZoomProcesses } from '../banned-app/linux/zoom-process-lock';
import { dpkgAdmindirRewrite } from '../../../src/core/host/host-from-env';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { RealHost } from '../../../src/core/host/real-host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { readAudit } from '../../../src/core/remediation/audit-log';
import { closeApp } from '../../../src/core/remediation/close-app';
import { executeFix, prepareFix } from '../../../src/core/remediation/fix-flow';
import type { RemediationPlan } from '../../../src/core/remediation/plan';
import { runPlan, type FixEvent } from '../../../src/core/remediation/runner';
import { allowlistFor } from '../../../src/core/remediation/allowlist';
import { DpkgSandbox } from '../../helpers/dpkg-sandbox';

const policy = builtinPolicy();
const now = new Date('2026-11-25T08:00:00Z');

const BASE = { name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } };
// With a conffile, as packages that keep settings have: a plain remove would leave it in state config-files.
const ZOOM = { name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\necho dummy\n', 'etc/zoom/zoom.conf': 'x=1\n' }, conffiles: ['etc/zoom/zoom.conf'] };

function sandbox() {
  const dpkg = new DpkgSandbox('attt-dpkg-');
  const dir = dpkg.root;
  // A real database is never empty: a base package beside zoom.
  dpkg.install(BASE);
  dpkg.install(ZOOM);
  const home = join(dir, 'home');
  const data = join(dir, 'data');
  mkdirSync(home);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_DATA_DIR: data, ATTT_SELFCHECK_PASSWD_FILE: join(dir, 'no-passwd') };
  const host = new SandboxHost({ homedir: home, env, rewrite: dpkgAdmindirRewrite(dpkg.admindir) });
  const mutable = new ConfinedMutableHost(new RealMutableHost(host, () => now), [dir]);
  return { dir, dpkg, home, data, host, mutable, ctx: { host, policy, now, dataDir: data } };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
// The re-checks here expect no other Zoom process on this machine, and one test runs its own: other test
// files that keep a process named zoom running take the same lock.
beforeAll(() => lockZoomProcesses());
afterAll(() => unlockZoomProcesses());

describe('Linux for real: a dummy zoom .deb in a private dpkg database', () => {
  it('is planned from the dpkg evidence, removed by the plan, and the re-check proves it gone; the audit log holds what ran', async () => {
    const s = sandbox();
    expect(s.dpkg.status('zoom')).toBe('install ok installed');
    expect(existsSync(join(s.dpkg.instdir, 'opt', 'zoom', 'ZoomLauncher'))).toBe(true);
    const prepared = await prepareFix(s.ctx, 'zoom');
    const plan = prepared.plans.find((p) => p.evidence.some((e) => e.data?.manager === 'dpkg'))!;
    expect(plan.steps[0]).toMatchObject({ kind: 'run', argv: ['dpkg', `--instdir=${s.dpkg.instdir}`, `--log=${s.dpkg.admindir}/dpkg.log`, '--force-not-root', '-P', 'zoom'] });
    const events: FixEvent[] = [];
    const outcome = await executeFix(s.ctx, prepared, { mutable: s.mutable, onEvent: (e) => events.push(e), privileged: false });
    expect(s.dpkg.status('zoom')).toBe(''); // purged: not even its configuration files are left
    expect(s.dpkg.status('attt-base')).toBe('install ok installed');
    expect(existsSync(join(s.dpkg.instdir, 'opt', 'zoom', 'ZoomLauncher'))).toBe(false);
    const verdict = outcome.verdicts.find((v) => v.planId === plan.id)!;
    expect(verdict).toMatchObject({ verdict: 'removed', remaining: [] });
    expect(outcome.after.findings.filter((f) => f.status === 'violation')).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['plan-start', 'step-start', 'step-end', 'plan-end', 'recheck-start', 'recheck-end']));
    const log = await readAudit(s.host, join(s.data, 'audit.log'));
    expect(log.damaged).toEqual([]);
    expect(log.entries.map((e) => [e.type, e.outcome])).toEqual([['step', 'ok'], ['verdict', 'removed']]);
    expect(log.entries[0]!.argv).toEqual(['dpkg', `--admindir=${s.dpkg.admindir}`, `--instdir=${s.dpkg.instdir}`, `--log=${s.dpkg.admindir}/dpkg.log`, '--force-not-root', '-P', 'zoom']);
    expect(log.entries[0]!.exitCode).toBe(0);
    expect(log.entries[0]!.evidenceBefore[0]).toMatchObject({ kind: 'package', data: { manager: 'dpkg', name: 'zoom' } });
    expect(log.entries[1]!.evidenceAfter).toEqual([]);
  });

  it('an installer in the localized Downloads folder ("Tải về", from user-dirs.dirs) is moved to the Trash and proven gone', async () => {
    const s = sandbox();
    mkdirSync(join(s.home, '.config'), { recursive: true });
    writeFileSync(join(s.home, '.config', 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Tải về"\n');
    mkdirSync(join(s.home, 'Tải về'));
    writeFileSync(join(s.home, 'Tải về', 'zoom_amd64.deb'), 'deb');
    const prepared = await prepareFix(s.ctx, 'zoom');
    const plan = prepared.plans.find((p) => p.kind === 'installer')!;
    expect(plan.evidence[0]!.path).toBe(join(s.home, 'Tải về', 'zoom_amd64.deb'));
    const outcome = await executeFix(s.ctx, prepared, { mutable: s.mutable, privileged: false, only: [plan.id] });
    expect(outcome.verdicts.find((v) => v.planId === plan.id)).toMatchObject({ verdict: 'removed' });
    expect(existsSync(join(s.home, 'Tải về', 'zoom_amd64.deb'))).toBe(false);
    expect(existsSync(join(s.home, '.local', 'share', 'Trash', 'files', 'zoom_amd64.deb'))).toBe(true);
  });

  it('a failing uninstaller: nothing claimed, still present with the reason and manual steps', async () => {
    const s = sandbox();
    const prepared = await prepareFix(s.ctx, 'zoom');
    // The same plan, but dpkg is told to remove from a database it cannot write (a file, not a folder).
    const bad = join(s.dir, 'not-a-db');
    writeFileSync(bad, '');
    const host = new SandboxHost({ homedir: s.home, env: s.host.env, rewrite: dpkgAdmindirRewrite(bad) });
    const outcome = await executeFix({ ...s.ctx, host }, prepared, { mutable: s.mutable, privileged: false });
    expect(s.dpkg.status('zoom')).toBe('install ok installed');
    const v = outcome.verdicts[0]!;
    expect(['still-present', 'not-proven']).toContain(v.verdict);
    expect(v.verdict).not.toBe('removed');
    expect(v.run?.outcome).toBe('failed');
    expect(v.why?.key).toMatch(/^fix:exit\.other|^common:reason/);
    expect(v.manual.map((m) => m.key)).toContain('fix:manual.linux.command');
  });
});

describe('the runner', () => {
  it('stops a step that hangs at its time limit (the whole tree) and claims nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-hang-'));
    const host = new RealHost({ homedir: dir });
    const plan: RemediationPlan = {
      id: 'p', findingId: 'f', kind: 'uninstall', title: { key: 'x' }, manual: [], evidence: [],
      steps: [{ kind: 'run', title: { key: 'x' }, argv: ['sh', '-c', 'sleep 30 & sleep 30'], elevation: 'none', okExitCodes: [0] }],
    };
    const mutable = new ConfinedMutableHost(new RealMutableHost(host), [dir]);
    const r = await runPlan(plan, { host, mutable, allowlist: allowlistFor(host, policy.bannedApps[0]!), now: () => now, privileged: true, stepTimeoutMs: 300, auditFile: join(dir, 'audit.log') });
    expect(r.outcome).toBe('timeout');
    expect(r.message?.key).toBe('fix:result.timeout');
    const log = await readAudit(host, join(dir, 'audit.log'));
    // Run as root: the program by full path from a system folder root owns, never from PATH.
    expect(log.entries[0]).toMatchObject({ outcome: 'timeout', exitCode: null, argv: [expect.stringMatching(/^\/(usr\/)?s?bin\/sh$/), '-c', 'sleep 30 & sleep 30'] });
  });

  it('closes a real running "zoom" by pid (SIGTERM first) and leaves a process of another name alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-close-'));
    const fake = join(dir, 'zoom');
    copyFileSync('/bin/sleep', fake);
    const zoomProc = spawn(fake, ['30'], { stdio: 'ignore' });
    const other = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
    children.push(zoomProc, other);
    const host = new RealHost({ homedir: dir });
    await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(`/proc/${zoomProc.pid}/comm`, 'utf8').trim()).toBe('zoom');
    const exited = new Promise<string | null>((resolve) => zoomProc.on('exit', (_c, sig) => resolve(sig)));
    const r = await closeApp(host, { kind: 'close-app', title: { key: 'x' }, pids: [zoomProc.pid!, other.pid!], names: ['zoom', 'ZoomLauncher'] }, { graceMs: 5_000, pollMs: 50 });
    expect(await exited).toBe('SIGTERM');
    expect(r.outcome).toBe('closed');
    expect(r.runs.map((x) => x.argv)).toEqual([['kill', '-s', 'TERM', String(zoomProc.pid)]]);
    expect(other.exitCode).toBeNull();
    expect(readFileSync(`/proc/${other.pid}/comm`, 'utf8').trim()).toBe('sleep');
  });
});
