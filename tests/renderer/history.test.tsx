// @vitest-environment jsdom
/** The history page: each check with what changed since the one before it, in plain words (product, version, account), never a path. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import { historyEntry, type HistoryEntry } from '../../src/shared/history';
import type { Message } from '../../src/shared/finding';
import type { UiLanguage } from '../../src/shared/settings';
import { RECORDED_HISTORY, patchBehind, recordedAt, recordedRun } from '../shared/recorded-checks';
import { reportWith, zoomInstalled } from '../shared/sample-report';
import { fakeApi } from './fake-api';

afterEach(cleanup);

async function openHistory(lang: UiLanguage, entries: readonly HistoryEntry[], problems: readonly Message[] = []) {
  const f = fakeApi(reportWith([zoomInstalled]), { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, {
    listHistory: () => Promise.resolve({ ok: true, value: entries }),
    appProblems: () => Promise.resolve({ ok: true, value: problems }),
  });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: lang === 'vi' ? 'Lịch sử' : 'History' }));
  await screen.findByRole('table');
  return screen.getAllByRole('row').slice(1);
}

const changes = (row: HTMLElement): string[] => within(row).queryAllByRole('listitem').filter((li) => li.classList.contains('change')).map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('history page', () => {
  it('says for each check what is new, what changed status and what is gone since the check before, in words', async () => {
    const rows = await openHistory('vi', RECORDED_HISTORY);
    expect(rows).toHaveLength(3);
    expect(changes(rows[0]!)).toEqual([
      'Đổi trạng thái: Windows 11 Pro 23H2 chưa cài bản cập nhật mới nhất: máy đang ở 22631.4890, bản mới nhất đã biết là 22631.7376 (ngày 14/07/2026); đã chậm 45 ngày — từ «Cảnh báo» thành «Vi phạm»',
      'Không còn: Phát hiện phần mềm Zoom Workplace 6.1.11 đã cài đặt (tài khoản nguyenvana) — trước đó: Vi phạm',
    ]);
    expect(changes(rows[1]!)).toEqual([
      expect.stringMatching(/^Mới xuất hiện: .*Zoom.* Cảnh báo$/),
      expect.stringMatching(/^Mới xuất hiện: Phát hiện phần mềm Zoom Workplace 6\.1\.11 đã cài đặt \(tài khoản nguyenvana\) ✕ Vi phạm$/),
      expect.stringMatching(/^Không còn: .*dpkg.* — trước đó: Chưa kiểm tra được$/),
    ]);
    expect(within(rows[2]!).getByText('Lần kiểm tra đầu tiên được lưu, chưa có lần trước để so sánh.')).toBeTruthy();
    // The product, version and account in words; no path, registry key or SID anywhere on the page.
    const text = screen.getByRole('table').textContent!;
    expect(text).not.toMatch(/HKCU|HKU|S-1-5-|\\\\|\/home\//);
  });

  it('says when nothing changed, and when the check before was kept only in part (an older version kept 10 findings)', async () => {
    const same = recordedRun(5, [zoomInstalled, patchBehind]);
    const before = recordedRun(4, [zoomInstalled, patchBehind]);
    const older: HistoryEntry = { at: recordedAt(3), durationMs: 1, summary: { violation: 12, warning: 0, unknown: 0, notice: 0, ok: 0 }, findings: [{ id: zoomInstalled.id, status: 'violation', title: zoomInstalled.title }] };
    const rows = await openHistory('vi', [same, before, older]);
    expect(within(rows[0]!).getByText('Không có gì thay đổi so với lần kiểm tra trước.')).toBeTruthy();
    expect(changes(rows[1]!)).toEqual([expect.stringMatching(/^Mới xuất hiện: Windows 11 Pro 23H2/)]);
    expect(within(rows[1]!).getByText(/Lần kiểm tra trước chỉ được lưu một phần kết quả/)).toBeTruthy();
  });

  it('a finding of a check that did not run is not called gone', async () => {
    const onlyBanned = historyEntry({ ...reportWith([zoomInstalled], recordedAt(5)), checks: ['banned-app'] });
    const rows = await openHistory('vi', [onlyBanned, RECORDED_HISTORY[2]!]);
    expect(changes(rows[0]!)).toEqual([expect.stringMatching(/^Không còn: .*dpkg/)]);
  });

  it('a history file found corrupt was moved aside: the page says so, and the check after it is the first one kept', async () => {
    const problem: Message = { key: 'ui:problem.movedAside', params: { file: '/home/an/.config/attt-selfcheck/history.json', detail: 'not JSON: Unexpected end of JSON input', movedTo: '/home/an/.config/attt-selfcheck/history.json.corrupt-2026-05-20T05-00-00' } };
    const rows = await openHistory('vi', [RECORDED_HISTORY[0]!], [problem]);
    expect(screen.getByRole('status').textContent).toMatch(/^Tệp dữ liệu «.*history\.json» bị hỏng nên trợ lý đã chuyển nguyên vẹn sang «.*history\.json\.corrupt-/);
    expect(within(rows[0]!).getByText('Lần kiểm tra đầu tiên được lưu, chưa có lần trước để so sánh.')).toBeTruthy();
  });

  it('says the same in English', async () => {
    const rows = await openHistory('en', RECORDED_HISTORY);
    expect(changes(rows[0]!)).toEqual([
      expect.stringMatching(/^Status changed: .* — from “Warning” to “Violation”$/),
      'No longer found: Zoom Workplace 6.1.11 is installed (account nguyenvana) — before: Violation',
    ]);
  });
});
