/** The Windows AppUserModelID: the appId of electron-builder.yml, set in index.ts before the app is ready (so before any notification). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('electron', () => ({
  app: {
    setName: (n: string) => void calls.push(`setName:${n}`),
    setAppUserModelId: (id: string) => void calls.push(`setAppUserModelId:${id}`),
    setPath: () => void calls.push('setPath'),
    requestSingleInstanceLock: () => (calls.push('lock'), true),
    dock: undefined,
    whenReady: () => (calls.push('whenReady'), new Promise(() => undefined)), // never ready: nothing else starts
    quit: () => undefined,
    exit: () => undefined,
  },
}));
vi.mock('../../src/main/start-app', () => ({ startApp: () => void calls.push('startApp') }));
import { APP_USER_MODEL_ID, setWindowsAppId } from '../../src/main/app-id';

const builderAppId = /^appId:\s*(\S+)\s*$/m.exec(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8'))?.[1];

describe('Windows AppUserModelID', () => {
  it('is the appId electron-builder gives the installed shortcut', () => {
    expect(builderAppId).toBe('vn.gov.quangninh.campha.attt-selfcheck');
    expect(APP_USER_MODEL_ID).toBe(builderAppId);
  });

  it('is set on Windows only', () => {
    const set: string[] = [];
    for (const p of ['win32', 'darwin', 'linux'] as const) setWindowsAppId({ setAppUserModelId: (id) => void set.push(`${p}:${id}`) }, p);
    expect(set).toEqual([`win32:${APP_USER_MODEL_ID}`]);
  });

  it('index.ts, on Windows, sets it before it waits for the app to be ready', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      await import('../../src/main/index');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    const set = calls.indexOf(`setAppUserModelId:${APP_USER_MODEL_ID}`);
    expect(set).toBeGreaterThan(-1);
    expect(set).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls).not.toContain('startApp');
  });
});
