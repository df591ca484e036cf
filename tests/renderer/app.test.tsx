// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { FixResultView } from '../../src/shared/fix';
import type { UiLanguage } from '../../src/shared/settings';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk } from '../shared/sample-report';
import { fakeApi } from './fake-api';

afterEach(cleanup);

const report = reportWith([zoomOk, zoomLeftover, dpkgUnknown, zoomInstalled]);

async function renderApp(lang: UiLanguage, r = report) {
  const f = fakeApi(r, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true });
  const i18n = createI18n(lang);
  render(
    <I18nextProvider i18n={i18n}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  await screen.findAllByRole('article');
  return f;
}

describe('findings page', () => {
  it('shows findings worst first in Vietnamese, with status, evidence, the advisory point and what to do', async () => {
    await renderApp('vi');
    const cards = screen.getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('data-finding-id'))).toEqual([zoomInstalled.id, zoomLeftover.id, dpkgUnknown.id, zoomOk.id]);
    const first = within(cards[0]!);
    expect(first.getByRole('heading', { level: 3 }).textContent).toBe('Phát hiện phần mềm Zoom Workplace 5.13.7 đã cài đặt');
    expect(first.getByText(/Vi phạm/)).toBeTruthy();
    expect(first.getByText('Điểm 1 Công văn số 1981/UBND-VHTT')).toBeTruthy();
    expect(first.getByText('HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX')).toBeTruthy();
    expect(first.getByText('5.13.7 (12602)')).toBeTruthy();
    expect(first.getByText(/Đề nghị đồng chí gỡ bỏ Zoom/)).toBeTruthy();
    expect(first.getByRole('button', { name: 'Gỡ bỏ…' })).toBeTruthy();
    // unknown carries its reason
    expect(within(cards[2]!).getByText(/không trả lời trong thời gian cho phép/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/1 vi phạm, 1 cảnh báo, 1 chưa kiểm tra được, 1 đạt/);
  });

  it('shows the same in English', async () => {
    await renderApp('en');
    const first = within(screen.getAllByRole('article')[0]!);
    expect(first.getByText(/Violation/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check now' })).toBeTruthy();
    expect(first.getByRole('button', { name: 'Remove…' })).toBeTruthy();
  });

  it('says the computer was never checked, and "check now" runs a check', async () => {
    const f = fakeApi(null);
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    expect(await screen.findByText(/chưa được kiểm tra lần nào/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra ngay' }));
    expect(await screen.findByRole('alert')).toBeTruthy(); // the fake's check fails: the error is shown, not swallowed
    expect(f.calls).toContain('runCheck');
  });

  it('updates when main pushes a new report, and a notification click focuses the finding', async () => {
    const f = await renderApp('vi', reportWith([zoomOk]));
    expect(screen.getAllByRole('article')).toHaveLength(1);
    act(() => f.emit('report:updated', report));
    expect(screen.getAllByRole('article')).toHaveLength(4);
    act(() => f.emit('nav:open', { page: 'findings', findingId: zoomLeftover.id }));
    expect(document.activeElement?.getAttribute('data-finding-id')).toBe(zoomLeftover.id);
  });

  it('"remind me in 1 day" on a violation or warning asks main, then says until when; not offered on unknown or ok findings', async () => {
    const f = await renderApp('vi');
    const cards = screen.getAllByRole('article');
    expect(cards.map((c) => within(c).queryByRole('button', { name: 'Nhắc lại sau 1 ngày' }) !== null)).toEqual([true, true, false, false]);
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Nhắc lại sau 1 ngày' }));
    expect(await within(cards[0]!).findByText(/Trợ lý sẽ không nhắc lại mục này cho đến .*2026/)).toBeTruthy();
    expect(f.calls).toContain(`snooze:${zoomInstalled.id}`);
    expect(within(cards[0]!).queryByRole('button', { name: 'Nhắc lại sau 1 ngày' })).toBeNull();
  });

  it.each(['vi', 'en'] as const)('%s: the login notice opens Settings on the start-at-login checkbox, focused and scrolled into view; once', async (lang) => {
    // jsdom has no scrollIntoView: record where the page asks to scroll to.
    const seen: Element[] = [];
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', {
      configurable: true,
      value(this: HTMLElement) {
        seen.push(this);
      },
    });
    try {
      const f = await renderApp(lang);
      const name = lang === 'vi' ? 'Khởi động trợ lý cùng máy tính' : 'Start the assistant when I log in';
      act(() => f.emit('nav:open', { page: 'settings', focus: 'start-at-login' }));
      const box = await screen.findByRole('checkbox', { name });
      expect(document.activeElement).toBe(box);
      expect(seen).toEqual([box]);
      // Back on the findings, then Settings from the menu: an ordinary visit, nothing focused for it.
      fireEvent.click(screen.getByRole('button', { name: lang === 'vi' ? 'Kết quả kiểm tra' : 'Check results' }));
      fireEvent.click(screen.getByRole('button', { name: lang === 'vi' ? 'Cài đặt' : 'Settings' }));
      expect(document.activeElement).not.toBe(await screen.findByRole('checkbox', { name }));
      expect(seen).toHaveLength(1);
      // A plain request for the settings page does not focus it either.
      act(() => f.emit('nav:open', { page: 'settings' }));
      expect(document.activeElement).not.toBe(screen.getByRole('checkbox', { name }));
    } finally {
      delete (HTMLElement.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    }
  });

  it('switches language from the header and saves it', async () => {
    const f = await renderApp('vi');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('button', { name: 'Check now' })).toBeTruthy();
    expect(f.calls).toContain('setSettings:{"language":"en"}');
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('other pages', () => {
  it('explains Công văn 1981/UBND-VHTT point by point with the documents it rests on', async () => {
    await renderApp('vi');
    fireEvent.click(screen.getByRole('button', { name: 'Công văn 1981/UBND-VHTT' }));
    expect(await screen.findByRole('heading', { name: 'Công văn số 1981/UBND-VHTT' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Những nguy cơ Công văn nêu', 'Điểm 1', 'Điểm 2', 'Điểm 3', 'Điểm 4', 'Các văn bản làm căn cứ']);
    expect(screen.getByText(/^Văn bản số 2706\/UBND-XD6 ngày 27\/04\/2020/)).toBeTruthy();
    expect(screen.getByText(/Cơ quan ban hành: .*, ngày 14\/05\/2020\./)).toBeTruthy();
  });

  it('the removal wizard asks main for a plan and shows a refusal clearly (a recorded machine), with a re-check', async () => {
    const f = await renderApp('vi');
    fireEvent.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: 'Gỡ bỏ…' }));
    expect(await screen.findByText(/Đây là máy tính được ghi lại \(ATTT_SELFCHECK_FIXTURE\), không phải máy thật/)).toBeTruthy();
    expect(f.calls).toContain(`planFix:${zoomInstalled.id}`);
    expect(screen.getByRole('button', { name: 'Kiểm tra lại' })).toBeTruthy();
  });

  describe('the removal result', () => {
    const plan = { findingId: zoomInstalled.id, kind: 'uninstall' as const, planId: `${zoomInstalled.id}@1`, steps: [{ id: 's1', title: { key: 'fix:step.close' }, elevated: false }] };
    async function removeWith(lang: UiLanguage, result: FixResultView) {
      const f = fakeApi(report, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, {
        planFix: () => Promise.resolve({ ok: true, value: plan }),
        runFix: () => Promise.resolve({ ok: true, value: result }),
      });
      render(
        <I18nextProvider i18n={createI18n(lang)}>
          <App api={f.api} />
        </I18nextProvider>,
      );
      await screen.findAllByRole('article');
      fireEvent.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: lang === 'vi' ? 'Gỡ bỏ…' : 'Remove…' }));
      fireEvent.click(await screen.findByRole('button', { name: lang === 'vi' ? 'Đồng ý gỡ bỏ' : 'Remove it' }));
      return vi.waitFor(() => {
        const note = document.querySelector<HTMLElement>('[data-verdict]');
        if (!note) throw new Error('no result yet');
        return note;
      });
    }
    const timeout = { key: 'common:reason.timeout', params: { tool: 'dpkg-query' } };

    it('a re-check that could not look says it could not confirm, with the reason: neither success nor "still there"', async () => {
      const note = await removeWith('vi', { findingId: zoomInstalled.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'not-proven', message: timeout });
      expect(note.textContent).toMatch(/chưa xác nhận được phần mềm này đã được gỡ bỏ/);
      expect(note.textContent).toMatch(/Lý do: .*không trả lời trong thời gian cho phép/);
      expect(note.textContent).not.toMatch(/Đã gỡ bỏ xong|vẫn còn phát hiện/);
      expect(note.className).toMatch(/note-warning/);
    });

    it('the same in English', async () => {
      const note = await removeWith('en', { findingId: zoomInstalled.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'not-proven', message: timeout });
      expect(note.textContent).toMatch(/could not confirm that this software has been removed/);
      expect(note.textContent).not.toMatch(/^Removed\./);
    });

    it('"still present" and a proven removal keep their own messages', async () => {
      const still = await removeWith('vi', { findingId: zoomInstalled.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key: 'fix:why.stillThere' } });
      expect(still.textContent).toMatch(/vẫn còn phát hiện phần mềm này/);
      cleanup();
      const gone = await removeWith('vi', { findingId: zoomInstalled.id, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.outcome.removed' } });
      expect(gone.textContent).toMatch(/Đã gỡ bỏ xong/);
      expect(gone.className).toMatch(/note-ok/);
      // The headline says it: the same thing is not said again below it.
      expect(gone.querySelector('p.message')).toBeNull();
      expect(gone.textContent).not.toContain('Kiểm tra lại đã xác nhận mục này không còn');
    });
  });

  it('lists past checks', async () => {
    await renderApp('en');
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.getByText('1 violation, 1 warning, 1 could not be checked')).toBeTruthy();
  });

  it('changes settings at once and pauses notifications', async () => {
    const f = await renderApp('vi');
    fireEvent.click(screen.getByRole('button', { name: 'Cài đặt' }));
    const select = await screen.findByRole('combobox');
    fireEvent.change(select, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Khởi động trợ lý cùng máy tính/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Tạm dừng 1 giờ' }));
    expect(await screen.findByText(/Thông báo đang tạm dừng đến/)).toBeTruthy();
    expect(f.calls).toEqual(expect.arrayContaining(['setSettings:{"intervalHours":12}', 'setSettings:{"startAtLogin":true}', 'pause:hour']));
  });
});
