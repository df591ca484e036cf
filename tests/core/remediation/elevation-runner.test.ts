import { describe, expect, it } from 'vitest';
import { FixtureHost, type FixtureSpec } from '../../../src/core/host/fixture-host';
import { HostError } from '../../../src/core/host/host';
import type { MutableHost, TrashResult } from '../../../src/core/host/mutable-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { allowlistFor } from '../../../src/core/remediation/allowlist';
import type { RemediationPlan, PlanStep } from '../../../src/core/remediation/plan';
import { runPlan } from '../../../src/core/remediation/runner';

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
    const { calls } = await run({ platform: 'linux', homedir: '/home/an', env: { PATH: '/home/an/.local/bin:/usr/bin' }, files: { '/usr/bin/apt-get': 'ELF', '/home/an/.local/bin/apt-get': '#!/bin/sh' } }, aptRemove);
    expect(calls).toEqual([['/usr/bin/pkexec', '/usr/bin/apt-get', 'remove', '-y', 'zoom']]);
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
    const real = await run({ platform: 'darwin', homedir: '/Users/an', files: { [path]: { type: 'dir' }, '/Users/an/.Trash': { type: 'dir' } }, commands: [{ argv: ['/usr/bin/osascript'], prefix: true, exitCode: 0 }] }, step);
    expect(real.r.outcome).toBe('done');
    expect(real.calls).toEqual([['/usr/bin/osascript', '-e', `do shell script "'mv' '-n' '/Applications/zoom.us.app' '/Users/an/.Trash/zoom.us.app ${now().getTime()}'" with administrator privileges`]]);
  });
});
