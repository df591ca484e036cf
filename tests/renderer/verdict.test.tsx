// @vitest-environment jsdom
// The one verdict at the top of the window: the tray's colour and words, the time of the check, what to do first.
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { Report } from '../../src/shared/report';
import { verdictOf } from '../../src/shared/verdict';
import type { UiLanguage } from '../../src/shared/settings';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk, zoomRunning } from '../shared/sample-report';
import { fakeApi } from './fake-api';

afterEach(cleanup);

// Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
const AT = '2026-11-25T12:34:00.000Z';
const localTime = (iso: string): string => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

async function verdictOn(lang: UiLanguage, report: Report | null) {
  const f = fakeApi(report, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  const region = await screen.findByRole('region', { name: lang === 'vi' ? 'Kết luận' : 'Verdict' });
  return { region, text: region.textContent ?? '', verdict: region.getAttribute('data-overall') };
}

describe('the verdict at the top of the window', () => {
  it('a violation: red, the tray\'s words, when, and the worst finding\'s action first (Vietnamese)', async () => {
    const r = reportWith([zoomOk, zoomLeftover, zoomInstalled, zoomRunning], AT);
    expect(verdictOf(r)).toBe('red');
    const v = await verdictOn('vi', r);
    expect(v.verdict).toBe('red');
    expect(within(v.region).getByRole('heading', { level: 2 }).textContent).toBe('✕ Kết quả kiểm tra: có vi phạm');
    expect(v.text).toContain(`Kiểm tra lúc ${localTime(AT)} ngày 25/11/2026`);
    // Zoom running is the worst (critical): its action comes first, not the installed one's.
    expect(v.text).toContain('Việc cần làm trước tiên: Phần mềm Zoom đang chạy trên máy tính. Đề nghị đồng chí thoát Zoom, sau đó gỡ bỏ phần mềm này khỏi máy tính.');
    // It sits above the navigation, once.
    expect(screen.getAllByRole('region', { name: 'Kết luận' })).toHaveLength(1);
    expect(v.region.compareDocumentPosition(screen.getByRole('navigation')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('the same in English', async () => {
    const r = reportWith([zoomLeftover, zoomInstalled], AT);
    const v = await verdictOn('en', r);
    expect(v.verdict).toBe('red');
    expect(within(v.region).getByRole('heading', { level: 2 }).textContent).toBe('✕ Result: violation');
    expect(v.text).toContain(`Checked at ${localTime(AT)} on 25/11/2026`);
    expect(v.text).toContain('What to do first: Zoom Workplace 5.13.7 is installed. Please remove Zoom from this computer');
  });

  it.each([
    ['vi', 'amber', [zoomOk, zoomLeftover], '! Kết quả kiểm tra: có cảnh báo', 'Còn dữ liệu sót lại của Zoom. Đề nghị đồng chí dọn dẹp'],
    ['en', 'amber', [zoomOk, zoomLeftover], '! Result: warnings', 'Zoom left data behind. Please clean up'],
    ['vi', 'grey', [zoomOk, dpkgUnknown], '? Kết quả kiểm tra: chưa kiểm tra được', 'Chưa kiểm tra được Zoom trong các gói phần mềm cài bằng dpkg (apt). Đề nghị đồng chí xem hướng dẫn'],
    ['vi', 'green', [zoomOk], '✓ Kết quả kiểm tra: không phát hiện vấn đề', 'Đồng chí không cần làm gì thêm'],
    ['en', 'green', [zoomOk], '✓ Result: no problem found', 'Nothing to do'],
  ] as const)('%s, %s', async (lang, colour, findings, heading, first) => {
    const r = reportWith(findings, AT);
    expect(verdictOf(r)).toBe(colour);
    const v = await verdictOn(lang, r);
    expect(v.verdict).toBe(colour);
    expect(within(v.region).getByRole('heading', { level: 2 }).textContent).toBe(heading);
    expect(v.text).toContain(first);
  });

  it('never checked: grey, says so, and says to press «Check now»', async () => {
    const v = await verdictOn('vi', null);
    expect(v.verdict).toBe('grey');
    expect(v.text).toContain('Chưa kiểm tra lần nào');
    expect(v.text).toContain('Đề nghị đồng chí bấm «Kiểm tra ngay»');
  });
});
