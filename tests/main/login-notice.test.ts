/**
 * Start at login is on by default: the first start says so once, in one short notification (Vietnamese, or
 * English when that is the language), with a one-click way to turn it off; remembered in app-state.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake } from '../helpers/fake-electron';
import { AppController } from '../../src/main/app-controller';
import { mainTranslator } from '../../src/main/i18n';
import { Notifier, type LoginNoticeActions } from '../../src/main/notifier';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith } from '../shared/sample-report';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-notice-'));
  fake.reset();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const controller = (now = 1_000) => new AppController({ dataDir: dir, now: () => now, runChecks: async () => reportWith([]), fixer: refusingFixService });
const actions = (): LoginNoticeActions & { calls: string[] } => {
  const calls: string[] = [];
  return { calls, turnOff: () => calls.push('off'), openSettings: () => calls.push('settings') };
};

describe('the first start says start at login is on, once', () => {
  it('is on by default and due at the first start; once shown, never again, across restarts', () => {
    const first = controller();
    expect(first.settings().startAtLogin).toBe(true);
    expect(first.loginNoticeDue()).toBe(true);
    first.loginNoticeShown();
    expect(first.loginNoticeDue()).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'app-state.json'), 'utf8'))).toEqual({ version: 1, loginNoticeShownAt: 1_000 });
    expect(controller(2_000).loginNoticeDue()).toBe(false);
  });

  it('is not due when the user has turned start at login off', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 2, language: 'vi', intervalHours: 4, startAtLogin: false, notifications: true, chosen: ['startAtLogin'] }));
    expect(controller().loginNoticeDue()).toBe(false);
  });

  it('a corrupt app-state.json is moved aside and reported, not a crash (the notice is then due again)', () => {
    writeFileSync(join(dir, 'app-state.json'), '{"version": 1, "loginNoticeShownAt": "yesterday"}');
    const c = controller();
    expect(c.loginNoticeDue()).toBe(true);
    expect(c.problemMessages()).toHaveLength(1);
  });

  it('turning it off from the notice saves the setting', () => {
    const c = controller();
    const seen: boolean[] = [];
    c.on('settings', (s) => seen.push(s.startAtLogin));
    c.setSettings({ startAtLogin: false });
    expect(seen).toEqual([false]);
    expect(controller().settings().startAtLogin).toBe(false);
  });
});

describe('the login notice', () => {
  it('on Windows and Linux: one short Vietnamese notification; a click opens the settings page', () => {
    for (const platform of ['win32', 'linux'] as const) {
      fake.reset();
      const a = actions();
      expect(new Notifier(() => undefined, platform).showLoginNotice('1981/UBND-VHTT', mainTranslator('vi'), a)).toBe(true);
      const n = fake.notifications[0]!;
      expect(n.options).toEqual({
        title: 'Trợ lý tự kiểm tra ATTT sẽ khởi động cùng máy tính',
        body: 'Để máy được kiểm tra đều đặn theo Công văn số 1981/UBND-VHTT. Nếu không muốn, đồng chí bấm vào thông báo này để tắt trong phần Cài đặt.',
        silent: true,
      });
      n.emit('click');
      expect(a.calls).toEqual(['settings']);
    }
  });

  it('on macOS: a «Tắt» button turns it off at once; a click still opens the settings', () => {
    const a = actions();
    new Notifier(() => undefined, 'darwin').showLoginNotice('1981/UBND-VHTT', mainTranslator('vi'), a);
    const n = fake.notifications[0]!;
    expect(n.options.actions).toEqual([{ type: 'button', text: 'Tắt' }]);
    expect(n.options.body).toMatch(/chọn «Tắt»\.$/);
    n.emit('action', {}, 0);
    n.emit('click');
    expect(a.calls).toEqual(['off', 'settings']);
  });

  it('in English when the language is English', () => {
    new Notifier(() => undefined, 'darwin').showLoginNotice('1981/UBND-VHTT', mainTranslator('en'), actions());
    expect(fake.notifications[0]!.options).toMatchObject({ title: 'ATTT Self-Check now starts when you log in', actions: [{ type: 'button', text: 'Turn off' }] });
  });

  it('shows nothing (and says so) where the OS has no notifications, so it stays due', async () => {
    const { Notification } = await import('../helpers/fake-electron');
    Notification.supported = false;
    expect(new Notifier(() => undefined, 'linux').showLoginNotice('1981/UBND-VHTT', mainTranslator('vi'), actions())).toBe(false);
    expect(fake.notifications).toEqual([]);
  });
});
