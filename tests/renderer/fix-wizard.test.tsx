// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { createI18n, renderMessage } from '../../src/renderer/src/i18n';
import type { AppFixPlanView, AppFixResultView, FixPlanView, FixResultView } from '../../src/shared/fix';
import type { IpcResult } from '../../src/shared/ipc-contract';
import type { UiLanguage } from '../../src/shared/settings';
import { reportWith, zoomInstalled, zoomLeftover, zoomRunning } from '../shared/sample-report';
import { fakeApi } from './fake-api';

const report = reportWith([zoomLeftover, zoomInstalled]);
const id = zoomInstalled.id;
const words = {
  vi: { remove: 'Gỡ bỏ…', confirm: 'Đồng ý gỡ bỏ', back: 'Quay lại danh sách', choose: 'Xem cách gỡ', runTitle: 'Trợ lý sẽ thực hiện các bước sau' },
  en: { remove: 'Remove…', confirm: 'Remove it', back: 'Back to the list', choose: 'See how to remove', runTitle: 'The assistant will do the following' },
} as const;

const scrolls: unknown[] = [];
beforeEach(() => {
  scrolls.length = 0;
  window.scrollTo = ((opts: unknown) => void scrolls.push(opts)) as typeof window.scrollTo;
});
afterEach(cleanup);

