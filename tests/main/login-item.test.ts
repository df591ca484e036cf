import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ home: '', loginItems: [] as unknown[] }));
vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    getAppPath: () => '/opt/ATTT Self-Check/resources/app.asar',
    getPath: (name: string) => (name === 'home' ? electron.home : ''),
    setLoginItemSettings: (s: unknown) => void electron.loginItems.push(s),
  },
}));
import { applyLoginItem, refreshLoginItem } from '../../src/main/login-item';

let dir: string;
const saved = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPIMAGE: process.env.APPIMAGE };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-login-'));
  electron.home = join(dir, 'home');
  electron.loginItems.length = 0;
  delete process.env.XDG_CONFIG_HOME; // the entry goes to the fake home's ~/.config/autostart
  process.env.APPIMAGE = join(dir, 'Tải về', 'ATTT Self-Check.AppImage');
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('"start at login" on Windows and macOS', () => {
  const as = (platform: NodeJS.Platform, f: () => void): void => {
    const saved = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: platform });
    try {
      f();
    } finally {
      Object.defineProperty(process, 'platform', saved);
    }
  };

  it('is applied at start when on (on by default, a first start registers it), hidden in the tray; left alone when off', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      electron.loginItems.length = 0;
      as(platform, () => refreshLoginItem(true, () => undefined));
      expect(electron.loginItems).toEqual([{ openAtLogin: true, args: [] }]);
      as(platform, () => refreshLoginItem(false, () => undefined));
      expect(electron.loginItems).toHaveLength(1);
      as(platform, () => applyLoginItem(false, () => undefined));
      expect(electron.loginItems[1]).toEqual({ openAtLogin: false, args: [] });
    }
  });
});

describe.skipIf(process.platform !== 'linux')('"start at login" on Linux', () => {
  const file = () => join(electron.home, '.config', 'autostart', 'attt-selfcheck.desktop');

  it('writes an XDG autostart entry that starts the AppImage in the tray, and removes it when turned off', () => {
    const errors: unknown[] = [];
    applyLoginItem(true, (f, e) => errors.push([f, e]));
    expect(errors).toEqual([]);
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain(`Exec="${join(dir, 'Tải về', 'ATTT Self-Check.AppImage')}"\n`);
    expect(text).toContain('Name[vi]=Trợ lý tự kiểm tra ATTT\n');
    expect(text).toContain('Comment[vi]=Tự kiểm tra máy tính theo Công văn số 1981/UBND-VHTT');
    expect(electron.loginItems).toEqual([]); // Electron's login item does nothing here
    applyLoginItem(false, (f, e) => errors.push([f, e]));
    expect(existsSync(file())).toBe(false);
  });

  it('at start, follows an AppImage that moved; leaves things alone when the setting is off', () => {
    applyLoginItem(true, () => undefined);
    process.env.APPIMAGE = join(dir, 'Apps', 'ATTT.AppImage');
    refreshLoginItem(true, () => undefined);
    expect(readFileSync(file(), 'utf8')).toContain(`Exec="${join(dir, 'Apps', 'ATTT.AppImage')}"\n`);
    refreshLoginItem(false, () => undefined);
    expect(existsSync(file())).toBe(true);
  });

  it('tells where and why when the entry cannot be written', () => {
    mkdirSync(file(), { recursive: true });
    const errors: [string, unknown][] = [];
    applyLoginItem(true, (f, e) => errors.push([f, e]));
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe(file());
    expect(String(errors[0]![1])).toMatch(/is a folder/);
  });
});
