import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake } from '../helpers/fake-electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type AtttApi } from '../../src/shared/ipc-contract';

beforeEach(() => {
  fake.reset();

});

describe('preload', () => {
  it('exposes only `api`, made of plain functions: one verb per request channel plus one listener per event', async () => {
    await import('../../src/preload/index');
    expect(Object.keys(fake.exposed)).toEqual(['api']);
    const api = fake.exposed.api as Record<string, unknown>;
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.keys(api)).toHaveLength(INVOKE_CHANNELS.length + EVENT_CHANNELS.length);
    expect(Object.keys(api)).not.toContain('ipcRenderer');
    expect(Object.keys(api).some((k) => /invoke|send|ipc/i.test(k))).toBe(false);
  });

  it('sends each verb on its channel with its request, and returns main\'s result', async () => {
    const { createApi } = await import('../../src/preload/api');
    const seen: [string, unknown][] = [];
    for (const ch of INVOKE_CHANNELS) fake.handlers.set(ch, (_e, payload) => (seen.push([ch, payload]), { ok: true, value: ch }));
    const api: AtttApi = createApi();
    expect(await api.planFix('banned-app:0123456789abcdef')).toEqual({ ok: true, value: 'fix:plan' });
    await api.setSettings({ language: 'en' });
    await api.listHistory();
    await api.runFix('a:b', 'p');
    expect(seen).toEqual([
      ['fix:plan', { findingId: 'banned-app:0123456789abcdef' }],
      ['settings:set', { language: 'en' }],
      ['history:list', {}],
      ['fix:run', { findingId: 'a:b', planId: 'p' }],
    ]);
  });

  it('turns a broken channel into an error result, never a throw', async () => {
    const { createApi } = await import('../../src/preload/api');
    expect(await createApi().runCheck()).toMatchObject({ ok: false, error: { code: 'failed', message: { key: 'ui:error.failed' } } });
  });

  it('passes events on without the Electron event object, and unsubscribes', async () => {
    const { createApi } = await import('../../src/preload/api');
    const got: unknown[] = [];
    const off = createApi().onNavigate((t) => got.push(t));
    fake.emitToRenderer('nav:open', { page: 'findings', findingId: 'x:y' });
    off();
    fake.emitToRenderer('nav:open', { page: 'history' });
    expect(got).toEqual([{ page: 'findings', findingId: 'x:y' }]);
    expect(fake.rendererListenerCount('nav:open')).toBe(0);
  });
});
