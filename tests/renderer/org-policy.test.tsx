// @vitest-environment jsdom
// The organisation's policy in the window: its IT contact on every page, a refused policy explained under the
// verdict (the sentence, then the details on their own lines), the settings it locks shown locked with the reason,
// and its note on the advisory page; in Vietnamese and English.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import builtinPolicy from '../../policies/cv-1981-ubnd-vhtt.json';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { PolicyView } from '../../src/shared/ipc-contract';
import type { OrgPolicyView } from '../../src/shared/org-policy';
import { policyView, type PolicyDocument } from '../../src/shared/policy-view';
import type { UiLanguage } from '../../src/shared/settings';
import { ORG_POLICY } from '../shared/sample-org-policy';
import { reportWith, zoomInstalled } from '../shared/sample-report';
import { FAKE_CHECKS, fakeApi } from './fake-api';

afterEach(cleanup);

/** With the agency's note on the advisory page. */
const ORG: OrgPolicyView = {
  ...ORG_POLICY,
  advisoryNote: { vi: 'Mọi cuộc họp trực tuyến dùng phần mềm do Sở cung cấp.', en: 'Every online meeting uses the software the Department provides.' },
};
const REFUSED: OrgPolicyView = {
  origin: 'builtin',
  sources: [],
  refusals: [{ source: '/etc/attt-selfcheck/policy.json', kind: 'signature', reason: { key: 'policy:refused.signature', params: { source: '/etc/attt-selfcheck/policy.json', keyId: '9f2c4e1a7b3d5c60' } } }],
  fullCheckHours: null,
  usersMayTurnOffNotifications: true,
  advisoryNote: null,
};

async function renderApp(lang: UiLanguage, organisation: OrgPolicyView) {
  const view: PolicyView = { ...policyView(builtinPolicy as PolicyDocument, FAKE_CHECKS), organisation };
  const f = fakeApi(reportWith([zoomInstalled]), { language: lang, intervalHours: 2, startAtLogin: true, notifications: true }, { getPolicy: () => Promise.resolve({ ok: true, value: view }) });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  await screen.findAllByRole('article');
  return f;
}

describe('the organisation policy in the window', () => {
  it('shows the agency\'s IT contact on every page, in Vietnamese', async () => {
    await renderApp('vi', ORG);
    const contact = await screen.findByRole('complementary', { name: 'Liên hệ cán bộ công nghệ thông tin' });
    const c = within(contact);
    expect(c.getByText('UBND phường Hồng Gai')).toBeTruthy();
    expect(c.getByText('Điện thoại: 0203 3825 123')).toBeTruthy();
    expect(c.getByText('Thư điện tử: cntt@honggai.gov.vn')).toBeTruthy();
    expect(c.getByText('Phòng làm việc: Phòng 203, tầng 2')).toBeTruthy();
    expect(c.getByText('Người phụ trách: Nguyễn Văn An')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lịch sử' }));
    expect(screen.getByRole('complementary', { name: 'Liên hệ cán bộ công nghệ thông tin' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains a refused policy under the verdict: the sentence in words, the file and key on their own lines', async () => {
    await renderApp('vi', REFUSED);
    const note = await screen.findByRole('alert');
    const n = within(note);
    expect(n.getByRole('heading', { name: 'Chưa áp dụng được chính sách của cơ quan' })).toBeTruthy();
    const sentence = n.getByText(/^Chữ ký số của tệp chính sách không đúng/);
    expect(sentence.textContent).not.toContain('/etc/');
    expect(sentence.textContent).not.toContain('9f2c4e1a7b3d5c60');
    expect(n.getByText('Chi tiết: /etc/attt-selfcheck/policy.json; khóa 9f2c4e1a7b3d5c60').className).toBe('detail');
    expect(n.getByText(/Chương trình vẫn áp dụng chính sách có sẵn \(Công văn số 1981\/UBND-VHTT\)/)).toBeTruthy();
    expect(screen.queryByRole('complementary', { name: 'Liên hệ cán bộ công nghệ thông tin' })).toBeNull();
  });

  it('in English too', async () => {
    await renderApp('en', REFUSED);
    const n = within(await screen.findByRole('alert'));
    expect(n.getByRole('heading', { name: "The organisation's policy could not be applied" })).toBeTruthy();
    expect(n.getByText(/^The policy file's signature does not match/)).toBeTruthy();
  });

  it('locks the notification switch and the pause with the reason, and offers no interval longer than the agency\'s', async () => {
    await renderApp('vi', ORG);
    fireEvent.click(screen.getByRole('button', { name: 'Cài đặt' }));
    const box = await screen.findByRole('checkbox', { name: /thông báo/i });
    expect((box as HTMLInputElement).disabled).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toBe('Cơ quan của đồng chí quy định không được tắt thông báo, để đồng chí biết ngay khi máy tính có phần mềm bị cấm.');
    expect((screen.getByRole('button', { name: 'Tạm dừng 1 giờ' }) as HTMLButtonElement).disabled).toBe(true);
    const options = [...(screen.getByRole('combobox') as HTMLSelectElement).options];
    expect(options.filter((o) => !o.disabled).map((o) => o.value)).toEqual(['1', '2']);
    expect(screen.getByText('Cơ quan quy định kiểm tra toàn bộ ít nhất mỗi 2 giờ; các lựa chọn dài hơn không dùng được.')).toBeTruthy();
  });

  it('adds the agency\'s note to the advisory page', async () => {
    await renderApp('vi', ORG);
    fireEvent.click(screen.getByRole('button', { name: /Công văn/ }));
    const note = await screen.findByRole('region', { name: 'Lời nhắn của UBND phường Hồng Gai' });
    expect(within(note).getByText('Mọi cuộc họp trực tuyến dùng phần mềm do Sở cung cấp.')).toBeTruthy();
  });

  it('reads the policy again when main says the settings changed (IT deployed a policy while the window was open)', async () => {
    let view: PolicyView = { ...policyView(builtinPolicy as PolicyDocument, FAKE_CHECKS), organisation: REFUSED };
    const f = fakeApi(reportWith([zoomInstalled]), undefined, { getPolicy: () => Promise.resolve({ ok: true, value: view }) });
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    await screen.findByRole('alert');
    view = { ...view, organisation: ORG };
    await act(async () => f.emit('settings:updated', { language: 'vi', intervalHours: 2, startAtLogin: true, notifications: true }));
    expect(await screen.findByRole('complementary', { name: 'Liên hệ cán bộ công nghệ thông tin' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
