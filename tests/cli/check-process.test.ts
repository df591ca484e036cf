/**
 * `check` as a program runs the checks in a worker thread and stops it at its limit. A test-only hook
 * (tests/helpers/stall-in-check-process.cjs) makes a parse in that thread loop forever; the CLI still returns.
 * A command that hangs (a stand-in `dpkg-query` first on PATH, on this real machine) ends with the check.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { FixtureHost, type FixtureSpec } from '../../src/core/host/fixture-host';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import type { Report } from '../../src/shared/report';

const ROOT = join(__dirname, '..', '..');
const STALL = join(ROOT, 'tests', 'helpers', 'stall-in-check-process.cjs');
const dir = mkdtempSync(join(tmpdir(), 'attt-check-process-'));
// The bundle, as shipped: it runs itself in a worker thread as the check (and starts in a fraction of tsx's time).
const CLI = join(dir, 'attt-selfcheck.cjs');
beforeAll(() => void execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), `--outfile=${CLI}`], { cwd: ROOT }), 60_000);

const OS_RELEASE = 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\nVERSION_CODENAME=noble\n';
/** A Linux PC with Zoom installed by dpkg beside `other` (a package line). */
const machine = (other: string): FixtureSpec => ({
  platform: 'linux',
  homedir: '/home/an',
  hostname: 'may-07',
  osRelease: '6.8.0',
  env: { ATTT_SELFCHECK_DATA_DIR: dir },
  files: { '/etc/os-release': OS_RELEASE, '/home/an': { type: 'dir' } },
  commands: [{ argv: DPKG_ARGV, stdout: `zoom\t6.4.1.587\tamd64\tinstall ok installed\n${other}\tinstall ok installed\n` }],
});

function writeMachine(name: string, spec: FixtureSpec): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

function cli(args: readonly string[], env: Record<string, string>, node: readonly string[] = []) {
  return spawnSync(process.execPath, [...node, CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
}

describe('check in a thread of its own', () => {
  it('a parse that never returns: the CLI returns at its limit, exit 3, the stalled check unknown in words', () => {
    const flag = join(dir, 'stalled');
    const fixture = writeMachine('stall.json', machine('stall-here\t1.0\tall'));
    const r = cli(['check', '--json'], { ATTT_SELFCHECK_FIXTURE: fixture, ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '3000', STALL_FLAG: flag }, ['--require', STALL]);
    expect(r.error).toBeUndefined(); // not ended by spawnSync's own timeout
    expect(existsSync(flag)).toBe(true); // the check thread really was stuck in the parse
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.host).toMatchObject({ os: 'linux', hostname: 'may-07' });
    const stalled = report.findings.find((f) => f.check === 'banned-app');
    expect(stalled).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.checkKilled', params: { check: 'banned-app', count: 5 } } });
    expect(report.findings.some((f) => f.status === 'violation')).toBe(false);

    const text = cli(['check'], { ATTT_SELFCHECK_FIXTURE: fixture, ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '3000' }, ['--require', STALL]);
    expect(text.status).toBe(3);
    expect(text.stdout).toContain('Bước kiểm tra «phần mềm bị cấm sử dụng (điểm 1)» chưa xong sau 5 giây nên đã bị dừng hẳn; chưa biết kết quả của bước này.');
  });

  it('the same machine without the stall: the same report and exit code as the check run inline', async () => {
    const spec = machine('libc6\t2.39-0ubuntu8\tamd64');
    const fixture = writeMachine('zoom.json', spec);
    const r = cli(['check', '--json'], { ATTT_SELFCHECK_FIXTURE: fixture }, ['--require', STALL]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    const fromChild = JSON.parse(r.stdout) as Report;
    const io: CliIO & { stdout: string } = { stdout: '', out: (t) => void (io.stdout += t), err: () => undefined, confirm: async () => false };
    const code = await main(['check', '--json'], { io, host: new FixtureHost(spec), now: () => new Date(fromChild.generatedAt) });
    expect(code).toBe(2);
    const inProcess = JSON.parse(io.stdout) as Report;
    expect({ ...fromChild, durationMs: 0 }).toEqual({ ...inProcess, durationMs: 0 });
    expect(fromChild.findings.find((f) => f.status === 'violation')).toMatchObject({ check: 'banned-app' });

    // --only runs that one check in the thread too
    const only = cli(['check', '--only', 'os-patch', '--json'], { ATTT_SELFCHECK_FIXTURE: fixture });
    const onlyReport = JSON.parse(only.stdout) as Report;
    expect(onlyReport.checks).toEqual(['os-patch']);
    expect(new Set(onlyReport.findings.map((f) => f.check))).toEqual(new Set(['os-patch']));
    const io2: CliIO & { stdout: string } = { stdout: '', out: (t) => void (io2.stdout += t), err: () => undefined, confirm: async () => false };
    expect(await main(['check', '--only', 'os-patch', '--json'], { io: io2, host: new FixtureHost(spec), now: () => new Date(onlyReport.generatedAt) })).toBe(only.status);
    expect({ ...onlyReport, durationMs: 0 }).toEqual({ ...(JSON.parse(io2.stdout) as Report), durationMs: 0 });
  });
});

/** Whether a process is gone (or a zombie nobody waits for any more). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

describe.skipIf(process.platform !== 'linux')('a command that hangs, on this machine', () => {
  // A `dpkg-query` first on PATH that records its pid and sleeps (exec: the same process) far past every limit.
  const bin = join(dir, 'hung-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'dpkg-query'), '#!/bin/sh\necho $$ > "$HUNG_PID_FILE"\nexec sleep 300\n');
  chmodSync(join(bin, 'dpkg-query'), 0o755);
  const run = (name: string, env: Record<string, string>, node: readonly string[] = []) => {
    const pidFile = join(dir, `${name}.pid`);
    const r = cli(['check', '--only', 'banned-app', '--json'], { PATH: `${bin}:${process.env.PATH}`, HUNG_PID_FILE: pidFile, ATTT_SELFCHECK_DATA_DIR: join(dir, name), ...env }, node);
    return { r, pid: Number(readFileSync(pidFile, 'utf8')) };
  };

  it('the check ends at its limit and the hung command is killed with it, long before its own 15 s timeout', () => {
    const { r, pid } = run('hung', { ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '1500' });
    expect(r.error).toBeUndefined();
    expect(gone(pid)).toBe(true); // killed when the CLI answered, not left to sleep its 300 s
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.find((f) => f.check === 'banned-app')).toMatchObject({ status: 'unknown' });
  });

  it('a thread stuck in a parse while a command hangs: the thread is stopped, the command killed, exit 3', () => {
    // A stand-in rpm that prints the stall marker: the thread loops on its output while dpkg-query sleeps.
    writeFileSync(join(bin, 'rpm'), '#!/bin/sh\nprintf "stall-here\\t1\\t1\\tnoarch\\n"\n');
    chmodSync(join(bin, 'rpm'), 0o755);
    const flag = join(dir, 'stalled-hung');
    const { r, pid } = run('stall-hung', { ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '2000', STALL_FLAG: flag }, ['--require', STALL]);
    expect(existsSync(flag)).toBe(true);
    expect(gone(pid)).toBe(true);
    expect(r.status).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.find((f) => f.check === 'banned-app')).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.checkKilled', params: { check: 'banned-app', count: 3 } } });
  });
});
