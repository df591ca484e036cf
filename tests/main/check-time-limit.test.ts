/**
 * The tray's check honours ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS as the CLI does (one parser in
 * src/core/check-process/time-limit.ts): the limit goes to the utility process, and a process that never
 * answers is ended at killAfterMs of that limit, its checks `unknown` with the reason in words.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { checkTimeLimitFromEnv as cliLimit } from '../../src/cli/check-runner';
import { killAfterMs } from '../../src/core/check-process/request';
import { checkTimeLimitFromEnv } from '../../src/core/check-process/time-limit';
import { CHECK_TIME_LIMIT_MS } from '../../src/core/engine';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { createTranslator } from '../../src/core/i18n/translator';
import { makeCheckRunner } from '../../src/main/check-runner';
import type { UtilityChild } from '../../src/main/run-in-utility';
import { manualClock } from '../helpers/manual-clock';

/** A utility process that takes the request and never answers (a hung check). */
class HungUtility extends EventEmitter implements UtilityChild {
  readonly sent: unknown[] = [];
  killed = false;
  readonly pid = 4_000_001;
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', -1);
    return true;
  }
}

function tray(env: Record<string, string | undefined>) {
  const clock = manualClock();
  const child = new HungUtility();
  const killed: number[] = [];
  const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01', osRelease: '6.1.0' });
  const run = makeCheckRunner('/tmp/attt-none', host, {
    fork: () => child,
    modulePath: '/app/out/main/check-worker.js',
    env,
    killTree: (pid) => void killed.push(pid),
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { clock, child, killed, run };
}

describe('ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS', () => {
  it('is read one way: a positive integer is the limit, anything else keeps the default (the CLI uses the same function)', () => {
    expect(cliLimit).toBe(checkTimeLimitFromEnv);
    expect(checkTimeLimitFromEnv({ ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '3000' })).toBe(3000);
    for (const bad of [undefined, '', ' ', '0', '-5', '1.5', 'abc', '1e400', '0x10']) {
      expect(checkTimeLimitFromEnv({ ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: bad })).toBe(CHECK_TIME_LIMIT_MS);
    }
  });

  it("the tray's utility process is asked with the limit from its environment", async () => {
    const { child, clock, run } = tray({ ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '3000', PATH: '/usr/bin' });
    const report = run();
    expect(child.sent).toEqual([expect.objectContaining({ type: 'run', timeLimitMs: 3000 })]);
    await clock.advance(killAfterMs(3000));
    await report;
  });

  it('a hung check process is ended at its limit and its checks are unknown, said in words', async () => {
    const { child, clock, killed, run } = tray({ ATTT_SELFCHECK_CHECK_TIME_LIMIT_MS: '3000' });
    let settled = false;
    const pending = run().finally(() => (settled = true));
    await clock.advance(killAfterMs(3000) - 1);
    expect(settled).toBe(false);
    await clock.advance(1);
    const report = await pending;
    expect(child.killed).toBe(true);
    expect(killed).toEqual([child.pid]);
    expect(report.findings.map((f) => f.status)).toEqual(report.checks!.map(() => 'unknown'));
    const seconds = Math.round(killAfterMs(3000) / 1000);
    for (const f of report.findings) {
      expect(f.reason).toEqual({ key: 'common:reason.checkKilled', params: { check: f.check, count: seconds } });
      expect(createTranslator('vi').message(f.reason!)).toContain(`sau ${seconds} giây`);
    }
  });

  it('without the variable the default limit applies (the process is not ended earlier)', async () => {
    const { child, clock, run } = tray({});
    const pending = run();
    expect(child.sent).toEqual([expect.objectContaining({ timeLimitMs: CHECK_TIME_LIMIT_MS })]);
    await clock.advance(killAfterMs(3000));
    expect(child.killed).toBe(false);
    await clock.advance(killAfterMs(CHECK_TIME_LIMIT_MS));
    await pending;
    expect(child.killed).toBe(true);
  });
});
