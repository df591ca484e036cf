import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/finding';
import { msg, type Check } from '../../src/core/checks/check';
import { exitCodeFor, runChecks } from '../../src/core/engine';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { builtinPolicy } from '../../src/core/policy/policy';

const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', hostname: 'may-01', osRelease: '6.1.0' });
const ctx = { host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') };

function finding(status: Finding['status'], id: string = status): Finding {
  return { id, check: 't', status, severity: 'low', advisoryPoint: 1, title: msg('x'), evidence: [], ...(status === 'unknown' ? { reason: msg('r') } : {}) };
}

const fixed = (findings: Finding[]): Check => ({ id: 'fixed', advisoryPoint: 1, run: async () => findings });

describe('runChecks', () => {
  it('builds a report with host, policy, summary and all findings', async () => {
    let t = 1000;
    const report = await runChecks(ctx, { checks: [fixed([finding('ok'), finding('warning')])], clock: () => (t += 250) });
    expect(report).toMatchObject({
      schemaVersion: 3,
      generatedAt: '2026-11-25T08:00:00.000Z',
      host: { os: 'linux', hostname: 'may-01', release: '6.1.0' },
      policy: { id: 'cv-1981-ubnd-vhtt', number: '1981/UBND-VHTT' },
      summary: { ok: 1, warning: 1, violation: 0, unknown: 0 },
      durationMs: 250,
    });
    expect(report.policy.citations.map((c) => c.number)).toEqual(expect.arrayContaining(['2706/UBND-XD6', '799/STTTT-CNTT', '1589/UBND-VHTT']));
  });

  it('turns a check that throws into an unknown finding with the reason', async () => {
    const broken: Check = { id: 'os-patch', advisoryPoint: 2, run: async () => { throw new Error('boom'); } };
    const report = await runChecks(ctx, { checks: [broken] });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ status: 'unknown', check: 'os-patch', advisoryPoint: 2, reason: { key: 'common:reason.checkCrashed', params: { message: 'boom' } } });
  });

  it('turns a check that hangs into an unknown finding after the time limit', async () => {
    const hung: Check = { id: 'hung', advisoryPoint: 1, run: () => new Promise(() => undefined) };
    const report = await runChecks(ctx, { checks: [hung, fixed([finding('ok')])], timeLimitMs: 50 });
    expect(report.findings.map((f) => f.status).sort()).toEqual(['ok', 'unknown']);
    expect(report.findings.find((f) => f.status === 'unknown')?.reason?.key).toBe('common:reason.checkTimeout');
  });
});

describe('run context', () => {
  it('gives all checks of one run the same context object, and every run a new one', async () => {
    const seen: object[] = [];
    const spy = (id: string): Check => ({ id, advisoryPoint: 1, run: async (c) => (seen.push(c), []) });
    await runChecks(ctx, { checks: [spy('a'), spy('b')] });
    await runChecks(ctx, { checks: [spy('a')] });
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[2]).toMatchObject({ host, now: ctx.now });
  });
});

describe('exitCodeFor (Nagios convention)', () => {
  it.each([
    [['ok'], 0],
    [['ok', 'warning'], 1],
    [['warning', 'violation', 'unknown'], 2],
    [['ok', 'unknown'], 3],
    [['warning', 'unknown'], 1],
    [[], 0],
  ] as const)('%j -> %i', (statuses, code) => {
    expect(exitCodeFor(statuses.map((s, i) => finding(s, `${s}${i}`)))).toBe(code);
  });
});
