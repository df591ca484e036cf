// The CLI's report writes numbers as the language does: «1,2 giây» in Vietnamese, «1 violation» / «2 violations» in English.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/render-report';
import { createTranslator } from '../../src/core/i18n/translator';
import { reportWith, zoomInstalled, zoomLeftover, zoomRunning } from '../shared/sample-report';

describe('the report in words', () => {
  const one = reportWith([zoomInstalled, zoomLeftover]);
  const two = reportWith([zoomInstalled, zoomRunning, zoomLeftover]);

  it('Vietnamese: a decimal comma and the counts', () => {
    const text = renderReport(one, createTranslator('vi'));
    expect(text).toContain('(mất 1,2 giây)');
    expect(text).toContain('Tổng kết: 1 vi phạm, 1 cảnh báo, 0 chưa kiểm tra được, 0 đạt.');
  });

  it('English: a decimal point and each count in its plural form', () => {
    expect(renderReport(one, createTranslator('en'))).toContain('Summary: 1 violation, 1 warning, 0 could not be checked, 0 OK.');
    const text = renderReport(two, createTranslator('en'));
    expect(text).toContain('(took 1.2 s)');
    expect(text).toContain('Summary: 2 violations, 1 warning, 0 could not be checked, 0 OK.');
  });
});
