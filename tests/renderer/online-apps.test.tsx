// @vitest-environment jsdom
// The window with Zalo found (its Uninstall key as winget gives it): the app is in its own
// section with the rules of points 3 and 4, not among the findings to fix, and the verdict stays green.
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { UiLanguage } from '../../src/shared/settings';
import type { Finding } from '../../src/shared/finding';
import { reportWith, zoomOk } from '../shared/sample-report';
import { fakeApi } from './fake-api';

afterEach(cleanup);

// The notice the online-app check makes of Zalo's Uninstall key on a recorded Windows PC (its title, detail and
// action as tests/core/online-app/windows-zalo.test.ts proves them; that environment reads the recorded files).
const zalo: Finding = {
  id: 'online-app:3f2a9c1d0b4e5f67',
  check: 'online-app',
  app: 'zalo',
  status: 'notice',
  severity: 'info',
  advisoryPoint: 3,
  alsoPoints: [4],
  title: { key: 'onlineApp:installed.title', params: { app: 'Zalo', product: 'Zalo 26.9.10' } },
  detail: { key: 'onlineApp:detail', params: { app: 'Zalo', number: '1981/UBND-VHTT' } },
  action: { key: 'onlineApp:action', params: { app: 'Zalo' } },
  evidence: [{ kind: 'registry', path: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\f0c47de4-c117-54e4-97d9-eb3fd2985e6c', version: '26.9.10', detail: 'Zalo 26.9.10' }],
};

function zaloReport() {
  return reportWith([zoomOk, zalo], '2026-11-25T12:34:00.000Z');
}

async function windowOn(lang: UiLanguage) {
  const f = fakeApi(zaloReport(), { language: lang, intervalHours: 4, startAtLogin: false, notifications: true });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
}

describe('online apps in the window', () => {
  it('Vietnamese: its own section, the product named, the six rules citing points 3 and 4; the verdict green', async () => {
    await windowOn('vi');
    const section = await screen.findByRole('region', { name: 'Ứng dụng họp trực tuyến và nhắn tin trên máy' });
    expect(section.textContent).toContain('Trên máy có Zalo 26.9.10 (ứng dụng họp trực tuyến, nhắn tin)');
    expect(section.textContent).toContain('Khi dùng Zalo để họp hoặc trao đổi công việc, đề nghị đồng chí thực hiện đúng điểm 3 và điểm 4 Công văn số 1981/UBND-VHTT');
    const rules = within(section).getAllByRole('listitem').slice(1);
    expect(rules.map((r) => r.textContent)).toEqual([
      'Tổ chức cuộc họp trong phòng họp riêng, có đặt mật khẩu.',
      'Xác thực người tham gia trước khi cho vào phòng họp.',
      'Không đăng công khai mã phòng họp, mật khẩu và thời gian họp.',
      'Không mở tệp tin, đường dẫn không rõ nguồn gốc.',
      'Tuyệt đối không gửi, trao đổi bí mật nhà nước, dữ liệu nội bộ, văn bản của cơ quan qua các ứng dụng này.',
      'Dùng hệ thống họp trực tuyến, trao đổi văn bản do cơ quan chỉ định.',
    ]);
    const verdict = screen.getByRole('region', { name: 'Kết luận' });
    expect(verdict.getAttribute('data-overall')).toBe('green');
    expect(verdict.textContent).not.toContain('Zalo');
  });

  it('English: the section and the rules', async () => {
    await windowOn('en');
    const section = await screen.findByRole('region', { name: 'Online meeting and messaging apps on this PC' });
    expect(section.textContent).toContain('Zalo 26.9.10 (an online meeting and messaging app) is on this PC');
    expect(section.textContent).toContain('Never send or exchange state secrets, internal data or official documents');
  });
});
