import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { defaultChecks } from '../../src/core/checks/default-checks';
import { runChecks } from '../../src/core/engine';
import { FixtureHost } from '../../src/core/host/fixture-host';
import { ConfinedMutableHost, RealMutableHost } from '../../src/core/host/mutable-host';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { RemediationPlan } from '../../src/core/remediation/plan';
import { coreFixService, outcomeMessage, planView, progressOf, verdictViews } from '../../src/main/core-fix-service';
import type { FixProgress } from '../../src/shared/fix';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'attt-fix-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plan: RemediationPlan = {
  id: 'banned-app:0123456789abcdef/uninstall',
  findingId: 'banned-app:0123456789abcdef',
  kind: 'uninstall',
  title: { key: 'fix:step.package', params: { name: 'zoom', manager: 'dpkg' } },
  steps: [
    { kind: 'close-app', title: { key: 'fix:step.close' }, pids: [42], names: ['zoom'] },
    { kind: 'run', title: { key: 'fix:step.package' }, argv: ['apt-get', 'remove', '-y', 'zoom'], elevation: 'admin', okExitCodes: [0] },
    { kind: 'remove', title: { key: 'fix:step.remove' }, path: '/home/an/.zoom', elevation: 'none' },
  ],
  manual: [{ key: 'fix:manual.linux.software' }],
  why: { key: 'fix:why.noEvidence' },
  evidence: [],
};

