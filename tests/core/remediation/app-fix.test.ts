// The app-level plan (src/core/remediation/app-fix.ts): the running app closed once however many plans close it;
// closing alone takes only the close steps; a close is judged by the fresh check. And «Thử lại» after a failure is
// offered exactly where the failure's own words say to run it again (src/shared/retry.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeOnce, closeOnly, judgeClose } from '../../../src/core/remediation/app-fix';
import type { PreparedFix } from '../../../src/core/remediation/fix-flow';
import type { CloseAppStep, PlanStep, RemediationPlan } from '../../../src/core/remediation/plan';
import type { Finding } from '../../../src/shared/finding';
import type { Report } from '../../../src/shared/report';
import { RETRY_HELPS } from '../../../src/shared/retry';

const close = (pids: number[], names = ['zoom', 'ZoomLauncher']): CloseAppStep => ({ kind: 'close-app', title: { key: 'fix:step.close', params: { app: 'Zoom', pids: pids.join(', ') } }, pids, names });
const purge: PlanStep = { kind: 'run', title: { key: 'fix:step.package' }, argv: ['apt-get', 'purge', '-y', 'zoom'], elevation: 'admin', okExitCodes: [0] };
const tarball: PlanStep = { kind: 'remove-checked', title: { key: 'fix:step.removeChecked.tarball' }, path: '/home/an/Tải về/zoom', form: 'tarball', elevation: 'none' };
const plan = (id: string, kind: RemediationPlan['kind'], steps: PlanStep[]): RemediationPlan => ({ id: `${id}:${kind}`, findingId: id, kind, title: { key: 't' }, steps, manual: [], evidence: [] });

describe('the app closed once', () => {
  // As planFindings makes them: the running Zoom's own plan, and every uninstall plan closing it first too.
  const plans = [plan('p', 'close', [close([42])]), plan('a', 'uninstall', [close([42, 43]), purge]), plan('b', 'uninstall', [close([42, 43]), tarball]), plan('o', 'leftover', [close([77], ['ZoomOpener'])])];

  it('one close step with every pid, in the first plan that closes; the others keep only their own work', () => {
    const once = closeOnce(plans);
    const closes = once.flatMap((p) => p.steps.filter((s): s is CloseAppStep => s.kind === 'close-app'));
    expect(closes.map((s) => [s.pids, s.names])).toEqual([
      [[42, 43], ['zoom', 'ZoomLauncher']],
      [[77], ['ZoomOpener']], // another program (the local web server): closed by its own step
    ]);
    expect(once[0]!.steps).toEqual([{ ...close([42, 43]) }]);
    expect(once[0]!.steps[0]!.title.params).toEqual({ app: 'Zoom', pids: '42, 43' });
    expect(once[1]!.steps).toEqual([purge]);
    expect(once[2]!.steps).toEqual([tarball]);
    expect(closeOnce(once)).toEqual(once);
  });

  it('a plan whose only step closes keeps it (already closed = already done), and nothing else changes', () => {
    const two = [plan('p', 'close', [close([42])]), plan('q', 'close', [close([43])])];
    expect(closeOnce(two).map((p) => p.steps.length)).toEqual([1, 1]);
    const none = [plan('a', 'uninstall', [purge])];
    expect(closeOnce(none)[0]).toBe(none[0]);
  });

  it('closing alone runs only the close steps, nothing removed; null when nothing runs', () => {
    const prepared = { app: {} as PreparedFix['app'], before: {} as Report, plans };
    const only = closeOnly(prepared)!;
    expect(only.plans.flatMap((p) => p.steps.map((s) => s.kind))).toEqual(['close-app', 'close-app']);
    expect(closeOnly({ ...prepared, plans: [plan('a', 'uninstall', [purge])] })).toBeNull();
  });
});

describe('a close judged by the fresh check', () => {
  const f = (status: Finding['status'], kinds: string[], extra: Partial<Finding> = {}): Finding => ({ id: `banned-app:${status}${kinds.join()}`, check: 'banned-app', app: 'zoom', status, severity: 'high', advisoryPoint: 1, title: { key: 't' }, evidence: kinds.map((kind) => ({ kind: kind as 'process', detail: kind })), ...extra });
  const after = (...findings: Finding[]) => ({ findings }) as unknown as Report;
  it('closed only when the check looked and sees no process of the app; still running; or not proven when the process probe could not look', () => {
    expect(judgeClose(after(f('violation', ['package']), f('ok', [])), 'zoom').verdict).toBe('closed');
    expect(judgeClose(after(f('violation', ['process'])), 'zoom').verdict).toBe('still-running');
    expect(judgeClose(after(f('violation', ['process'], { app: 'other' }), f('ok', [])), 'zoom').verdict).toBe('closed');
    const blind = f('unknown', [], { reason: { key: 'common:reason.checkKilled', params: { check: 'banned-app', seconds: 9 } }, evidence: [{ kind: 'probe', detail: 'p', data: { probe: 'linux.processes' } }] });
    expect(judgeClose(after(blind, f('ok', [])), 'zoom')).toEqual({ verdict: 'not-proven', why: blind.reason });
    expect(judgeClose(after(), 'zoom').verdict).toBe('not-proven');
  });
});

describe('«Thử lại» where the words say to run it again', () => {
  const fix = (lang: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'locales', lang, 'fix.json'), 'utf8')) as { exit: Record<string, Record<string, string> | string> };
  it('every exit-meaning text that asks to run the removal again is retryable, and none that does not', () => {
    const flat: [string, string][] = [];
    for (const [k, v] of Object.entries(fix('vi').exit)) {
      if (typeof v === 'string') flat.push([`fix:exit.${k}`, v]);
      else for (const [kk, vv] of Object.entries(v)) flat.push([`fix:exit.${k}.${kk}`, vv]);
    }
    expect(flat.length).toBeGreaterThan(10);
    for (const [key, text] of flat) {
      const failure = !/^Đã gỡ xong/.test(text);
      expect([key, failure && /chạy lại/.test(text)]).toEqual([key, RETRY_HELPS.has(key)]);
    }
  });
});
