import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendantsOf, parsePsTree } from '../../src/core/check-process/kill-tree';
import { isCheckRequest, type CheckReply } from '../../src/core/check-process/protocol';
import { startCheckThread } from '../../src/core/check-process/check-thread';
import { definedEnv, killAfterMs } from '../../src/core/check-process/request';
import { runChecksInWorker } from '../../src/core/check-process/run-in-worker';
import { serveCheckProcess, type ParentPort } from '../../src/core/check-process/worker';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import { exitCodeFor } from '../../src/core/engine';
import { REPORT_SCHEMA_VERSION } from '../../src/shared/report';

const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01', osRelease: '6.1.0' });
const ctx = { host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z'), dataDir: '/tmp/none' };
const checks = [
  { id: 'banned-app', advisoryPoint: 1 as const },
  { id: 'os-patch', advisoryPoint: 2 as const },
];
const scripted = (mode: string) => ({ modulePath: join(__dirname, '..', 'helpers', 'scripted-check-process.cjs'), args: [mode], env: process.env, timeLimitMs: 500, checks });

/** Waits (a few seconds at most) for a process to be gone or a zombie; false if it still runs. */
async function ended(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    if (process.platform === 'linux' && /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('the check thread, seen from its parent', () => {
  it('a thread that never yields is stopped at its limit: what it finished is kept, the rest is unknown in words', async () => {
    const report = await runChecksInWorker(ctx, scripted('hang'));
    expect(report.findings.map((f) => [f.check, f.status])).toEqual([['banned-app', 'unknown'], ['os-patch', 'ok']]);
    expect(report.findings[0]).toMatchObject({ id: expect.stringMatching(/^banned-app:/), advisoryPoint: 1, reason: { key: 'common:reason.checkKilled', params: { check: 'banned-app', count: Math.round(killAfterMs(500) / 1000) } }, evidence: [] });
    expect(report).toMatchObject({ schemaVersion: REPORT_SCHEMA_VERSION, checks: ['banned-app', 'os-patch'], generatedAt: '2026-11-25T08:00:00.000Z', host: { os: 'linux', hostname: 'may-01' }, summary: { unknown: 1, ok: 1, violation: 0, warning: 0 } });
    expect(exitCodeFor(report.findings)).toBe(3);
  });

  it('a thread that dies before its report: unknown, with the exit code as evidence, not in the sentence', async () => {
    const report = await runChecksInWorker(ctx, scripted('exit'));
    expect(report.findings[0]).toMatchObject({ check: 'banned-app', status: 'unknown', reason: { key: 'common:reason.checkProcessEnded', params: { check: 'banned-app' } }, evidence: [{ kind: 'probe', detail: 'check process: exit code 9' }] });
    expect(report.findings[1]).toMatchObject({ check: 'os-patch', status: 'ok' });
  });

  it('a thread that says it could not run rejects with its message (the CLI prints it as an internal error)', async () => {
    await expect(runChecksInWorker(ctx, scripted('fail'))).rejects.toThrow('the host could not be made');
  });

  it('a thread that throws: unknown, with the error as evidence', async () => {
    const report = await runChecksInWorker(ctx, scripted('throw'));
    expect(report.findings[0]).toMatchObject({ check: 'banned-app', status: 'unknown', reason: { key: 'common:reason.checkProcessEnded' }, evidence: [{ kind: 'probe', detail: 'check process: error: a bug in a probe' }] });
  });

  it.skipIf(process.platform === 'win32')('a command the thread had started (leading its own process group, as the Host starts them) is killed once the thread is stopped', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'attt-kill-tree-')), 'pid');
    const report = await runChecksInWorker(ctx, { ...scripted('command'), env: { ...process.env, COMMAND_PID_FILE: file } });
    expect(report.findings[0]).toMatchObject({ check: 'banned-app', reason: { key: 'common:reason.checkKilled' } });
    const pid = Number(readFileSync(file, 'utf8'));
    expect(await ended(pid)).toBe(true);
  });

  it('a thread started before the check (as the launcher starts it) serves it the same; its commands are still killed', async () => {
    const early = startCheckThread(scripted('exit').modulePath, ['exit'], definedEnv(process.env));
    const report = await runChecksInWorker(ctx, { ...scripted('exit'), thread: early });
    expect(report).toEqual({ ...(await runChecksInWorker(ctx, scripted('exit'))), durationMs: report.durationMs });
    const file = join(mkdtempSync(join(tmpdir(), 'attt-kill-tree-')), 'pid');
    const env = definedEnv({ ...process.env, COMMAND_PID_FILE: file });
    const hung = await runChecksInWorker(ctx, { ...scripted('command'), env, thread: startCheckThread(scripted('command').modulePath, ['command'], env) });
    expect(hung.findings[0]).toMatchObject({ check: 'banned-app', reason: { key: 'common:reason.checkKilled' } });
    if (process.platform !== 'win32') expect(await ended(Number(readFileSync(file, 'utf8')))).toBe(true);
  });

  it('a thread started early that ended before any check took it: unknown, with its exit code, at once (not at the time limit)', async () => {
    const gone = startCheckThread(scripted('gone').modulePath, ['gone'], definedEnv(process.env));
    expect(await gone.ended).toBe('exit code 5');
    const report = await runChecksInWorker(ctx, { ...scripted('gone'), timeLimitMs: 60_000, thread: gone });
    expect(report.findings.map((f) => [f.check, f.status, f.evidence[0]?.detail])).toEqual([
      ['banned-app', 'unknown', 'check process: exit code 5'],
      ['os-patch', 'unknown', 'check process: exit code 5'],
    ]);
  });

  it.skipIf(process.platform === 'win32')('a command whose pid the thread had no time to record is found among this process`s children and killed too', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'attt-kill-tree-')), 'pid');
    const report = await runChecksInWorker(ctx, { ...scripted('unrecorded'), env: { ...process.env, COMMAND_PID_FILE: file } });
    expect(report.findings[0]).toMatchObject({ check: 'banned-app', reason: { key: 'common:reason.checkKilled' } });
    const pid = Number(readFileSync(file, 'utf8'));
    expect(await ended(pid)).toBe(true);
  });

  it('finds every process below the check process in a ps listing, and nothing beside it', () => {
    const rows = parsePsTree('    1     0     1\n  100     1   100\n  200   100   100\n  300   200   300\n  301   300   300\n  400     1   400\ngarbage\n');
    expect(descendantsOf(rows, 100).map((r) => [r.pid, r.pgid])).toEqual([[200, 100], [300, 300], [301, 300]]);
    expect(descendantsOf(rows, 999)).toEqual([]);
  });

  it('the kill comes a little after the per-check limit, never more than 15 s after it', () => {
    expect(killAfterMs(120_000)).toBe(135_000);
    expect(killAfterMs(4_000)).toBe(6_000);
    expect(killAfterMs(100)).toBe(1_100);
  });
});

