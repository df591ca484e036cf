import { describe, expect, it } from 'vitest';
import { FixtureHost, type FixtureSpec } from '../../../src/core/host/fixture-host';
import { HostError } from '../../../src/core/host/host';
import type { MutableHost, TrashResult } from '../../../src/core/host/mutable-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowlistFor } from '../../../src/core/remediation/allowlist';
import type { RemediationPlan, PlanStep } from '../../../src/core/remediation/plan';
import { runPlan } from '../../../src/core/remediation/runner';
import { rootOwned } from '../../helpers/system-files';

const zoom = builtinPolicy().bannedApps[0]!;
const now = () => new Date('2026-11-25T08:00:00Z');

/** A write door whose every folder refuses the user (as /Applications or /opt can). */
class DeniedMutableHost implements MutableHost {
  constructor(readonly platform: MutableHost['platform']) {}
  remove(path: string): Promise<void> {
    return Promise.reject(new HostError('permission', path, `${path}: EACCES: permission denied`));
  }
  moveToTrash(path: string): Promise<TrashResult> {
    return Promise.reject(new HostError('permission', path, `${path}: EACCES: permission denied`));
  }
  rename(): Promise<void> {
    return Promise.reject(new Error('not used'));
  }
  writeFileAtomic(): Promise<void> {
    return Promise.reject(new Error('not used'));
  }
  appendLine(): Promise<void> {
    return Promise.resolve();
  }
  makeDir(): Promise<void> {
    return Promise.reject(new Error('not used'));
  }
}

function plan(step: PlanStep): RemediationPlan {
  return { id: 'f:uninstall', findingId: 'f', kind: 'uninstall', title: { key: 'bannedApp:installed.title' }, steps: [step], manual: [], evidence: [] };
}

async function run(spec: FixtureSpec, step: PlanStep) {
  const host = new FixtureHost(spec);
  const r = await runPlan(plan(step), { host, mutable: new DeniedMutableHost(spec.platform), allowlist: allowlistFor(host, zoom), now, privileged: false });
  return { r, calls: host.calls };
}

const aptRemove: PlanStep = { kind: 'run', title: { key: 'fix:step.package' }, argv: ['apt-get', 'remove', '-y', 'zoom'], elevation: 'admin', okExitCodes: [0] };

