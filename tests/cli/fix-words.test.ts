import { describe, expect, it } from 'vitest';
import { renderVerdicts } from '../../src/cli/commands/fix';
import type { RunResult } from '../../src/core/host/host';
import { createTranslator } from '../../src/core/i18n/translator';
import { elevatedArgv } from '../../src/core/remediation/elevation';
import { readExit } from '../../src/core/remediation/exit-meaning';
import type { FixOutcome, PlanVerdict } from '../../src/core/remediation/fix-flow';
import { MSI_OK_CODES } from '../../src/core/remediation/windows-plans';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { Report } from '../../src/shared/report';

const argv = ['C:\\Windows\\System32\\msiexec.exe', '/x', '{11111111-2222-3333-4444-555555555555}', '/qn', '/norestart'];
const step = { kind: 'run', title: { key: 'fix:step.msiexec' }, argv, elevation: 'admin', okExitCodes: MSI_OK_CODES, codes: 'windows-installer' } as const;
const ran = (exitCode: number, stderr = ''): RunResult => ({ argv: elevatedArgv('win32', argv), exitCode, signal: null, stdout: '', stderr, durationMs: 1 });

function outcome(verdict: PlanVerdict['verdict'], exitCode: FixOutcome['exitCode'], why?: PlanVerdict['why'], after: Report = { findings: [] } as unknown as Report): FixOutcome {
  const v: PlanVerdict = { planId: 'banned-app:x:uninstall', findingId: 'banned-app:x', kind: 'uninstall', title: { key: 'fix:step.msiexec', params: { name: 'Zoom Workplace', code: '{1111}' } }, verdict, remaining: [], manual: [], ...(why ? { why } : {}) };
  return { verdicts: [v], after, exitCode };
}

describe('the CLI’s fix result says what a failing exit code means, and «meets» only when nothing else could be wrong', () => {
  it.each(['vi', 'en'] as const)('%s: a 1603 failure is explained in words with what to do next, no dangling «(mã 1603):»', (lang) => {
    const t = createTranslator(lang);
    const text = renderVerdicts(outcome('still-present', 2, readExit('win32', step, ran(1603)).message), t, builtinPolicy().bannedApps[0]!, builtinPolicy());
    expect(text).toContain(lang === 'vi' ? 'lỗi nghiêm trọng' : 'fatal error');
    expect(text).toContain(lang === 'vi' ? 'khởi động lại máy tính' : 'restart the computer');
    expect(text).not.toMatch(/\((mã|code) 1603\):/);
    expect(text).not.toMatch(/powershell/i);
  });

  it('vi: a program’s own error text goes on its own indented line under the Vietnamese sentence', () => {
    const t = createTranslator('vi');
    const why = readExit('linux', null, { argv: ['/usr/bin/apt-get', 'remove', 'zoom'], exitCode: 100, signal: null, stdout: '', stderr: 'E: Could not get lock', durationMs: 1 }).message;
    const lines = renderVerdicts(outcome('still-present', 2, why), t, builtinPolicy().bannedApps[0]!, builtinPolicy()).split('\n');
    const at = lines.findIndex((l) => l.includes('mã lỗi 100'));
    expect(lines[at]).not.toContain('Could not get lock');
    expect(lines[at + 1]).toMatch(/^ {6}Thông tin kỹ thuật: E: Could not get lock$/);
  });

  it.each(['vi', 'en'] as const)('%s: all removed says Zoom is gone and that the rest was not checked, never «đáp ứng» / «meets» outright', (lang) => {
    const t = createTranslator(lang);
    const text = renderVerdicts(outcome('removed', 0), t, builtinPolicy().bannedApps[0]!, builtinPolicy());
    expect(text).not.toContain(t.t('cli:report.verdict.0'));
    expect(text).toContain('attt-selfcheck check');
    expect(renderVerdicts(outcome('still-present', 2, { key: 'fix:why.stillThere' }), t, builtinPolicy().bannedApps[0]!, builtinPolicy())).toContain(t.t('cli:report.verdict.2'));
  });

  it.each(['vi', 'en'] as const)('%s: after a removal, anything else the re-check found wrong or could not look at is the conclusion, never «đáp ứng» / «meets»', (lang) => {
    const t = createTranslator(lang);
    const meets = t.t('cli:report.verdict.0');
    const removedAll = t.t('fix:cli.conclusionRemoved', { app: 'Zoom', point: '1', number: builtinPolicy().number });
    const finding = (status: 'warning' | 'unknown', check: string) =>
      ({ id: `${check}:1`, check, status, severity: 'low', advisoryPoint: check === 'os-patch' ? 2 : 1, title: { key: 'common:reason.checkKilled', params: { check, count: 9 } }, evidence: [], ...(status === 'unknown' ? { reason: { key: 'common:reason.checkKilled', params: { check, count: 9 } } } : {}) }) as const;
    const report = (...findings: ReturnType<typeof finding>[]) => ({ findings }) as unknown as Report;
    // Zoom removed, but a leftover warning, an unknown probe, or (when more checks re-ran) a patch warning remains.
    const cases: [FixOutcome, string][] = [
      [outcome('removed', 1, undefined, report(finding('warning', 'banned-app'))), t.t('cli:report.verdict.1')],
      [outcome('removed', 3, undefined, report(finding('unknown', 'banned-app'))), t.t('cli:report.verdict.3')],
      [outcome('removed', 1, undefined, report(finding('warning', 'os-patch'))), t.t('cli:report.verdict.1')],
      // Nothing found, but the plan's removal not proven (the re-check could not look): not "all removed".
      [outcome('not-proven', 0, { key: 'fix:why.recheckFailed' }), t.t('cli:report.verdict.3')],
    ];
    for (const [o, conclusion] of cases) {
      const text = renderVerdicts(o, t, builtinPolicy().bannedApps[0]!, builtinPolicy());
      expect(text.trimEnd().split('\n').at(-1)).toBe(conclusion);
      expect(text).not.toContain(meets);
      expect(text).not.toContain(removedAll);
    }
    expect(renderVerdicts(outcome('removed', 3, undefined, report(finding('unknown', 'banned-app'))), t, builtinPolicy().bannedApps[0]!, builtinPolicy())).toContain(t.message(finding('unknown', 'banned-app').reason!));
  });
});