describe('the removal engine as the wizard sees it', () => {
  it('shows each step with its argv and whether it asks for administrator rights', () => {
    expect(planView(plan.findingId, 'tok', [plan])).toEqual({
      findingId: plan.findingId,
      kind: 'uninstall',
      planId: 'tok',
      steps: [
        { id: `${plan.id}#0`, title: { key: 'fix:step.close' }, elevated: false, closesApp: true },
        { id: `${plan.id}#1`, title: { key: 'fix:step.package' }, argv: ['apt-get', 'remove', '-y', 'zoom'], elevated: true },
        { id: `${plan.id}#2`, title: { key: 'fix:step.remove' }, elevated: false },
      ],
      why: [{ key: 'fix:why.noEvidence' }],
      manual: [{ key: 'fix:manual.linux.software' }],
    });
  });

  it('maps engine events to progress lines', () => {
    expect(progressOf('f', { type: 'step-end', planId: 'p', index: 1, outcome: 'missing' })).toEqual({ findingId: 'f', stepId: 'p#1', state: 'done' });
    expect(progressOf('f', { type: 'step-end', planId: 'p', index: 1, outcome: 'ok', message: { key: 'fix:exit.msi.3010', params: { code: 3010 } } })?.message?.key).toBe('fix:exit.msi.3010');
    expect(progressOf('f', { type: 'step-end', planId: 'p', index: 1, outcome: 'failed' })?.message).toEqual({ key: 'fix:step.outcome.failed' });
    expect(progressOf('f', { type: 'step-end', planId: 'p', index: 1, outcome: 'elevation-refused' })?.state).toBe('failed');
    expect(progressOf('f', { type: 'plan-end', planId: 'p', outcome: 'done' })).toBeNull();
  });

  it('calls a removal a success only when the fresh check proves every plan removed', () => {
    const base = { planId: 'p', findingId: 'f', kind: 'uninstall' as const, title: { key: 't' }, remaining: [], manual: [] };
    expect(outcomeMessage([{ ...base, verdict: 'removed' }])).toEqual({ ok: true, message: { key: 'ui:fix.outcome.removed' } });
    // Closing the running app is not removing it: its success says it no longer runs.
    expect(outcomeMessage([{ ...base, kind: 'close', verdict: 'removed' }])).toEqual({ ok: true, message: { key: 'ui:fix.outcome.closed' } });
    expect(outcomeMessage([{ ...base, verdict: 'not-proven', why: { key: 'fix:why.recheckFailed' } }])).toEqual({ ok: false, message: { key: 'fix:why.recheckFailed' } });
    expect(outcomeMessage([])).toMatchObject({ ok: false });
    // The worst verdict speaks: "still there" before "could not look", whatever the order.
    const still = { ...base, planId: 'q', verdict: 'still-present' as const, why: { key: 'fix:why.stillThere' } };
    expect(outcomeMessage([{ ...base, verdict: 'not-proven', why: { key: 'common:reason.timeout' } }, still])).toEqual({ ok: false, message: { key: 'fix:why.stillThere' } });
    expect(outcomeMessage([{ ...base, verdict: 'removed' }, { ...base, planId: 'q', verdict: 'not-proven' }])).toEqual({ ok: false, message: { key: 'fix:why.recheckFailed' } });
  });

  it('passes the engine\'s verdict for every plan on to the controller', () => {
    const base = { findingId: 'f', kind: 'uninstall' as const, title: { key: 't' }, remaining: [], manual: [] };
    expect(verdictViews([{ ...base, planId: 'a', verdict: 'removed' }, { ...base, planId: 'b', verdict: 'not-proven', why: { key: 'common:reason.timeout' } }])).toEqual([
      { planId: 'a', verdict: 'removed' },
      { planId: 'b', verdict: 'not-proven', why: { key: 'common:reason.timeout' } },
    ]);
  });

  it('plans and runs on a recorded machine, touching nothing outside the allowed folder, and reports what the re-check saw', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/home/an/.zoom/logs/zoom.log': 'x', '/home/an/.config/zoomus.conf': 'a=b' } });
    const before = await runChecks({ host, policy: builtinPolicy(), now: new Date('2026-05-20T00:00:00Z'), dataDir: dir }, { checks: defaultChecks() });
    const leftover = before.findings.find((f) => f.status === 'warning' && f.check === 'banned-app');
    expect(leftover, JSON.stringify(before.findings.map((f) => [f.status, f.title.key]))).toBeDefined();
    const mutable = new ConfinedMutableHost(new RealMutableHost(host), [dir]);
    const svc = coreFixService({ host, policy: builtinPolicy, dataDir: dir, mutable, now: () => new Date('2026-05-20T00:00:00Z') });
    const view = await svc.plan(leftover!);
    expect(view.findingId).toBe(leftover!.id);
    expect(view.app).toBe(builtinPolicy().bannedApps[0]!.name); // the policy's name for the app, for «Gỡ bỏ toàn bộ Zoom»
    expect(view.steps.length).toBeGreaterThan(0);
    const progress: FixProgress[] = [];
    const result = await svc.run(leftover!, view.planId, (p) => progress.push(p));
    // The confined door refused /home/an: the recorded leftover is still there, and the result says so.
    expect(result.ok).toBe(false);
    expect(result.verdicts.map((v) => [v.planId.startsWith(leftover!.id), v.verdict])).toEqual([[true, 'still-present']]);
    expect(progress.some((p) => p.state === 'failed')).toBe(true);
    expect(progress.at(-1)).toEqual({ findingId: leftover!.id, stepId: 'recheck', state: 'done' });
    // A plan is used once.
    await expect(svc.run(leftover!, view.planId, () => undefined)).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('runs only a plan token main made for that finding, recently: stale, foreign or crafted tokens run nothing', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/home/an/.zoom/logs/zoom.log': 'x' } });
    let clock = new Date('2026-05-20T00:00:00Z').getTime();
    const now = () => new Date(clock);
    const before = await runChecks({ host, policy: builtinPolicy(), now: now(), dataDir: dir }, { checks: defaultChecks() });
    const leftover = before.findings.find((f) => f.status === 'warning' && f.check === 'banned-app')!;
    const mutable = new ConfinedMutableHost(new RealMutableHost(host), [dir]);
    const svc = coreFixService({ host, policy: builtinPolicy, dataDir: dir, mutable, now });
    const view = await svc.plan(leftover);
    const other = { ...leftover, id: 'banned-app:0000000000000000' };
    for (const token of [`${other.id}@1`, `${leftover.id}@999`, 'rm -rf /', view.planId.replace('@', '@0')]) {
      await expect(svc.run(leftover, token, () => undefined), token).rejects.toMatchObject({ code: 'invalid-request' });
    }
    await expect(svc.run(other, view.planId, () => undefined)).rejects.toMatchObject({ code: 'invalid-request' });
    clock += 16 * 60_000;
    const progress: FixProgress[] = [];
    await expect(svc.run(leftover, view.planId, (p) => progress.push(p))).rejects.toMatchObject({ code: 'invalid-request', userMessage: { key: 'ui:error.planExpired' } });
    expect(progress).toEqual([]);
  });

  it('keeps a bounded number of plans: the oldest token stops working', async () => {
    const host = new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/home/an/.zoom/logs/zoom.log': 'x' } });
    const now = () => new Date('2026-05-20T00:00:00Z');
    const before = await runChecks({ host, policy: builtinPolicy(), now: now(), dataDir: dir }, { checks: defaultChecks() });
    const leftover = before.findings.find((f) => f.status === 'warning' && f.check === 'banned-app')!;
    const svc = coreFixService({ host, policy: builtinPolicy, dataDir: dir, mutable: new ConfinedMutableHost(new RealMutableHost(host), [dir]), now });
    const first = await svc.plan(leftover);
    for (let i = 0; i < 20; i++) await svc.plan(leftover);
    await expect(svc.run(leftover, first.planId, () => undefined)).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