describe('elevation asks only for what is needed, for programs from system folders only', () => {
  it('Linux: pkexec and the program by full path from the system folders, never looked up in PATH', async () => {
    const { calls } = await run({ platform: 'linux', homedir: '/home/an', env: { PATH: '/home/an/.local/bin:/usr/bin' }, files: { ...rootOwned({ '/usr/bin/apt-get': 'ELF' }), '/home/an/.local/bin/apt-get': '#!/bin/sh' } }, aptRemove);
    expect(calls).toEqual([['/usr/bin/pkexec', '/usr/bin/apt-get', 'remove', '-y', 'zoom']]);
  });

  it.each([
    ['owned by a person', { '/usr/bin/apt-get': { type: 'file' as const, content: 'ELF', uid: 1000, gid: 1000, mode: 0o755 } }, '/usr/bin/apt-get', 'uid 1000'],
    ['writable by everyone', { '/usr/bin/apt-get': { type: 'file' as const, content: 'ELF', uid: 0, gid: 0, mode: 0o777 } }, '/usr/bin/apt-get', 'others'],
    ['in a folder a group of people can write', { '/usr/bin': { type: 'dir' as const, uid: 0, gid: 50, mode: 0o775 } }, '/usr/bin', 'gid 50'],
  ])('Linux: a system program %s is never run as administrator, with the place in words', async (_name, over, where, who) => {
    const { r, calls } = await run({ platform: 'linux', homedir: '/home/an', files: { ...rootOwned({ '/usr/bin/apt-get': 'ELF' }), ...over } }, aptRemove);
    expect(calls).toEqual([]);
    expect(r).toMatchObject({ outcome: 'refused', message: { key: 'fix:why.userWritableProgram', params: { program: '/usr/bin/apt-get', path: where, who } } });
  });

  it('Linux as root: the running app is signalled with kill by full path from a root-owned folder; a kill a person can change is never run', async () => {
    const stat = '4321 (zoom) S 1 1 1 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 5555 1000 100\n';
    const step: PlanStep = { kind: 'close-app', title: { key: 'fix:step.close' }, pids: [4321], names: ['zoom'] };
    const quick = { graceMs: 0, pollMs: 1, sleep: async () => undefined };
    const good = new FixtureHost({ platform: 'linux', homedir: '/root', files: { ...rootOwned({ '/usr/bin/kill': 'ELF' }), '/proc/4321/stat': stat } });
    await runPlan(plan(step), { host: good, mutable: new DeniedMutableHost('linux'), allowlist: allowlistFor(good, zoom), now, privileged: true, close: quick });
    expect(good.calls[0]).toEqual(['/usr/bin/kill', '-s', 'TERM', '4321']);
    const bad = new FixtureHost({ platform: 'linux', homedir: '/root', env: { PATH: '/home/an/bin:/usr/bin' }, files: { ...rootOwned({ '/usr/bin/kill': 'ELF' }), '/usr/bin/kill': { type: 'file', content: 'ELF', uid: 1000, gid: 1000, mode: 0o755 }, '/proc/4321/stat': stat } });
    const r = await runPlan(plan(step), { host: bad, mutable: new DeniedMutableHost('linux'), allowlist: allowlistFor(bad, zoom), now, privileged: true, close: quick });
    expect(bad.calls).toEqual([]);
    expect(r).toMatchObject({ outcome: 'refused', message: { key: 'fix:why.userWritableProgram', params: { program: '/usr/bin/kill', who: 'uid 1000' } } });
  });

  it('Linux: a program whose owner is not recorded is not proven safe, so not run as administrator', async () => {
    const { r, calls } = await run({ platform: 'linux', homedir: '/home/an', files: { '/usr/bin/apt-get': 'ELF' } }, aptRemove);
    expect(calls).toEqual([]);
    expect(r).toMatchObject({ outcome: 'refused', message: { key: 'fix:why.programRightsUnknown', params: { program: '/usr/bin/apt-get', path: '/' } } });
  });

  it('Windows: already administrator, a per-user uninstaller in the profile is refused (the person can change it); one in Program Files runs', async () => {
    const exe = 'C:\\Users\\an\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe';
    const icacls = 'C:\\Windows\\System32\\icacls.exe';
    const step: PlanStep = { kind: 'run', title: { key: 'fix:step.uninstaller' }, argv: [exe, '/uninstall'], elevation: 'none', okExitCodes: [0] };
    const host = new FixtureHost({ platform: 'win32', homedir: 'C:\\Users\\an', env: { SystemRoot: 'C:\\Windows' }, commands: [
      { argv: [icacls, exe], stdout: `${exe} DESKTOP-7Q2M4KD\\an:(I)(F)\r\n${' '.repeat(exe.length)} NT AUTHORITY\\SYSTEM:(I)(F)\r\n\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n` },
      { argv: [exe, '/uninstall'], exitCode: 0 },
    ] });
    const r = await runPlan(plan(step), { host, mutable: new DeniedMutableHost('win32'), allowlist: allowlistFor(host, zoom), now, privileged: true });
    expect(r).toMatchObject({ outcome: 'refused', message: { key: 'fix:why.userWritableProgram', params: { path: exe, who: 'DESKTOP-7Q2M4KD\\an (F)' } } });
    expect(host.calls.some((c) => c[0] === exe)).toBe(false);
  });

  it('Linux: a program found only outside the system folders is not run as administrator', async () => {
    const { r, calls } = await run({ platform: 'linux', homedir: '/home/an', env: { PATH: '/home/an/.local/bin' }, files: { '/home/an/.local/bin/apt-get': '#!/bin/sh' } }, aptRemove);
    expect(calls).toEqual([]);
    expect(r.outcome).toBe('failed');
    expect(r.message).toEqual({ key: 'common:reason.toolMissing', params: { tool: 'apt-get' } });
  });

  it('Windows: exit code 1223 of an uninstaller run without the UAC wrapper is a failure, not a refused elevation', async () => {
    const exe = 'C:\\Users\\an\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe';
    const step: PlanStep = { kind: 'run', title: { key: 'fix:step.uninstaller' }, argv: [exe, '/uninstall'], elevation: 'none', okExitCodes: [0] };
    const { r } = await run({ platform: 'win32', homedir: 'C:\\Users\\an', commands: [{ argv: [exe, '/uninstall'], exitCode: 1223 }] }, step);
    expect(r.outcome).toBe('failed');
  });

  it('macOS: a bundle in ~/Applications that refuses is never moved as administrator', async () => {
    const path = '/Users/an/Applications/zoom.us.app';
    const { r, calls } = await run({ platform: 'darwin', homedir: '/Users/an', files: { [path]: { type: 'dir' }, '/Users/an/.Trash': { type: 'dir' } } }, { kind: 'trash', title: { key: 'fix:step.trashApp' }, path, elevation: 'if-needed' });
    expect(calls).toEqual([]);
    expect(r.outcome).toBe('failed');
  });

  it('macOS: /Applications/zoom.us.app is moved by root only into a real ~/.Trash folder, never through a link', async () => {
    const path = '/Applications/zoom.us.app';
    const step: PlanStep = { kind: 'trash', title: { key: 'fix:step.trashApp' }, path, elevation: 'if-needed' };
    const linked = await run({ platform: 'darwin', homedir: '/Users/an', files: { [path]: { type: 'dir' }, '/Users/an/.Trash': { type: 'symlink', target: '/etc/periodic/daily' } } }, step);
    expect(linked.calls).toEqual([]);
    expect(linked.r.outcome).toBe('refused');
    const real = await run({ platform: 'darwin', homedir: '/Users/an', files: { ...rootOwned({ '/bin/mv': 'Mach-O' }), [path]: { type: 'dir' }, '/Users/an/.Trash': { type: 'dir' } }, commands: [{ argv: ['/usr/bin/osascript'], prefix: true, exitCode: 0 }] }, step);
    expect(real.r.outcome).toBe('done');
    // mv by full path from a root-owned system folder, so root's shell runs that one.
    expect(real.calls).toEqual([['/usr/bin/osascript', '-e', `do shell script "'/bin/mv' '-n' '/Applications/zoom.us.app' '/Users/an/.Trash/zoom.us.app ${now().getTime()}'" with administrator privileges`]]);
  });
});
