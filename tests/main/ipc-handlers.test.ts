import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake } from '../helpers/fake-electron';
import { AppController } from '../../src/main/app-controller';
import { policyView } from '../../src/main/check-runner';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { registerIpcHandlers, unregisterIpcHandlers } from '../../src/main/ipc-handlers';
import { createApi } from '../../src/preload/api';
import { INVOKE_CHANNELS } from '../../src/shared/ipc-contract';
import { reportWith, zoomInstalled } from '../shared/sample-report';

let dir: string;
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'attt-ipc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const c = new AppController({ dataDir: dir, now: () => Date.UTC(2026, 4, 20), runChecks: async () => reportWith([zoomInstalled]), fixer: refusingFixService });
  registerIpcHandlers(c, { policy: policyView, openExternal: async (url) => void fake.opened.push(url), trusted: (url) => url.startsWith('file://') });
  return { c, api: createApi() };
}

describe('IPC handlers, driven through the preload API over the fake IPC', () => {
  it('registers every channel of the contract once, and removes them all', () => {
    setup();
    expect([...fake.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    unregisterIpcHandlers();
    expect(fake.handlers.size).toBe(0);
  });

  it('runs a check and returns it as the latest report', async () => {
    const { api } = setup();
    expect(await api.latestReport()).toEqual({ ok: true, value: null });
    const run = await api.runCheck();
    expect(run.ok && run.value.findings[0]?.id).toBe(zoomInstalled.id);
    const latest = await api.latestReport();
    expect(latest.ok && latest.value?.generatedAt).toBe('2026-05-20T03:04:05.000Z');
    const history = await api.listHistory(5);
    expect(history.ok && history.value).toHaveLength(1);
  });

  it('gets and sets settings, refusing bad values with a clear error', async () => {
    const { api } = setup();
    expect(await api.setSettings({ language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await api.setSettings({ intervalHours: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await api.getSettings()).toMatchObject({ ok: true, value: { language: 'en', intervalHours: 4 } });
  });

  it('serves the advisory with its four points and the documents it rests on', async () => {
    const { api } = setup();
    const r = await api.getPolicy();
    expect(r.ok && r.value.number).toBe('1981/UBND-VHTT');
    expect(r.ok && r.value.points.map((p) => p.n)).toEqual([1, 2, 3, 4]);
    expect(r.ok && r.value.citations.map((c) => c.number)).toContain('2706/UBND-XD6');
    // Which checks concern each point, from the checks' own advisoryPoint (and alsoPoints): the online apps for points 3 and 4.
    expect(r.ok && r.value.points.map((p) => p.checks)).toEqual([['banned-app'], ['os-patch', 'browser-patch', 'installer-origin'], ['online-app'], ['online-app']]);
    expect(r.ok && r.value.risks).toHaveLength(6);
  });

  it('answers fix:plan with "not available" when the fix service refuses (a recorded machine)', async () => {
    const { api } = setup();
    await api.runCheck();
    expect(await api.planFix(zoomInstalled.id)).toEqual({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } });
  });

  it('opens only allowlisted https links in the browser', async () => {
    const { api } = setup();
    expect(await api.openLink('https://campha.quangninh.gov.vn/van-ban')).toEqual({ ok: true, value: true });
    expect(await api.openLink('https://evil.example/')).toEqual({ ok: true, value: false });
    expect(await api.openLink('file:///etc/passwd')).toEqual({ ok: true, value: false });
    expect(fake.opened).toEqual(['https://campha.quangninh.gov.vn/van-ban']);
  });

  it('refuses requests from a page that is not ours', async () => {
    const { api } = setup();
    fake.senderUrl = 'https://evil.example/';
    expect(await api.runCheck()).toMatchObject({ ok: false, error: { message: { key: 'ui:error.untrustedSender' } } });
  });

  it('pauses notifications through the bridge', async () => {
    const { api } = setup();
    const r = await api.pauseNotifications('tomorrow');
    expect(r.ok && r.value.pausedUntil).toMatch(/^2026-05-2[01]T/);
    expect(await api.notificationState()).toEqual(r);
  });
});
