import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { AppController } from '../../src/main/app-controller';
import type { FixOutcome, FixService } from '../../src/main/fix-service';
import { refusingFixService } from '../helpers/refusing-fix-service';
import type { Report } from '../../src/shared/report';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk } from '../shared/sample-report';

let dir: string;
let now: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-ctl-'));
  now = Date.UTC(2026, 4, 20, 3, 0, 0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function controller(reports: Report[], fixer: FixService = refusingFixService) {
  let i = 0;
  return new AppController({ dataDir: dir, now: () => now, runChecks: async () => reports[Math.min(i++, reports.length - 1)]!, fixer });
}

describe('AppController', () => {
  it('starts with no report, default settings, and no problems', () => {
    const c = controller([]);
    expect(c.latestReport()).toBeNull();
    expect(c.settings()).toEqual({ language: 'vi', intervalHours: 4, startAtLogin: true, notifications: true });
    expect(c.problemMessages()).toEqual([]);
  });

  it('keeps the report, the history and the notification state in files that a restart reads back', async () => {
    const c = controller([reportWith([zoomInstalled, zoomOk])]);
    const notes: unknown[] = [];
    c.on('notify', (n) => notes.push(n));
    await c.runCheck();
    expect(notes).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['history.json', 'last-report.json', 'notify-state.json']);
    const again = controller([reportWith([zoomInstalled, zoomOk], '2026-05-20T04:00:00.000Z')]);
    expect(again.latestReport()?.findings.map((f) => f.id)).toEqual([zoomInstalled.id, zoomOk.id]);
    const notes2: unknown[] = [];
    again.on('notify', (n) => notes2.push(n));
    now += 10 * 60_000;
    await again.runCheck();
    expect(notes2).toEqual([]); // not the same notification again after a restart
    expect(again.history().map((h) => h.at)).toEqual(['2026-05-20T04:00:00.000Z', '2026-05-20T03:04:05.000Z']);
    expect(again.history()[0]?.findings).toEqual([{ id: zoomInstalled.id, status: 'violation', title: zoomInstalled.title }]);
  });

  it('runs one check at a time', async () => {
    const run = vi.fn(async () => reportWith([zoomOk]));
    const c = new AppController({ dataDir: dir, now: () => now, runChecks: run, fixer: refusingFixService });
    const [a, b] = [c.runCheck(), c.runCheck()];
    expect(await a).toBe(await b);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('pauses notifications, and the pause survives a restart', async () => {
    const c = controller([reportWith([zoomInstalled])]);
    expect(c.pauseNotifications('hour')).toEqual({ pausedUntil: new Date(now + 3_600_000).toISOString() });
    const restarted = controller([reportWith([zoomInstalled])]);
    const notes: unknown[] = [];
    restarted.on('notify', (n) => notes.push(n));
    await restarted.runCheck();
    expect(notes).toEqual([]);
    expect(restarted.pauseState().pausedUntil).not.toBeNull();
    now += 3_600_000;
    expect(restarted.pauseState()).toEqual({ pausedUntil: null });
  });

  it('validates and saves settings, and tells listeners', () => {
    const c = controller([]);
    const seen: unknown[] = [];
    c.on('settings', (s) => seen.push(s));
    c.setSettings({ language: 'en', intervalHours: 12 });
    expect(controller([]).settings()).toMatchObject({ language: 'en', intervalHours: 12 });
    expect(seen).toHaveLength(1);
    expect(() => c.setSettings({ intervalHours: 5 })).toThrow();
  });

  it('reports a corrupt settings file (moved aside) and carries on with defaults', () => {
    writeFileSync(join(dir, 'settings.json'), '{"language": "vi", "intervalHours": ');
    const c = controller([]);
    expect(c.settings().language).toBe('vi');
    const [p] = c.problemMessages();
    expect(p?.key).toBe('ui:problem.movedAside');
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('a state file it cannot read is reported once, however often the tray asks, and a pause still works', () => {
    mkdirSync(join(dir, 'notify-state.json'));
    const c = controller([]);
    for (let i = 0; i < 20; i++) expect(c.pauseState()).toEqual({ pausedUntil: null });
    expect(c.problemMessages()).toHaveLength(1);
    expect(c.problemMessages()[0]).toMatchObject({ key: 'ui:problem.notSaved', params: { file: join(dir, 'notify-state.json'), detail: expect.stringMatching(/unreadable/) } });
    // Saving fails too (a folder is in the way): said once, and the pause holds for this session.
    for (let i = 0; i < 3; i++) c.pauseNotifications('hour');
    expect(c.pauseState()).toEqual({ pausedUntil: new Date(now + 3_600_000).toISOString() });
    expect(c.problemMessages().map((m) => m.params?.detail)).toEqual([expect.stringMatching(/unreadable/), 'write failed: EISDIR (rename)']);
    // Once the folder is gone, the next change is saved and a restart sees it.
    rmSync(join(dir, 'notify-state.json'), { recursive: true });
    c.pauseNotifications('tomorrow');
    expect(controller([]).pauseState()).toEqual(c.pauseState());
    expect(controller([]).problemMessages()).toEqual([]);
  });

  it('says "checking" only once isChecking is true, and "done" once it is false again (the tray redraws from isChecking)', async () => {
    const c = controller([reportWith([zoomOk])]);
    const seen: [boolean, boolean][] = [];
    c.on('checking', (on) => seen.push([on, c.isChecking]));
    await c.runCheck();
    expect(seen).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('fills settings saved by an older version with the defaults', () => {
    writeFileSync(join(dir, 'settings.json'), '{"language": "en"}');
    expect(controller([]).settings()).toEqual({ language: 'en', intervalHours: 4, startAtLogin: true, notifications: true });
  });

  it('says clearly that removal is not available when the fix service refuses (a recorded machine)', async () => {
    const c = controller([reportWith([zoomInstalled])]);
    await c.runCheck();
    await expect(c.planFix(zoomInstalled.id)).rejects.toMatchObject({ code: 'not-available', userMessage: { key: 'fix:cli.recordedHost' } });
    await expect(c.planFix('banned-app:ffffffffffffffff')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('runs a removal: "fixing" meanwhile, progress passed on, then an immediate re-check proves the result', async () => {
    const states: boolean[] = [];
    const progress: unknown[] = [];
    const fixer: FixService = {
      plan: async (f) => ({ findingId: f.id, kind: 'uninstall', planId: 'p1', steps: [{ id: 's1', title: { key: 'x' }, elevated: false }] }),
      run: async (f, _planId, report) => {
        report({ findingId: f.id, stepId: 's1', state: 'done' });
        return { kind: 'uninstall', ok: true, message: { key: 'fix:done' }, verdicts: [{ planId: `${f.id}/uninstall`, verdict: 'removed' }] };
      },
    };
    const c = controller([reportWith([zoomInstalled, zoomLeftover]), reportWith([zoomLeftover])], fixer);
    c.on('fixing', (b) => states.push(b));
    c.on('fixProgress', (p) => progress.push(p));
    await c.runCheck();
    const r = await c.runFix(zoomInstalled.id, 'p1');
    expect(r).toEqual({ findingId: zoomInstalled.id, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'fix:done' } });
    expect(states).toEqual([true, false]);
    expect(progress).toEqual([{ findingId: zoomInstalled.id, stepId: 's1', state: 'done' }]);
    expect(c.latestReport()?.findings.map((f) => f.id)).toEqual([zoomLeftover.id]);
    expect(JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8'))).toHaveLength(2);
  });

  it('a removal that leaves the finding says it is not resolved, and "fixing" ends even on failure', async () => {
    const states: boolean[] = [];
    const failing: FixService = { plan: refusingFixService.plan, run: async () => Promise.reject(new Error('uninstaller crashed')) };
    const c = controller([reportWith([zoomInstalled])], failing);
    c.on('fixing', (b) => states.push(b));
    await c.runCheck();
    await expect(c.runFix(zoomInstalled.id, 'p')).rejects.toThrow('uninstaller crashed');
    expect(states).toEqual([true, false]);
    expect(c.fixing).toBe(false);
  });

  describe('after a removal', () => {
    const timeout = { key: 'common:reason.timeout', params: { tool: 'dpkg-query' } };
    const fixerSaying = (verdicts: FixOutcome['verdicts'], extra: Partial<FixOutcome> = {}): FixService => ({
      plan: refusingFixService.plan,
      run: async () => ({ kind: 'uninstall', ok: verdicts.every((v) => v.verdict === 'removed'), message: verdicts.find((v) => v.why)?.why ?? { key: 'ui:fix.outcome.removed' }, verdicts, ...extra }),
    });

    it('a re-check that could not look (only an unknown left) is "not proven", never "resolved"', async () => {
      const c = controller([reportWith([zoomInstalled]), reportWith([dpkgUnknown])], fixerSaying([{ planId: 'p/uninstall', verdict: 'not-proven', why: timeout }]));
      await c.runCheck();
      expect(await c.runFix(zoomInstalled.id, 'p')).toEqual({ findingId: zoomInstalled.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'not-proven', message: timeout });
    });

    it('a finding whose id changed because part of the install survived is "still present"', async () => {
      const changed = { ...zoomInstalled, id: 'banned-app:00000000ffffffff', evidence: zoomInstalled.evidence.slice(1) };
      const fixer = fixerSaying([
        { planId: 'p/uninstall', verdict: 'removed' },
        { planId: 'p/leftovers', verdict: 'still-present', why: { key: 'fix:why.stillThere' } },
      ]);
      const c = controller([reportWith([zoomInstalled]), reportWith([changed])], fixer);
      await c.runCheck();
      expect(await c.runFix(zoomInstalled.id, 'p')).toMatchObject({ resolved: false, verdict: 'still-present', message: { key: 'fix:why.stillThere' } });
    });

    it('"removed" by the engine but seen again by the full check is not resolved', async () => {
      const c = controller([reportWith([zoomInstalled]), reportWith([zoomInstalled])], fixerSaying([{ planId: 'p/uninstall', verdict: 'removed' }]));
      await c.runCheck();
      expect(await c.runFix(zoomInstalled.id, 'p')).toMatchObject({ ok: false, resolved: false, verdict: 'still-present' });
    });

    it('no verdict at all is not a success, and an audit warning is passed on beside the reason', async () => {
      const c = controller([reportWith([zoomInstalled]), reportWith([zoomOk])], fixerSaying([], { warning: { key: 'fix:cli.auditFailed', params: { message: 'EACCES' } } }));
      await c.runCheck();
      expect(await c.runFix(zoomInstalled.id, 'p')).toMatchObject({ resolved: false, verdict: 'not-run', warning: { key: 'fix:cli.auditFailed', params: { message: 'EACCES' } } });
    });

    it('waits for a check that was already running (it looked before the removal) and then checks afresh', async () => {
      const gates: ((r: Report) => void)[] = [];
      const runChecks = vi.fn(() => new Promise<Report>((resolve) => gates.push(resolve)));
      const c = new AppController({ dataDir: dir, now: () => now, runChecks, fixer: fixerSaying([{ planId: 'p/uninstall', verdict: 'removed' }]) });
      const first = c.runCheck();
      gates[0]!(reportWith([zoomInstalled], '2026-05-20T03:00:00.000Z'));
      await first;
      const scheduled = c.runCheck(); // the scheduled check starts while Zoom is still there
      const fix = c.runFix(zoomInstalled.id, 'p');
      await vi.waitFor(() => expect(runChecks).toHaveBeenCalledTimes(2));
      gates[1]!(reportWith([zoomInstalled], '2026-05-20T03:01:00.000Z')); // it ends after the removal: the old picture
      await scheduled;
      await vi.waitFor(() => expect(runChecks).toHaveBeenCalledTimes(3));
      gates[2]!(reportWith([zoomOk], '2026-05-20T03:02:00.000Z'));
      expect(await fix).toMatchObject({ resolved: true, verdict: 'removed' });
      expect(c.latestReport()?.generatedAt).toBe('2026-05-20T03:02:00.000Z');
      expect(c.history().map((h) => h.at)[0]).toBe('2026-05-20T03:02:00.000Z');
    });
  });

  describe('held-back notifications', () => {
    /** Timers on the test's clock: `advance` moves the clock and fires what is due. */
    function fakeTimers() {
      let seq = 0;
      const timers = new Map<number, { at: number; fn: () => void }>();
      return {
        deps: {
          setTimer: (fn: () => void, ms: number) => (timers.set(++seq, { at: now + ms, fn }), seq),
          clearTimer: (h: unknown) => void timers.delete(h as number),
        },
        pending: () => [...timers.values()].map((t) => t.at),
        advance(to: number) {
          now = to;
          for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
            if (t.at > now || !timers.has(id)) continue;
            timers.delete(id);
            t.fn();
          }
        },
      };
    }
    const make = (reports: Report[], timers: ReturnType<typeof fakeTimers>) => {
      let i = 0;
      const c = new AppController({ dataDir: dir, now: () => now, runChecks: async () => reports[Math.min(i++, reports.length - 1)]!, fixer: refusingFixService, ...timers.deps });
      const notes: string[] = [];
      c.on('notify', (n) => notes.push(n.findingId));
      return { c, notes };
    };

    it('a finding held back by a pause is shown when the pause ends, not at the next check', async () => {
      const timers = fakeTimers();
      const { c, notes } = make([reportWith([zoomInstalled])], timers);
      const t0 = now;
      c.pauseNotifications('hour');
      await c.runCheck();
      expect(notes).toEqual([]);
      expect(timers.pending()).toEqual([t0 + 3_600_000]);
      const pauses: unknown[] = [];
      c.on('pause', (p) => pauses.push(p));
      timers.advance(t0 + 3_600_000);
      expect(notes).toEqual([zoomInstalled.id]);
      expect(pauses).toEqual([{ pausedUntil: null }]); // the tray drops "paused until"
      expect(timers.pending()).toEqual([]);
    });

    it('a pause from the last session still ends on time after a restart; turning notifications back on shows at once', async () => {
      const first = make([reportWith([zoomInstalled, zoomLeftover])], fakeTimers());
      first.c.pauseNotifications('tomorrow');
      await first.c.runCheck();
      first.c.dispose();
      const timers = fakeTimers();
      const { c, notes } = make([reportWith([zoomInstalled])], timers);
      expect(timers.pending()).toHaveLength(1);
      c.pauseNotifications('off');
      expect(notes).toEqual([zoomInstalled.id]);
      expect(timers.pending()).toEqual([]);
    });

    it('"remind me later" holds back one finding for a day, then reminds once, and survives a restart', async () => {
      const timers = fakeTimers();
      const { c, notes } = make([reportWith([zoomInstalled, zoomLeftover])], timers);
      await c.runCheck();
      expect(notes).toEqual([zoomInstalled.id]);
      const t0 = now;
      expect(c.snoozeFinding(zoomInstalled.id)).toEqual({ findingId: zoomInstalled.id, snoozedUntil: new Date(t0 + 24 * 3_600_000).toISOString() });
      c.dispose();
      const again = make([reportWith([zoomInstalled, zoomLeftover])], timers);
      // The 1 h repeat of the leftover warning still comes; the snoozed violation does not.
      now = t0 + 2 * 3_600_000;
      await again.c.runCheck();
      expect(again.notes).toEqual([zoomLeftover.id]);
      timers.advance(t0 + 24 * 3_600_000);
      expect(again.notes).toEqual([zoomLeftover.id, zoomInstalled.id]);
      expect(() => again.c.snoozeFinding('banned-app:ffffffffffffffff')).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    });
  });
});

describe('AppController: the banned-app check on its own', () => {
  const patchPending = { id: 'os-patch:aaaa', check: 'os-patch', status: 'warning', severity: 'medium', advisoryPoint: 2, title: { key: 'patch:pending.title' }, evidence: [] } as const;
  const full = (findings: Report['findings']): Report => ({ ...reportWith(findings), checks: ['banned-app', 'os-patch'] });
  const bannedOnly = (findings: Report['findings']): Report => ({ ...reportWith(findings, '2026-05-20T03:34:05.000Z'), checks: ['banned-app'] });

  it('lays its findings over the last full report, keeps the patch findings, and says which check ran', async () => {
    const asked: Array<string | undefined> = [];
    const answers: Record<string, Report> = { full: full([zoomOk, patchPending]), 'banned-app': bannedOnly([zoomInstalled]) };
    const c = new AppController({ dataDir: dir, now: () => now, runChecks: async (only) => (asked.push(only), answers[only ?? 'full']!), fixer: refusingFixService });
    const events: Array<readonly string[]> = [];
    c.on('report', (_r, ran) => events.push(ran));
    await c.runCheck();
    const r = await c.runCheck('banned-app');
    expect(asked).toEqual([undefined, 'banned-app']);
    expect(events).toEqual([['banned-app', 'os-patch'], ['banned-app']]);
    expect(r.findings.map((f) => f.id)).toEqual([zoomInstalled.id, patchPending.id]);
    expect(c.latestReport()).toBe(r);
    expect(c.history()[0]?.findings.map((f) => f.id)).toEqual([zoomInstalled.id, patchPending.id]);
    // A restart reads the laid-over report back.
    expect(controller([]).latestReport()?.findings.map((f) => f.id)).toEqual([zoomInstalled.id, patchPending.id]);
  });

  it('joins a full check that is running; a full check asked for while a banned-app one runs starts after it', async () => {
    const gates: Array<() => void> = [];
    const asked: Array<string | undefined> = [];
    const runChecks = (only?: string) => (asked.push(only), new Promise<Report>((resolve) => gates.push(() => resolve(only ? bannedOnly([zoomOk]) : full([zoomOk, patchPending])))));
    const c = new AppController({ dataDir: dir, now: () => now, runChecks, fixer: refusingFixService });
    const f1 = c.runCheck();
    const b1 = c.runCheck('banned-app');
    expect(b1).toBe(f1);
    gates.shift()!();
    await f1;
    const b2 = c.runCheck('banned-app');
    const f2 = c.runCheck();
    expect(asked).toEqual([undefined, 'banned-app']);
    gates.shift()!();
    await b2;
    await vi.waitFor(() => expect(asked).toEqual([undefined, 'banned-app', undefined]));
    gates.shift()!();
    expect((await f2).checks).toEqual(['banned-app', 'os-patch']);
  });
});

describe('AppController: history of the frequent banned-app runs', () => {
  it('a banned-app run enters the history only when it found something other than the last entry; full checks always do', async () => {
    const patchPending = { id: 'os-patch:aaaa', check: 'os-patch', status: 'warning', severity: 'medium', advisoryPoint: 2, title: { key: 'patch:pending.title' }, evidence: [] } as const;
    const answers: Array<[string | undefined, Report]> = [];
    const c = new AppController({ dataDir: dir, now: () => now, runChecks: async (only) => answers.find(([o]) => o === only)![1], fixer: refusingFixService });
    answers.push([undefined, { ...reportWith([zoomOk, patchPending], '2026-05-20T03:00:00.000Z'), checks: ['banned-app', 'os-patch'] }]);
    answers.push(['banned-app', { ...reportWith([zoomOk], '2026-05-20T03:30:00.000Z'), checks: ['banned-app'] }]);
    await c.runCheck();
    await c.runCheck('banned-app');
    await c.runCheck('banned-app');
    expect(c.history().map((h) => h.at)).toEqual(['2026-05-20T03:00:00.000Z']);
    answers[1] = ['banned-app', { ...reportWith([zoomInstalled], '2026-05-20T04:00:00.000Z'), checks: ['banned-app'] }];
    await c.runCheck('banned-app');
    await c.runCheck('banned-app');
    expect(c.history().map((h) => h.at)).toEqual(['2026-05-20T04:00:00.000Z', '2026-05-20T03:00:00.000Z']);
    expect(c.history()[0]?.findings.map((f) => f.id).sort()).toEqual([patchPending.id, zoomInstalled.id].sort());
    await c.runCheck();
    expect(c.history()).toHaveLength(3);
  });
});
