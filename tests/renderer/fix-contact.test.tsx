// @vitest-environment jsdom
// Issue 12: a removal result whose manual steps say «liên hệ cán bộ công nghệ thông tin» has the agency's contact on the same page.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import builtinPolicy from '../../policies/cv-1981-ubnd-vhtt.json';
import { App } from '../../src/renderer/src/App';
import { createI18n } from '../../src/renderer/src/i18n';
import type { FixPlanView } from '../../src/shared/fix';
import type { PolicyView } from '../../src/shared/ipc-contract';
import { policyView, type PolicyDocument } from '../../src/shared/policy-view';
import { ORG_POLICY } from '../shared/sample-org-policy';
import { reportWith, zoomInstalled } from '../shared/sample-report';
import { FAKE_CHECKS, fakeApi } from './fake-api';

beforeEach(() => {
  window.scrollTo = (() => undefined) as typeof window.scrollTo;
});
afterEach(cleanup);

const plan: FixPlanView = {
  findingId: zoomInstalled.id,
  kind: 'uninstall',
  planId: 'x',
  steps: [{ id: 'p#0', title: { key: 'fix:step.msiexec', params: { name: 'Zoom Workplace', code: '{1111}' } }, argv: ['C:\\Windows\\System32\\msiexec.exe', '/x', '{1111}', '/qn', '/norestart'], elevated: true }],
  manual: [{ key: 'fix:manual.windows.settings', params: { name: 'Zoom Workplace' } }, { key: 'fix:manual.askIt' }],
};

describe.each(['vi', 'en'] as const)('the removal result that asks for IT (%s)', (lang) => {
  const t = createI18n(lang).t;
  it('shows the manual steps and, on the same page, the agency\'s IT contact', async () => {
    const view: PolicyView = { ...policyView(builtinPolicy as PolicyDocument, FAKE_CHECKS), organisation: ORG_POLICY };
    const f = fakeApi(reportWith([zoomInstalled]), { language: lang, intervalHours: 2, startAtLogin: true, notifications: true }, {
      getPolicy: () => Promise.resolve({ ok: true, value: view }),
      planFix: () => Promise.resolve({ ok: true, value: plan }),
      runFix: () => Promise.resolve({ ok: true, value: { findingId: zoomInstalled.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key: 'fix:exit.msi.1603', params: { code: 1603 } } } }),
    });
    render(
      <I18nextProvider i18n={createI18n(lang)}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    await screen.findAllByRole('article');
    fireEvent.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: t('ui:finding.fix') }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.confirm') }));
    const result = await screen.findByText(t('ui:fix.notResolved'));
    const page = within(result.closest('[data-verdict]') as HTMLElement);
    expect(page.getByText(t('fix:manual.askIt'))).toBeTruthy();
    const contact = within(screen.getByRole('complementary', { name: t('policy:contact.title') }));
    expect(contact.getByText('UBND phường Hồng Gai')).toBeTruthy();
    expect(contact.getByText(t('policy:contact.phone', { phone: '0203 3825 123' }))).toBeTruthy();
    expect(contact.getByText(t('policy:contact.name', { name: 'Nguyễn Văn An' }))).toBeTruthy();
  });
});