/** Where a result is held until the test lets it go, so progress can be pushed while the removal runs. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function open(lang: UiLanguage, plan: FixPlanView, runFix?: () => Promise<IpcResult<FixResultView>>) {
  const plans: string[] = [];
  const f = fakeApi(report, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, {
    planFix: (findingId) => (plans.push(findingId), Promise.resolve({ ok: true, value: { ...plan, planId: `${findingId}@${plans.length}` } })),
    ...(runFix ? { runFix } : {}),
  });
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <App api={f.api} />
    </I18nextProvider>,
  );
  await screen.findAllByRole('article');
  fireEvent.click(within(screen.getAllByRole('article')[0]!).getByRole('button', { name: words[lang].remove }));
  return { f, plans };
}

const manualPlan: FixPlanView = {
  findingId: id,
  kind: 'uninstall',
  planId: 'x',
  steps: [],
  why: [{ key: 'fix:why.otherUser', params: { name: 'Zoom Workplace', user: 'nguyenvanb' } }],
  manual: [{ key: 'fix:manual.windows.settings', params: { name: 'Zoom Workplace' } }, { key: 'fix:manual.askIt' }],
};

const runPlan: FixPlanView = {
  findingId: id,
  kind: 'uninstall',
  planId: 'x',
  steps: [
    { id: 'p#0', title: { key: 'fix:step.close', params: { app: 'Zoom', pids: '4242' } }, elevated: false },
    { id: 'p#1', title: { key: 'fix:step.msiexec', params: { name: 'Zoom Workplace', code: '{1111}' } }, argv: ['C:\\Windows\\System32\\msiexec.exe', '/x', '{1111}', '/qn', '/norestart'], elevated: true },
    { id: 'p#2', title: { key: 'fix:step.remove', params: { path: 'C:\\Users\\an\\AppData\\Roaming\\Zoom' } }, elevated: false },
  ],
  manual: [{ key: 'fix:manual.windows.cleanupTool' }],
};

describe.each(['vi', 'en'] as const)('the removal wizard guides (%s)', (lang) => {
  const w = words[lang];
  const t = createI18n(lang).t;

  it('a manual-only plan says why the assistant cannot act and what to do, with no empty list and no dead button', async () => {
    await open(lang, manualPlan);
    const card = await screen.findByRole('heading', { name: t('ui:fix.manualOnlyTitle') });
    const box = within(card.closest('.card') as HTMLElement);
    expect(box.getByText(lang === 'vi' ? /thuộc về người dùng khác \(nguyenvanb\)/ : /belongs to another user \(nguyenvanb\)/)).toBeTruthy();
    expect(box.getByText(lang === 'vi' ? /tìm «Zoom Workplace», chọn Gỡ cài đặt/ : /find «Zoom Workplace» and choose Uninstall/)).toBeTruthy();
    expect(box.getByText(t('ui:fix.manualOnlyLead'))).toBeTruthy();
    expect(screen.queryByText(w.runTitle)).toBeNull();
    expect(screen.queryByRole('button', { name: w.confirm })).toBeNull();
    expect(screen.getAllByRole('button').filter((b) => (b as HTMLButtonElement).disabled)).toEqual([]);
    expect(box.getByRole('button', { name: t('ui:fix.recheck') })).toBeTruthy();
    fireEvent.click(box.getByRole('button', { name: w.back }));
    expect((await screen.findAllByRole('button', { name: w.choose })).length).toBeGreaterThan(0);
  });

  it('Escape leaves the plan for the list, as «Hủy» does, and nothing is run', async () => {
    const ran: string[] = [];
    await open(lang, runPlan, () => (ran.push('run'), Promise.resolve({ ok: true, value: { findingId: id, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.outcome.removed' } } })));
    await screen.findByText(w.runTitle);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect((await screen.findAllByRole('button', { name: w.choose })).length).toBeGreaterThan(0);
    expect(screen.queryByText(w.runTitle)).toBeNull();
    expect(ran).toEqual([]);
  });

  it('an elevated step explains the administrator prompt and what a refusal does; a plan without one does not', async () => {
    await open(lang, runPlan);
    await screen.findByText(w.runTitle);
    const note = screen.getByRole('note');
    expect(note.textContent).toMatch(lang === 'vi' ? /Kiểm soát Tài khoản Người dùng.*Nếu đồng chí từ chối hoặc đóng hộp thoại, trợ lý không thực hiện bước đó/ : /User Account Control.*If you refuse or close the prompt, the assistant does not carry out that step/);
    cleanup();
    await open(lang, { ...runPlan, steps: runPlan.steps.map((s) => ({ ...s, elevated: false })) });
    await screen.findByText(w.runTitle);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('steps are marked done as they finish, a failure says what its code means, and «back to the list» then reopening starts afresh', async () => {
    const held = deferred<IpcResult<FixResultView>>();
    const { f, plans } = await open(lang, runPlan, () => held.promise);
    fireEvent.click(await screen.findByRole('button', { name: w.confirm }));
    const rows = () => screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-state'));
    expect(rows().map((r) => r.getAttribute('data-state'))).toEqual(['pending', 'pending', 'pending', 'pending']);
    act(() => f.progress({ findingId: id, stepId: 'p#0', state: 'running', message: runPlan.steps[0]!.title }));
    act(() => f.progress({ findingId: id, stepId: 'p#0', state: 'done' }));
    act(() => f.progress({ findingId: id, stepId: 'p#1', state: 'running', message: runPlan.steps[1]!.title }));
    act(() => f.progress({ findingId: id, stepId: 'p#1', state: 'failed', message: { key: 'fix:exit.msi.1603', params: { code: 1603 } } }));
    act(() => f.progress({ findingId: 'someone-else', stepId: 'p#2', state: 'done' }));
    act(() => f.progress({ findingId: id, stepId: 'recheck', state: 'running' }));
    act(() => f.progress({ findingId: id, stepId: 'recheck', state: 'done' }));
    expect(rows().map((r) => r.getAttribute('data-state'))).toEqual(['done', 'failed', 'pending', 'done']);
    expect(rows()[0]!.textContent).toMatch(new RegExp(`^${t('ui:fix.progress.done')} — `));
    expect(rows()[0]!.textContent).not.toMatch(new RegExp(t('ui:fix.progress.running')));
    expect(rows()[1]!.textContent).toContain(t('fix:exit.msi.1603', { code: 1603 }));
    expect(rows()[1]!.textContent).not.toMatch(/\((mã|code) 1603\):/);
    const scrolled = scrolls.length;
    await act(async () => held.resolve({ ok: true, value: { findingId: id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key: 'fix:exit.msi.1603', params: { code: 1603 } } } }));
    expect(scrolls.length).toBeGreaterThan(scrolled); // the result opens at its top
    expect(scrolls.at(-1)).toEqual({ top: 0, left: 0 });
    expect(rows()[2]!.getAttribute('data-state')).toBe('notRun');
    const result = document.querySelector<HTMLElement>('[data-verdict]')!;
    expect(within(result).getByText(t('fix:manual.windows.cleanupTool'))).toBeTruthy();
    fireEvent.click(within(result).getByRole('button', { name: w.back }));
    fireEvent.click(await screen.findAllByRole('button', { name: w.choose }).then((b) => b[0]!));
    await screen.findByRole('button', { name: w.confirm });
    expect(plans).toEqual([id, id]);
    expect(document.querySelector('[data-verdict]')).toBeNull();
    expect(document.querySelector('[data-state]')).toBeNull();
  });

  it('every page opens at its top', async () => {
    await open(lang, runPlan);
    await screen.findByText(w.runTitle);
    const before = scrolls.length;
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.history') }));
    await screen.findByRole('table');
    expect(scrolls.length).toBeGreaterThan(before);
    expect(scrolls.at(-1)).toEqual({ top: 0, left: 0 });
  });
});

describe('the wizard in Vietnamese says nothing in English', () => {
  it('the texts of the guiding wizard carry no English word', () => {
    const t = createI18n('vi').t;
    const keys = ['manualOnlyTitle', 'manualOnlyLead', 'partlyManualTitle', 'manualFallbackTitle', 'manualAfterTitle', 'elevatedNote', 'progressTitle', 'recheckStep', 'back', 'progress.pending', 'progress.notRun'];
    for (const k of keys) {
      const text = t(`ui:fix.${k}`).replace(/Windows|macOS|Linux/g, '');
      expect(text).not.toMatch(/\b(the|and|or|user|account|control|prompt|password|step|yes|admin|IT)\b/i);
      expect(text).not.toMatch(/^ui:/);
    }
  });
});

describe.each(['vi', 'en'] as const)('one flow removes every install of the banned app (%s)', (lang) => {
  const t = createI18n(lang).t;
  const installed = { ...zoomInstalled, app: 'zoom' };
  const leftover = { ...zoomLeftover, app: 'zoom' };
  const appReport = reportWith([leftover, installed]);
  const appPlan = (running: boolean): AppFixPlanView => ({
    appId: 'zoom',
    app: 'Zoom',
    planId: 'app:zoom@1',
    running,
    items: [
      { findingId: installed.id, kind: 'uninstall', app: 'Zoom', planId: 'app:zoom@1', steps: running ? runPlan.steps.map((s, i) => (i === 0 ? { ...s, closesApp: true } : s)) : runPlan.steps.slice(1), manual: runPlan.manual! },
      { findingId: leftover.id, kind: 'manual', app: 'Zoom', planId: 'app:zoom@1', steps: [], why: [{ key: 'fix:why.otherUser', params: { name: 'Zoom', user: 'nguyenvanb' } }], manual: [{ key: 'fix:manual.askIt' }] },
    ],
  });

  async function openAll(overrides: Parameters<typeof fakeApi>[2]) {
    const f = fakeApi(appReport, { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, overrides);
    render(
      <I18nextProvider i18n={createI18n(lang)}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.fix') }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.all.open', { count: 2 }) }));
    const flow = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-flow="all"] [data-item]');
      if (!el) throw new Error('not planned yet');
      return el.closest<HTMLElement>('[data-flow="all"]')!;
    });
    return { f, flow, item: (fid: string) => flow.querySelector<HTMLElement>(`[data-item="${fid}"]`)! };
  }

  it('one plan for the app from one request, one confirmation, one run for all items with progress per item, a result per item', async () => {
    const asked: string[] = [];
    const held = deferred<IpcResult<AppFixResultView>>();
    const { f, flow, item } = await openAll({
      planFix: () => Promise.reject(new Error('the app flow plans the app, not each finding')),
      runFix: () => Promise.reject(new Error('the app flow runs the app, not each finding')),
      planAppFix: (appId) => (asked.push(`plan:${appId}`), Promise.resolve({ ok: true, value: appPlan(false) })),
      runAppFix: (appId, planId) => (asked.push(`run:${appId}:${planId}`), held.promise),
    });
    expect(within(flow).getByRole('heading', { level: 3 }).textContent).toBe(lang === 'vi' ? 'Gỡ bỏ toàn bộ Zoom trên máy tính này (2 mục)' : 'Remove all of Zoom from this computer (2 items)');
    expect(item(installed.id).getAttribute('data-state')).toBe('planned');
    expect(item(leftover.id).getAttribute('data-state')).toBe('manual');
    expect(item(leftover.id).textContent).toContain('nguyenvanb');
    expect(within(flow).getByRole('note').textContent).toBe(t('ui:fix.elevatedNote'));
    expect(document.querySelector('[data-close-app]')).toBeNull(); // Zoom is not running: nothing to close
    fireEvent.click(within(flow).getByRole('button', { name: t('ui:fix.all.confirm', { count: 1 }) }));
    expect(item(installed.id).getAttribute('data-state')).toBe('pending');
    act(() => f.progress({ appId: 'zoom', findingId: installed.id, stepId: 'item', state: 'running' }));
    expect(item(installed.id).getAttribute('data-state')).toBe('running');
    act(() => f.progress({ appId: 'zoom', findingId: installed.id, stepId: 'item', state: 'failed' }));
    act(() => f.progress({ appId: 'other', findingId: leftover.id, stepId: 'item', state: 'done' }));
    expect(item(installed.id).getAttribute('data-state')).toBe('failed');
    expect(item(leftover.id).getAttribute('data-state')).toBe('manual');
    act(() => f.progress({ appId: 'zoom', stepId: 'recheck', state: 'running' }));
    expect(within(flow).getByRole('status').textContent).toBe(t('ui:fix.recheckStep'));
    await act(async () =>
      held.resolve({ ok: true, value: { appId: 'zoom', items: [{ findingId: installed.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key: 'fix:exit.msi.1618', params: { code: 1618 } } }] } }),
    );
    expect(asked).toEqual(['plan:zoom', 'run:zoom:app:zoom@1']);
    expect(item(installed.id).textContent).toContain(t('ui:fix.notResolved'));
    expect(item(installed.id).textContent).toContain(t('fix:exit.msi.1618', { code: 1618 }));
    expect(item(leftover.id).textContent).toContain(t('ui:fix.all.manual'));
    // 1618 (another installation running): trying again can help, so «Thử lại» plans afresh; no «Đồng ý» button.
    expect(within(flow).queryByRole('button', { name: t('ui:fix.all.confirm', { count: 1 }) })).toBeNull();
    fireEvent.click(within(flow).getByRole('button', { name: t('ui:fix.retry') }));
    await vi.waitFor(() => expect(asked).toEqual(['plan:zoom', 'run:zoom:app:zoom@1', 'plan:zoom']));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.back') }));
    expect(await screen.findByRole('button', { name: t('ui:fix.all.open', { count: 2 }) })).toBeTruthy();
  });

  it('after a refusal that trying again cannot change, only the way back, the manual steps and a re-check: no «Gỡ bỏ», no «Thử lại»', async () => {
    const { flow } = await openAll({
      planAppFix: () => Promise.resolve({ ok: true, value: appPlan(false) }),
      runAppFix: () => Promise.resolve({ ok: true, value: { appId: 'zoom', items: [{ findingId: installed.id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key: 'fix:exit.elevation.notAuthorised', params: { code: 127 } } }] } }),
    });
    fireEvent.click(within(flow).getByRole('button', { name: t('ui:fix.all.confirm', { count: 1 }) }));
    await within(flow).findByText(t('fix:exit.elevation.notAuthorised', { code: 127 }));
    expect(within(flow).getAllByRole('button').map((b) => b.textContent)).toEqual([t('ui:fix.recheck'), t('ui:fix.back')]);
    expect(within(flow).getByText(t('fix:manual.windows.cleanupTool', runPlan.manual![0]!.params))).toBeTruthy();
    // It did not succeed: the manual steps are what to do now, not «if it does not succeed».
    expect(within(flow).getByText(t('ui:fix.manualAfterTitle'))).toBeTruthy();
    expect(within(flow).queryByText(t('ui:fix.manualFallbackTitle'))).toBeNull();
  });

  it('after the re-check drops the removed item from the report, its row still names the product, never its finding id', async () => {
    const held = deferred<IpcResult<AppFixResultView>>();
    const { f, flow, item } = await openAll({
      planAppFix: () => Promise.resolve({ ok: true, value: appPlan(false) }),
      runAppFix: () => held.promise,
    });
    fireEvent.click(within(flow).getByRole('button', { name: t('ui:fix.all.confirm', { count: 1 }) }));
    // The tray's re-check reaches the window first: the removed install is no longer in the latest report.
    act(() => f.emit('report:updated', reportWith([leftover])));
    await act(async () => held.resolve({ ok: true, value: { appId: 'zoom', items: [{ findingId: installed.id, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.resolved' } }] } }));
    await vi.waitFor(() => expect(item(installed.id).textContent).toContain(t('ui:fix.resolved')));
    expect(item(installed.id).textContent).not.toContain(installed.id);
    expect(item(installed.id).textContent).toContain(renderMessage(t, installed.title));
  });

  it('a running Zoom: «Đóng Zoom» apart from the removal, saying what is lost; closing checks again and plans afresh', async () => {
    const asked: string[] = [];
    let running = true;
    await openAll({
      planAppFix: () => (asked.push('plan'), Promise.resolve({ ok: true, value: appPlan(running) })),
      closeApp: (appId) => {
        asked.push(`close:${appId}`);
        running = false;
        return Promise.resolve({ ok: true, value: { appId, verdict: 'closed', message: { key: 'ui:fix.close.closed', params: { app: 'Zoom' } } } });
      },
    });
    const card = document.querySelector<HTMLElement>('[data-close-app="zoom"]')!;
    expect(within(card).getByRole('heading').textContent).toBe(t('ui:fix.close.title', { app: 'Zoom' }));
    expect(within(card).getByRole('note').textContent).toBe(t('ui:fix.close.explain', { app: 'Zoom' }));
    expect(within(card).getByRole('note').textContent).toMatch(lang === 'vi' ? /chưa lưu .* sẽ bị mất/ : /not saved .* is lost/);
    fireEvent.click(within(card).getByRole('button', { name: lang === 'vi' ? 'Đóng Zoom' : 'Close Zoom' }));
    const note = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-close-verdict="closed"]');
      if (!el) throw new Error('not closed yet');
      return el;
    });
    expect(note.textContent).toContain(t('ui:fix.close.closed', { app: 'Zoom' }));
    await vi.waitFor(() => expect(asked).toEqual(['plan', 'close:zoom', 'plan']));
    await vi.waitFor(() => expect(document.querySelector('[data-close-app]')).toBeNull());
  });

  it('the running Zoom, planned as an item of its own (closed first), is named by its finding like the others and counted on the button', async () => {
    const running = { ...zoomRunning, app: 'zoom' };
    const plan = appPlan(true);
    const closeItem = { findingId: running.id, kind: 'close' as const, app: 'Zoom', planId: plan.planId, steps: [{ ...runPlan.steps[0]!, closesApp: true }], manual: [] };
    const f = fakeApi(reportWith([leftover, installed, running]), { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, { planAppFix: () => Promise.resolve({ ok: true, value: { ...plan, items: [closeItem, ...plan.items] } }) });
    render(
      <I18nextProvider i18n={createI18n(lang)}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.fix') }));
    // Two findings have a removal of their own; the flow plans all three, and the button says so.
    expect(screen.queryByRole('button', { name: t('ui:fix.all.open', { count: 2 }) })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.all.open', { count: 3 }) }));
    const row = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>(`[data-flow="all"] [data-item="${running.id}"]`);
      if (!el) throw new Error('not planned yet');
      return el;
    });
    expect(row.getAttribute('data-state')).toBe('planned');
    expect(row.textContent).toContain(renderMessage(t, running.title));
    expect(row.querySelector('.badge-violation')).not.toBeNull();
    // The rows are as many as the button said.
    await vi.waitFor(() => expect(document.querySelectorAll('[data-flow="all"] li[data-item]')).toHaveLength(3));
  });
});

describe.each(['vi', 'en'] as const)('closing a running Zoom is said to be closing it, never removing it (%s)', (lang) => {
  const t = createI18n(lang).t;
  const running = { ...zoomRunning, app: 'zoom' };
  const installed = { ...zoomInstalled, app: 'zoom' };
  const leftover = { ...zoomLeftover, app: 'zoom' };
  const closeStep = { id: `${running.id}:close#0`, title: { key: 'fix:step.close', params: { app: 'Zoom', pids: '4242' } }, elevated: false, closesApp: true };
  const closePlan: FixPlanView = { findingId: running.id, kind: 'close', app: 'Zoom', planId: 'x', steps: [closeStep], manual: [] };
  const uninstallPlan: FixPlanView = { findingId: installed.id, kind: 'uninstall', app: 'Zoom', planId: 'x', steps: runPlan.steps.slice(1), manual: runPlan.manual! };
  const render1 = (overrides: Parameters<typeof fakeApi>[2]) => {
    const f = fakeApi(reportWith([leftover, installed, running]), { language: lang, intervalHours: 4, startAtLogin: false, notifications: true }, overrides);
    render(
      <I18nextProvider i18n={createI18n(lang)}>
        <App api={f.api} />
      </I18nextProvider>,
    );
    return f;
  };
  const closedResult: FixResultView = { findingId: running.id, kind: 'close', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.outcome.closed' } };
  const removedResult: FixResultView = { findingId: installed.id, kind: 'uninstall', ok: true, resolved: true, verdict: 'removed', message: { key: 'ui:fix.outcome.removed' } };

  async function runAll(items: FixResultView[]) {
    render1({
      planAppFix: () => Promise.resolve({ ok: true, value: { appId: 'zoom', app: 'Zoom', planId: 'app:zoom@1', running: true, items: [{ ...closePlan, planId: 'app:zoom@1' }, { ...uninstallPlan, planId: 'app:zoom@1' }, { findingId: leftover.id, kind: 'manual', app: 'Zoom', planId: 'app:zoom@1', steps: [], why: [{ key: 'fix:why.otherUser', params: { name: 'Zoom', user: 'nguyenvanb' } }] }] } }),
      runAppFix: () => Promise.resolve({ ok: true, value: { appId: 'zoom', items } }),
    });
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.fix') }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.all.open', { count: 3 }) }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.all.confirmCloseAnd', { app: 'Zoom', count: 1 }) }));
    const row = (fid: string) => document.querySelector<HTMLElement>(`[data-flow="all"] [data-item="${fid}"]`)!;
    await vi.waitFor(() => expect(row(installed.id).querySelector('strong')).not.toBeNull());
    return row;
  }

  it('«Gỡ bỏ toàn bộ» before it runs: closing Zoom is said as closing, not counted among the removals; an item needing rights is marked', async () => {
    render1({ planAppFix: () => Promise.resolve({ ok: true, value: { appId: 'zoom', app: 'Zoom', planId: 'app:zoom@1', running: true, items: [closePlan, uninstallPlan] } }) });
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.fix') }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.all.open', { count: 3 }) }));
    const row = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>(`[data-flow="all"] [data-item="${running.id}"]`);
      if (!el) throw new Error('not planned yet');
      return el;
    });
    const flow = row.closest<HTMLElement>('[data-flow="all"]')!;
    expect(row.textContent).toContain(t('ui:fix.all.state.plannedClose', { app: 'Zoom' }));
    expect(row.querySelector('.tag')).toBeNull();
    // One removal (the install): the close is not one of the items «gỡ lần lượt».
    expect(within(flow).getByText(t('ui:fix.all.lead', { count: 1, app: 'Zoom' }))).toBeTruthy();
    const install = flow.querySelector<HTMLElement>(`[data-item="${installed.id}"]`)!;
    expect(install.querySelector('.tag')!.textContent).toBe(t('ui:fix.elevated'));
    expect(within(flow).getByRole('note').textContent).toBe(t('ui:fix.elevatedNote'));
  });

  it('«Gỡ bỏ toàn bộ»: the closed Zoom\'s row says «Đã đóng», the uninstalled one «Đã gỡ bỏ»', async () => {
    const row = await runAll([closedResult, removedResult]);
    expect(row(running.id).querySelector('strong')!.textContent).toBe(t('ui:fix.closed'));
    expect(row(running.id).querySelector('strong')!.textContent).toMatch(lang === 'vi' ? /^Đã đóng\./ : /^Closed\./);
    expect(row(running.id).textContent).not.toContain(t('ui:fix.resolved'));
    expect(row(installed.id).querySelector('strong')!.textContent).toBe(t('ui:fix.resolved'));
  });

  it('«Gỡ bỏ toàn bộ»: a close that did not work says it could not close Zoom, and why', async () => {
    const stillRunning = { key: 'fix:result.stillRunning', params: { app: 'Zoom', pids: '4242' } };
    const row = await runAll([{ ...closedResult, ok: false, resolved: false, verdict: 'still-present', message: stillRunning }, removedResult]);
    expect(row(running.id).querySelector('strong')!.textContent).toBe(t('ui:fix.notClosed'));
    expect(row(running.id).textContent).toContain(renderMessage(t, stillRunning));
    expect(row(running.id).getAttribute('data-state')).toBe('left');
    // Not confirmed is kept apart from "still running".
    cleanup();
    const blind = await runAll([{ ...closedResult, ok: false, resolved: false, verdict: 'not-proven', message: { key: 'fix:why.recheckFailed' } }, removedResult]);
    expect(blind(running.id).querySelector('strong')!.textContent).toBe(t('ui:fix.closeNotProven'));
  });

  it('the one-item wizard, Zoom running: its close step says whether Zoom was closed; the headline is the removal\'s', async () => {
    const stillRunning = { key: 'fix:result.stillRunning', params: { app: 'Zoom', pids: '4242' } };
    const held = deferred<IpcResult<FixResultView>>();
    const f = render1({ planFix: () => Promise.resolve({ ok: true, value: { ...uninstallPlan, steps: [closeStep, ...uninstallPlan.steps] } }), runFix: () => held.promise });
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByRole('button', { name: t('ui:nav.fix') }));
    // The running program is no item of its own here (it has no removal): it is closed by the install's plan.
    const choices = (await screen.findAllByRole('button', { name: t('ui:fix.choose') })).map((b) => b.closest('li')!);
    expect(choices.some((li) => li.textContent!.includes(renderMessage(t, running.title)))).toBe(false);
    fireEvent.click(within(choices.find((li) => li.textContent!.includes(renderMessage(t, installed.title)))!).getByRole('button', { name: t('ui:fix.choose') }));
    fireEvent.click(await screen.findByRole('button', { name: t('ui:fix.confirm') }));
    act(() => f.progress({ findingId: installed.id, stepId: closeStep.id, state: 'failed', message: stillRunning }));
    await act(async () => held.resolve({ ok: true, value: { ...removedResult, ok: false, resolved: false, verdict: 'still-present', message: stillRunning } }));
    const row = document.querySelector<HTMLElement>('ol.progress li[data-state="failed"]')!;
    expect(row.textContent).toContain(renderMessage(t, closeStep.title));
    expect(row.textContent).toContain(renderMessage(t, stillRunning));
    const note = document.querySelector<HTMLElement>('[data-verdict="still-present"]')!;
    expect(note.querySelector('p')!.textContent).toBe(t('ui:fix.notResolved'));
    expect(note.textContent).not.toContain(t('ui:fix.resolved'));
  });
});

describe.each(['vi', 'en'] as const)('after a result, only what makes sense (%s)', (lang) => {
  const t = createI18n(lang).t;
  const w = words[lang];

  it('a run main refused (a recorded machine) is a result: the reason, the manual steps and the way back, never «Đồng ý gỡ bỏ» again', async () => {
    await open(lang, runPlan, () => Promise.resolve({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } }));
    fireEvent.click(await screen.findByRole('button', { name: w.confirm }));
    const result = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-verdict="not-run"]');
      if (!el) throw new Error('no result yet');
      return el;
    });
    expect(result.textContent).toContain(t('fix:cli.recordedHost'));
    expect(screen.queryByRole('button', { name: w.confirm })).toBeNull();
    expect(within(result).getAllByRole('button').map((b) => b.textContent)).toEqual([t('ui:fix.recheck'), w.back]);
  });

  it.each([
    ['fix:exit.elevation.uacRefused', true],
    ['fix:exit.msi.1603', true],
    ['fix:exit.elevation.notAuthorised', false],
    ['fix:refused.foreignOwner', false],
  ] as const)('%s: «Thử lại» shown = %s, and it plans afresh', async (key, retry) => {
    const { plans } = await open(lang, runPlan, () => Promise.resolve({ ok: true, value: { findingId: id, kind: 'uninstall', ok: false, resolved: false, verdict: 'still-present', message: { key, params: { code: 1223, path: '/opt/zoom', user: 'nguyenvanb' } } } }));
    fireEvent.click(await screen.findByRole('button', { name: w.confirm }));
    const result = await vi.waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-verdict="still-present"]');
      if (!el) throw new Error('no result yet');
      return el;
    });
    expect(screen.queryByRole('button', { name: w.confirm })).toBeNull();
    const names = within(result).getAllByRole('button').map((b) => b.textContent);
    expect(names).toEqual([...(retry ? [t('ui:fix.retry')] : []), t('ui:fix.recheck'), w.back]);
    if (retry) {
      fireEvent.click(within(result).getByRole('button', { name: t('ui:fix.retry') }));
      await screen.findByRole('button', { name: w.confirm });
      expect(plans).toEqual([id, id]);
    }
  });
});
