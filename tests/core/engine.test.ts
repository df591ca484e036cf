import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/finding';
import { msg, type Check } from '../../src/core/checks/check';
import { exitCodeFor, LEAD_WAIT_MS, runChecks } from '../../src/core/engine';
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

describe('a leading check (its slow command bounds the run)', () => {
  /** A host whose `run` answers only when the test says so, and an event log shared with the checks. */
  function pacedHost(log: string[]): { host: FixtureHost; finish: () => void } {
    const inner = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/etc/os-release': 'ID=debian\n' } });
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const host = Object.assign(Object.create(inner) as FixtureHost, {
      run: async (argv: readonly string[]) => {
        log.push(`spawn ${argv[0]}`);
        await done;
        log.push(`exit ${argv[0]}`);
        return { argv: [...argv], exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 1 };
      },
    });
    return { host, finish };
  }
  const other = (log: string[], id: string): Check => ({ id, advisoryPoint: 1, run: async () => (log.push(`start ${id}`), []) });

  it('starts first; the others begin once it has spawned its command, not once it has ended', async () => {
    const log: string[] = [];
    const { host, finish } = pacedHost(log);
    const leader: Check = {
      id: 'lead',
      advisoryPoint: 2,
      leads: true,
      run: async (c) => {
        log.push('start lead');
        await c.host.readText('/etc/os-release', { links: 'refuse' }); // reads before its command, as os-patch does
        const r = c.host.run(['apt-get']);
        setTimeout(finish, 20);
        await r;
        return [];
      },
    };
    const report = await runChecks({ ...ctx, host }, { checks: [other(log, 'a'), leader, other(log, 'b')] });
    expect(log).toEqual(['start lead', 'spawn apt-get', 'start a', 'start b', 'exit apt-get']);
    expect(report.checks).toEqual(['a', 'lead', 'b']); // shown in their order still
  });

  it('lets the others start when it ends without spawning anything, and when it spawns nothing for LEAD_WAIT_MS', async () => {
    const log: string[] = [];
    const quiet: Check = { id: 'lead', advisoryPoint: 2, leads: true, run: async () => (log.push('lead done'), []) };
    await runChecks(ctx, { checks: [other(log, 'a'), quiet] });
    expect(log).toEqual(['lead done', 'start a']);

    const slow: string[] = [];
    let release!: () => void;
    const stuck: Check = { id: 'lead', advisoryPoint: 2, leads: true, run: () => new Promise((r) => (release = () => r([]))) };
    const run = runChecks(ctx, { checks: [stuck, { id: 'a', advisoryPoint: 1, run: async () => (slow.push('start a'), release(), []) }] });
    await new Promise((r) => setTimeout(r, LEAD_WAIT_MS / 2));
    expect(slow).toEqual([]); // still held
    await run; // the gate opened by itself, so `a` ran and released the leader
    expect(slow).toEqual(['start a']);
  });

  it('shares one context object and one command per argv with the others', async () => {
    const seen: object[] = [];
    let spawns = 0;
    const inner = new FixtureHost({ platform: 'linux', homedir: '/home/an', commands: [{ argv: ['id', '-u'], stdout: '0\n' }] });
    const host = Object.assign(Object.create(inner) as FixtureHost, { run: (argv: readonly string[]) => (spawns++, inner.run(argv)) });
    const asks = (id: string, leads?: true): Check => ({ id, advisoryPoint: 1, ...(leads ? { leads } : {}), run: async (c) => (seen.push(c), await c.host.run(['id', '-u']), []) });
    await runChecks({ ...ctx, host }, { checks: [asks('a'), asks('lead', true)] });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(spawns).toBe(1);
  });
});
