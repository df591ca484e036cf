/**
 * The tray's check process (src/main/run-in-utility.ts): with a fake utilityProcess on a manual clock for
 * each way a process can end, then the real built worker entry (out/main/check-worker.js, built here by
 * electron-vite) run as a Node child with a shimmed `process.parentPort`, as Electron's utilityProcess runs it.
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRequest } from '../../src/core/check-process/protocol';
import { killAfterMs } from '../../src/core/check-process/request';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import { defaultChecks } from '../../src/core/checks/default-checks';
import { runChecks } from '../../src/core/engine';
import { FixtureHost, type FixtureSpec } from '../../src/core/host/fixture-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { runChecksInUtility, type ForkUtility, type UtilityChild } from '../../src/main/run-in-utility';
import { UtilityProcess } from '../helpers/fake-electron';
import { manualClock } from '../helpers/manual-clock';

const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01', osRelease: '6.1.0' });
const ctx = { host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z'), dataDir: '/tmp/none' };
const checks = [
  { id: 'banned-app', advisoryPoint: 1 as const },
  { id: 'os-patch', advisoryPoint: 2 as const },
];
const osPatchOk = { id: 'os-patch:1', check: 'os-patch', status: 'ok', severity: 'low', advisoryPoint: 2, title: { key: 'osPatch:ok.title' }, evidence: [] } as const;

function setup(fork?: ForkUtility) {
  const clock = manualClock();
  const child = new UtilityProcess('/app/out/main/check-worker.js', [], {});
  // Its pid, kept: the fake forgets it when the process exits, as Electron's does.
  const pid = child.pid!;
  const killed: number[] = [];
  const forks: { modulePath: string; env: Record<string, string>; serviceName: string }[] = [];
  const promise = runChecksInUtility(ctx, {
    fork: fork ?? ((modulePath, o) => (forks.push({ modulePath, ...o }), child)),
    modulePath: '/app/out/main/check-worker.js',
    env: { PATH: '/usr/bin', UNSET: undefined },
    timeLimitMs: 4_000,
    checks,
    killTree: (pid) => void killed.push(pid),
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { clock, child, pid, killed, forks, promise };
}

describe('the check process seen from the tray (fake utilityProcess)', () => {
  it('asks the worker entry for exactly the checks given, and answers with its report; the process is ended soon after if it stays', async () => {
    const { clock, child, pid, killed, forks, promise } = setup();
    expect(forks).toEqual([{ modulePath: '/app/out/main/check-worker.js', env: { PATH: '/usr/bin' }, serviceName: expect.any(String) }]);
    expect(child.sent).toEqual([{ type: 'run', now: '2026-11-25T08:00:00.000Z', timeLimitMs: 4_000, checks: ['banned-app', 'os-patch'], dataDir: '/tmp/none' } satisfies CheckRequest]);
    const report = await runChecks(ctx, { checks: defaultChecks() });
    child.reply({ type: 'report', report });
    await expect(promise).resolves.toBe(report);
    expect(child.killed).toBe(false);
    await clock.advance(2_000);
    expect(killed).toEqual([pid]);
    expect(child.killed).toBe(true);
  });

  it('a process that crashes before its report: what it finished is kept, the rest unknown in words, the exit code in the evidence', async () => {
    const { child, killed, promise } = setup();
    child.reply({ type: 'findings', check: 'os-patch', findings: [osPatchOk] });
    child.exit(9);
    const report = await promise;
    expect(report.findings.map((f) => [f.check, f.status])).toEqual([['banned-app', 'unknown'], ['os-patch', 'ok']]);
    expect(report.findings[0]).toMatchObject({ reason: { key: 'common:reason.checkProcessEnded', params: { check: 'banned-app' } }, evidence: [{ kind: 'probe', detail: 'check process: exit code 9' }] });
    expect(report.summary).toEqual({ violation: 0, warning: 0, unknown: 1, ok: 1, notice: 0 });
    expect(killed).toEqual([]); // it is gone already
  });

  it('a hung process is killed at its limit (with every command it started) and its checks are unknown, saying how long it had', async () => {
    const { clock, child, pid, killed, promise } = setup();
    let settled = false;
    void promise.then(() => (settled = true));
    await clock.advance(killAfterMs(4_000) - 1);
    expect(settled).toBe(false);
    await clock.advance(1);
    const report = await promise;
    expect(killed).toEqual([pid]);
    expect(child.killed).toBe(true);
    const seconds = Math.round(killAfterMs(4_000) / 1000);
    expect(report.findings.map((f) => [f.check, f.status, f.reason?.key, f.reason?.params?.count])).toEqual([
      ['banned-app', 'unknown', 'common:reason.checkKilled', seconds],
      ['os-patch', 'unknown', 'common:reason.checkKilled', seconds],
    ]);
  });

  it('a worker that says it could not run rejects with its message; one that cannot be started is unknown with why', async () => {
    const failing = setup();
    failing.child.reply({ type: 'failed', message: 'the host could not be made' });
    await expect(failing.promise).rejects.toThrow('the host could not be made');
    const report = await setup(() => {
      throw new Error('spawn EACCES');
    }).promise;
    expect(report.findings.map((f) => [f.check, f.status, f.reason?.key])).toEqual([
      ['banned-app', 'unknown', 'common:reason.checkProcessEnded'],
      ['os-patch', 'unknown', 'common:reason.checkProcessEnded'],
    ]);
    expect(report.findings[0]!.evidence).toEqual([{ kind: 'probe', detail: 'check process: could not start: spawn EACCES' }]);
  });

  it('when the app quits, a running check process is ended with its commands', async () => {
    const quit = new AbortController();
    const child = new UtilityProcess('/w.js', [], {});
    const pid = child.pid!;
    const killed: number[] = [];
    const promise = runChecksInUtility(ctx, { fork: () => child, modulePath: '/w.js', env: {}, timeLimitMs: 4_000, checks, killTree: (pid) => void killed.push(pid), signal: quit.signal });
    quit.abort();
    const report = await promise;
    expect(killed).toEqual([pid]);
    expect(child.killed).toBe(true);
    expect(report.findings.map((f) => f.reason?.key)).toEqual(['common:reason.checkProcessEnded', 'common:reason.checkProcessEnded']);
    expect(report.findings[0]!.evidence).toEqual([{ kind: 'probe', detail: 'check process: the app quit' }]);
  });

  it('ignores garbage from the process and a second answer', async () => {
    const { child, promise } = setup();
    child.emit('message', null);
    child.emit('message', { type: 'findings' });
    child.emit('message', 'report');
    const report = await runChecks(ctx, { checks: defaultChecks() });
    child.reply({ type: 'report', report });
    child.exit(0);
    await expect(promise).resolves.toBe(report);
  });
});

const ROOT = join(__dirname, '..', '..');
const SHIM = join(ROOT, 'tests', 'helpers', 'parent-port-shim.cjs');
const STALL = join(ROOT, 'tests', 'helpers', 'stall-in-check-process.cjs');
// Inside node_modules, so the built chunks find zod and the rest as the packaged app does.
mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
const built = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'attt-worker-'));
const WORKER = join(built, 'out', 'main', 'check-worker.js');
beforeAll(() => void execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', join(built, 'out'), '--logLevel', 'error'], { cwd: ROOT, stdio: 'ignore' }), 120_000);
afterAll(() => rmSync(built, { recursive: true, force: true }));

/** Electron's utilityProcess.fork, played by a Node child whose parentPort is the shim's. */
const nodeUtility =
  (execArgv: readonly string[] = []): ForkUtility =>
  (modulePath, options) => {
    // The check-process argument makes the stall hook (when loaded) act in this child only.
    const c = fork(SHIM, [modulePath, '--attt-selfcheck-check-process'], { env: options.env, execArgv: [...execArgv], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return {
      get pid() {
        return c.pid;
      },
      postMessage: (m) => void c.send(m as object),
      on(event: 'message' | 'exit', listener: (x: never) => void) {
        if (event === 'message') c.on('message', listener as (m: unknown) => void);
        else c.on('exit', (code, signal) => (listener as (code: number) => void)(code ?? (signal ? 128 : -1)));
        return this;
      },
      kill: () => c.kill('SIGKILL'),
    } as UtilityChild;
  };

const OS_RELEASE = 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=noble\n';
const machine: FixtureSpec = {
  platform: 'linux',
  homedir: '/home/an',
  hostname: 'may-07',
  osRelease: '6.8.0',
  files: { '/etc/os-release': OS_RELEASE, '/home/an': { type: 'dir' } },
  commands: [{ argv: DPKG_ARGV, stdout: 'zoom\t6.4.1.587\tamd64\tinstall ok installed\nlibc6\t2.39-0ubuntu8\tamd64\tinstall ok installed\n' }],
};

describe('the real built worker entry, as a utilityProcess would run it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attt-utility-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fixture = join(dir, 'machine.json');
  writeFileSync(fixture, JSON.stringify(machine));
  const options = (execArgv: readonly string[] = [], env: Record<string, string> = {}) => ({
    fork: nodeUtility(execArgv),
    modulePath: WORKER,
    env: { PATH: process.env.PATH, ATTT_SELFCHECK_FIXTURE: fixture, ...env },
    timeLimitMs: 3_000,
    checks: defaultChecks(),
    killTree: (pid: number) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    },
  });
  const fixtureCtx = { host: new FixtureHost(machine), policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') };

  it('electron-vite builds the worker as its own main-side entry', () => {
    expect(existsSync(WORKER)).toBe(true);
    expect(existsSync(join(built, 'out', 'main', 'index.js'))).toBe(true);
  });

  it('gives the same report as the checks run in this process (Zoom found by dpkg)', async () => {
    const fromWorker = await runChecksInUtility(fixtureCtx, options());
    const inProcess = await runChecks(fixtureCtx, { checks: defaultChecks() });
    expect(fromWorker.findings.some((f) => f.check === 'banned-app' && f.status === 'violation')).toBe(true);
    expect({ ...fromWorker, durationMs: 0 }).toEqual({ ...inProcess, durationMs: 0 });
  }, 30_000);

  it('a parse that never returns in the worker: this process gets its answer at the limit, the stalled check unknown in words', async () => {
    const flag = join(dir, 'stalled');
    const spec: FixtureSpec = { ...machine, commands: [{ argv: DPKG_ARGV, stdout: 'zoom\t6.4.1.587\tamd64\tinstall ok installed\nstall-here\n' }] };
    writeFileSync(fixture, JSON.stringify(spec));
    const report = await runChecksInUtility(fixtureCtx, options(['--require', STALL], { STALL_FLAG: flag }));
    expect(existsSync(flag)).toBe(true); // the worker really was stuck
    expect(report.findings.find((f) => f.check === 'banned-app')).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.checkKilled', params: { check: 'banned-app', count: Math.round(killAfterMs(3_000) / 1000) } } });
    expect(report.checks).toEqual(['banned-app', 'os-patch', 'browser-patch', 'online-app', 'installer-origin']);
    expect(report.findings.some((f) => f.check === 'os-patch')).toBe(true); // said, one way or the other
  }, 30_000);
});
