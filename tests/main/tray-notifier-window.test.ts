import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake, type BrowserWindow as FakeWindow } from '../helpers/fake-electron';
import { CSP } from '../../src/main/csp';
import { isAllowedExternal } from '../../src/main/external-links';
import { mainTranslator } from '../../src/main/i18n';
import { Notifier } from '../../src/main/notifier';
import { AppTray, trayMenuTemplate, type TrayActions, type TrayModel } from '../../src/main/tray';
import { trayStateFor } from '../../src/main/tray-state';
import { AssistantWindow, hardenSession, secureWebPreferences } from '../../src/main/windows';
import { session } from 'electron';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk } from '../shared/sample-report';

beforeEach(() => fake.reset());

const actions = (): TrayActions & { calls: string[] } => {
  const calls: string[] = [];
  return { calls, checkNow: () => calls.push('check'), openWindow: () => calls.push('open'), pause: (d) => calls.push(`pause:${d}`), setLanguage: (l) => calls.push(`lang:${l}`), quit: () => calls.push('quit') };
};
const model = (over: Partial<TrayModel> = {}): TrayModel => ({ state: 'red', report: reportWith([zoomInstalled]), checking: false, pausedUntil: null, language: 'vi', ...over });
type Item = { id?: string; label?: string; enabled?: boolean; click?: () => void; submenu?: Item[]; checked?: boolean };

describe('tray state', () => {
  it('is red for a violation, amber for warnings, grey when unknown or never ran, green only when all clean, fixing while removing', () => {
    expect(trayStateFor(reportWith([zoomInstalled, zoomLeftover]), false)).toBe('red');
    expect(trayStateFor(reportWith([zoomLeftover, dpkgUnknown]), false)).toBe('amber');
    expect(trayStateFor(reportWith([zoomOk, dpkgUnknown]), false)).toBe('grey');
    expect(trayStateFor(reportWith([]), false)).toBe('grey');
    expect(trayStateFor(null, false)).toBe('grey');
    expect(trayStateFor(reportWith([zoomOk]), false)).toBe('green');
    expect(trayStateFor(reportWith([zoomInstalled]), true)).toBe('fixing');
    expect(trayStateFor(reportWith([zoomInstalled]), false, true)).toBe('checking');
    expect(trayStateFor(null, false, true)).toBe('checking');
    expect(trayStateFor(reportWith([zoomInstalled]), true, true)).toBe('fixing');
  });
});

describe('tray menu', () => {
  it('always has: check now, the last result, open, pause (1 h / tomorrow), language, quit — in Vietnamese', () => {
    const a = actions();
    const items = trayMenuTemplate(model(), mainTranslator('vi'), a) as Item[];
    const labels = items.filter((i) => i.label).map((i) => i.label);
    expect(labels[0]).toBe('Kiểm tra ngay');
    expect(labels[1]).toMatch(/^Kết quả .*: 1 vi phạm, 0 cảnh báo, 0 chưa kiểm tra được$/);
    expect(labels).toContain('Mở trợ lý');
    expect(labels).toContain('Thoát');
    const pause = items.find((i) => i.id === 'pause')!;
    expect(pause.submenu!.map((i) => i.label)).toEqual(['Tạm dừng 1 giờ', 'Tạm dừng đến sáng mai', 'Bật lại thông báo']);
    for (const i of items) i.click?.();
    for (const i of pause.submenu!) i.click?.();
    items.find((i) => i.id === 'language')!.submenu!.find((i) => i.id === 'lang-en')!.click!();
    expect(a.calls).toEqual(['check', 'open', 'quit', 'pause:hour', 'pause:tomorrow', 'pause:off', 'lang:en']);
  });

  it('says "never checked" and disables "check now" while checking or fixing', () => {
    const tr = mainTranslator('en');
    expect((trayMenuTemplate(model({ report: null, state: 'grey' }), tr, actions())[1] as Item).label).toBe('Never checked');
    expect((trayMenuTemplate(model({ checking: true }), tr, actions())[0] as Item).enabled).toBe(false);
    expect((trayMenuTemplate(model({ state: 'fixing' }), tr, actions())[0] as Item).enabled).toBe(false);
  });

  it('sets icon, tooltip and context menu at once, and rebuilds the menu when the language changes', () => {
    const tray = new AppTray('/app/assets', actions(), 'win32');
    const fakeTray = fake.trays[0]!;
    expect(fakeTray.image.path).toBe('/app/assets/tray/grey.png');
    tray.update(model(), mainTranslator('vi'));
    expect(fakeTray.image.path).toBe('/app/assets/tray/red.png');
    expect(fakeTray.tooltip).toMatch(/^Trợ lý tự kiểm tra ATTT — có vi phạm/);
    expect((fakeTray.menu!.template[0] as Item).label).toBe('Kiểm tra ngay');
    tray.update(model({ language: 'en' }), mainTranslator('en'));
    expect((fakeTray.menu!.template[0] as Item).label).toBe('Check now');
    expect(fakeTray.tooltip).toMatch(/^ATTT Self-Check — violation/);
  });

  it('shows "checking" while a check runs, then the result; macOS gets template images, Linux the 22 px icons', () => {
    const mac = new AppTray('/app/assets', actions(), 'darwin');
    const macTray = fake.trays[0]!;
    expect(macTray.image).toMatchObject({ path: '/app/assets/tray/greyTemplate.png', template: true });
    mac.update(model({ state: 'checking', checking: true }), mainTranslator('vi'));
    expect(macTray.image).toMatchObject({ path: '/app/assets/tray/checkingTemplate.png', template: true });
    expect(macTray.tooltip).toBe('Trợ lý tự kiểm tra ATTT — đang kiểm tra…\nĐang kiểm tra…');
    mac.update(model(), mainTranslator('vi'));
    expect(macTray.image).toMatchObject({ path: '/app/assets/tray/redTemplate.png', template: true });
    new AppTray('/app/assets', actions(), 'linux').update(model({ state: 'checking', checking: true }), mainTranslator('en'));
    expect(fake.trays[1]!.image).toMatchObject({ path: '/app/assets/tray/checking-22.png', template: false });
  });
});

