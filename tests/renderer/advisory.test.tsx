// @vitest-environment jsdom
/** The advisory page: the risks Công văn 1981/UBND-VHTT names, each point with what the last check found for it, the documents it rests on. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import policyFile from '../../policies/cv-1981-ubnd-vhtt.json';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { Report } from '../../src/shared/report';
import type { UiLanguage } from '../../src/shared/settings';
import { patchBehind } from '../shared/recorded-checks';
import { reportWith, zoomInstalled, zoomLeftover, zoomOk } from '../shared/sample-report';
import { fakeApi } from './fake-api';

afterEach(cleanup);

async function openAdvisory(lang: UiLanguage, report: Report | null) {
  const f = fakeApi(report, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: lang === 'vi' ? 'Công văn 1981/UBND-VHTT' : 'Letter 1981/UBND-VHTT' }));
  await screen.findByRole('heading', { level: 2, name: lang === 'vi' ? 'Công văn số 1981/UBND-VHTT' : 'Official letter No. 1981/UBND-VHTT' });
  return f;
}

const point = (n: number) => within(screen.getByRole('listitem', { name: new RegExp(`^(Điểm|Point) ${n}$`) }));

describe('advisory page', () => {
  it('names the risks in the letter\'s own words and cites it', async () => {
    await openAdvisory('vi', null);
    const risks = within(screen.getByRole('region', { name: 'Những nguy cơ Công văn nêu' }));
    const items = risks.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(6);
    expect(items[0]).toMatch(/bí mật chia sẻ dữ liệu người dùng cho Facebook mà không có sự cho phép của người dùng/);
    expect(items[1]).toMatch(/tên miền giả mạo «Zoom» nhằm phát tán các tệp tin độc hại giả mạo ứng dụng/);
    expect(items[2]).toMatch(/đánh cắp thông tin đăng nhập \(thông tin cá nhân của 500\.000 tài khoản đã bị lộ lọt\)/);
    expect(items[4]).toMatch(/kiểm soát micro, camera, đánh cắp các video trực tuyến/);
    expect(items[5]).toMatch(/02 lỗ hổng bảo mật .* Windows và hệ điều hành MacOS đang được tin tặc thường xuyên cập nhật và rao bán/);
    expect(risks.getByText('Nguồn: Công văn số 1981/UBND-VHTT ngày 14/05/2020 của Ủy ban nhân dân thành phố Cẩm Phả.')).toBeTruthy();
  });

  it('lists the documents it rests on, each date written dd/mm/yyyy as in its date field', async () => {
    await openAdvisory('vi', null);
    const cited = screen.getByRole('heading', { name: 'Các văn bản làm căn cứ' }).nextElementSibling!;
    const lines = within(cited as HTMLElement).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(policyFile.citations.length);
    expect(lines[0]).toBe('Văn bản số 2706/UBND-XD6 ngày 27/04/2020 về việc nguy cơ mất an ninh, an toàn thông tin khi sử dụng ứng dụng trực tuyến — Ủy ban nhân dân tỉnh Quảng Ninh.');
    for (const [i, c] of policyFile.citations.entries()) {
      const [y, m, d] = c.date.split('-');
      expect(lines[i]).toContain(`${d}/${m}/${y}`);
    }
    // No date in any other form on the page (27/4/2020, 8/5/2020).
    expect(document.body.textContent).not.toMatch(/\b\d{1,2}\/\d\/\d{4}\b|\b\d\/\d{2}\/\d{4}\b/);
  });

  it('shows under each point what the last check found for it, and a finding opens in the findings page', async () => {
    const report = reportWith([zoomOk, zoomLeftover, patchBehind, zoomInstalled]);
    await openAdvisory('vi', { ...report, checks: ['banned-app', 'os-patch'] });
    const one = point(1);
    expect(one.getByText(/^Lần kiểm tra lúc .*:$/)).toBeTruthy();
    // Worst first, each with its status in words.
    expect(one.getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Phát hiện phần mềm Zoom Workplace 5.13.7 đã cài đặt',
      expect.stringContaining('Zoom'),
      expect.stringContaining('Zoom'),
    ]);
    expect(one.getAllByRole('listitem')[0]!.textContent).toMatch(/Vi phạm/);
    expect(point(2).getByRole('link').textContent).toBe('Windows 11 Pro 23H2 chưa cài bản cập nhật mới nhất: máy đang ở 22631.4890, bản mới nhất đã biết là 22631.7376 (ngày 14/07/2026); đã chậm 45 ngày');
    for (const n of [3, 4]) {
      expect(point(n).getByText('Trợ lý chưa kiểm tra được điểm này. Đề nghị đồng chí tự thực hiện theo nội dung trên.')).toBeTruthy();
      expect(point(n).queryAllByRole('link')).toHaveLength(0);
    }
    fireEvent.click(one.getAllByRole('link')[0]!);
    const card = await screen.findByRole('article', { name: 'Phát hiện phần mềm Zoom Workplace 5.13.7 đã cài đặt' });
    expect(card.className).toContain('focused');
    expect(document.activeElement).toBe(card);
  });

  it('says when no check ran yet, and when the last check did not look at a point', async () => {
    await openAdvisory('vi', null);
    expect(point(1).getByText('Máy tính chưa được kiểm tra lần nào.')).toBeTruthy();
    cleanup();
    await openAdvisory('vi', { ...reportWith([zoomOk]), checks: ['banned-app'] });
    expect(point(2).getByText(/^Lần kiểm tra gần nhất \(lúc .*\) chưa xem xét điểm này\.$/)).toBeTruthy();
    expect(point(1).getByRole('link').textContent).toMatch(/Zoom/);
  });

  it('says the same in English', async () => {
    await openAdvisory('en', { ...reportWith([zoomInstalled, patchBehind]), checks: ['banned-app', 'os-patch'] });
    const risks = within(screen.getByRole('region', { name: 'The risks the letter names' }));
    expect(risks.getAllByRole('listitem')[0]!.textContent).toMatch(/secretly shares it with Facebook without the users' permission/);
    expect(risks.getByText("Source: official letter No. 1981/UBND-VHTT of 14/05/2020 by the People's Committee of Cẩm Phả City.")).toBeTruthy();
    expect(point(1).getByRole('link').textContent).toBe('Zoom Workplace 5.13.7 is installed');
    expect(point(3).getByText('The assistant cannot check this point yet. Please follow it yourself as written above.')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b\d{1,2}\/\d\/\d{4}\b|\b\d\/\d{2}\/\d{4}\b/);
  });
});