describe('the check process, seen from inside', () => {
  function port(): ParentPort & { sent: CheckReply[]; deliver(m: unknown): void } {
    let listener: (m: unknown) => void = () => undefined;
    const p = {
      sent: [] as CheckReply[],
      onMessage: (l: (m: unknown) => void) => void (listener = l),
      post: (r: CheckReply, then?: () => void) => {
        p.sent.push(r);
        then?.();
      },
      deliver: (m: unknown) => listener(m),
    };
    return p;
  }

  it('serves one request: each check as it ends, then the report judged at the parent`s time; then exits', async () => {
    const p = port();
    const exited = new Promise<number>((resolve) => serveCheckProcess(p, { ATTT_SELFCHECK_FIXTURE: join(__dirname, '..', 'fixtures', 'none.json') }, resolve));
    p.deliver({ type: 'bogus' });
    p.deliver({ type: 'run', now: '2026-11-25T08:00:00.000Z', timeLimitMs: 5_000 });
    p.deliver({ type: 'run', now: '2026-11-25T09:00:00.000Z', timeLimitMs: 5_000 });
    expect(await exited).toBe(0);
    // The fixture named does not exist: the host cannot be made, said once, as a failure.
    expect(p.sent).toEqual([{ type: 'failed', message: expect.stringContaining('none.json') }]);
  });

  it('runs the checks on the host the environment names', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'attt-worker-'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ platform: 'linux', homedir: '/home/an', hostname: 'fixture-pc' }));
    const p = port();
    const exited = new Promise<number>((resolve) => serveCheckProcess(p, { ATTT_SELFCHECK_FIXTURE: join(dir, 'm.json') }, resolve));
    p.deliver({ type: 'run', now: '2026-11-25T08:00:00.000Z', dataDir: dir, timeLimitMs: 5_000 });
    expect(await exited).toBe(0);
    expect(p.sent.map((r) => (r.type === 'findings' ? r.check : r.type)).sort()).toEqual(['banned-app', 'browser-patch', 'installer-origin', 'online-app', 'os-patch', 'report']);
    const last = p.sent.at(-1)!;
    expect(last.type === 'report' && last.report).toMatchObject({ generatedAt: '2026-11-25T08:00:00.000Z', host: { hostname: 'fixture-pc' } });
  });

  it('accepts only well-formed requests', () => {
    expect(isCheckRequest({ type: 'run', now: '2026-11-25T08:00:00Z', timeLimitMs: 1 })).toBe(true);
    for (const bad of [null, 'run', { type: 'run', now: 'soon', timeLimitMs: 1 }, { type: 'run', now: '2026-11-25', timeLimitMs: 0 }, { type: 'run', now: '2026-11-25', timeLimitMs: 1, dataDir: 3 }]) {
      expect(isCheckRequest(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