describe('notifier', () => {
  const content = { title: { key: 'ui:notify.violation', params: { product: 'Zoom Workplace 6.1.11', point: 1, number: '1981/UBND-VHTT' } }, body: { key: 'ui:notify.clickMore', params: { count: 2 } }, findingId: zoomInstalled.id };

  it('says what and which point of the advisory, quietly, and a click opens that finding', () => {
    const opened: string[] = [];
    expect(new Notifier((id) => opened.push(id)).show(content, mainTranslator('vi'))).toBe(true);
    const n = fake.notifications[0]!;
    expect(n.options.title).toBe('Zoom Workplace 6.1.11: vi phạm điểm 1 Công văn số 1981/UBND-VHTT');
    expect(n.options.body).toBe('Bấm để xem cách xử lý. Còn 2 vấn đề khác.');
    expect(n.options.silent).toBe(true);
    expect(n.shown).toBe(true);
    n.emit('click');
    expect(opened).toEqual([zoomInstalled.id]);
  });

  it('does nothing where the OS has no notifications', () => {
    return import('../helpers/fake-electron').then(({ Notification: N }) => {
      N.supported = false;
      expect(new Notifier(() => undefined).show(content, mainTranslator('en'))).toBe(false);
      expect(fake.notifications).toEqual([]);
    });
  });
});

describe('window hardening', () => {
  it('uses context isolation, sandbox, no Node, web security, no webview', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({ preload: '/p.js', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
  });

  it('denies navigation and new windows; opens only allowlisted links outside; hides on close', () => {
    const w = new AssistantWindow({ preload: '/out/preload/index.js', rendererHtml: '/out/renderer/index.html' }, () => 'T');
    w.show('findings', zoomInstalled.id);
    const win = fake.windows[0] as FakeWindow;
    expect(win.loaded).toBe('file:/out/renderer/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    // Never smaller than the 800x600 the layout is tested at.
    expect(win.options).toMatchObject({ minWidth: 800, minHeight: 600 });
    expect(win.webContents.sent).toEqual([{ channel: 'nav:open', payload: { page: 'findings', findingId: zoomInstalled.id } }]);
    let prevented = false;
    win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler!({ url: 'https://support.microsoft.com/x' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://support.microsoft.com/x']);
    expect(win.userClose()).toBe(true);
    expect(win.visible).toBe(false);
    w.allowClose();
    expect(win.userClose()).toBe(false);
  });

  it('sets the CSP header, refuses all permissions and every request that leaves the machine', () => {
    hardenSession(session.defaultSession as never, { html: '/app/out/renderer/index.html' });
    let headers: Record<string, string[]> = {};
    fake.session.headers!({ responseHeaders: { a: ['b'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe');
    const cancel = (url: string) => {
      let c = false;
      fake.session.before!({ url }, (r) => (c = r.cancel));
      return c;
    };
    expect(cancel('file:///app/out/renderer/index.html')).toBe(false);
    expect(cancel('file:///etc/passwd')).toBe(true);
    expect(cancel('https://example.com/x.js')).toBe(true);
    expect(cancel('http://localhost:5173/')).toBe(true);
    let granted = true;
    fake.session.permission!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('opens only https links of allowlisted hosts', () => {
    expect(isAllowedExternal('https://campha.quangninh.gov.vn/a')).toBe(true);
    expect(isAllowedExternal('https://www.quangninh.gov.vn/')).toBe(true);
    expect(isAllowedExternal('https://quangninh.gov.vn.evil.example/')).toBe(false);
    expect(isAllowedExternal('http://quangninh.gov.vn/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@quangninh.gov.vn/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
  });
});
