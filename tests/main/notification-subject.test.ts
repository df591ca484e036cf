/** Short notifications: the product and version from the evidence, the point of the advisory once, never a path. */
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { fake } from '../helpers/fake-electron';
import { mainTranslator } from '../../src/main/i18n';
import { decide, EMPTY_NOTIFY_STATE, notificationContent } from '../../src/main/notifications';
import { notificationSubject, SUBJECT_MAX } from '../../src/main/notification-subject';
import { Notifier } from '../../src/main/notifier';
import type { Finding } from '../../src/shared/finding';
import { zoomRunning } from '../shared/sample-report';

/** Zoom Workplace per user on Windows, as the registry probe reports it: the title's source is the Uninstall key. */
const workplace: Finding = {
  id: 'banned-app:5555666677778888',
  check: 'banned-app',
  status: 'violation',
  severity: 'high',
  advisoryPoint: 1,
  title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', source: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX' } },
  evidence: [
    { kind: 'file', path: 'C:\\Users\\nguyenvana\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', detail: 'Zoom.exe', data: { profile: 'nguyenvana', scope: 'user' } },
    {
      kind: 'registry',
      path: 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX',
      version: '6.1.11 (47208)',
      detail: 'Zoom Workplace (per user)',
      data: { hive: 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001', keyName: 'ZoomUMX', displayName: 'Zoom Workplace', displayVersion: '6.1.11 (47208)', scope: 'user' },
    },
  ],
};
const dpkgZoom: Finding = { ...workplace, id: 'banned-app:1', title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', source: 'dpkg' } }, evidence: [{ kind: 'package', path: '/opt/zoom', version: '6.4.1.587', detail: 'dpkg: zoom (amd64)', data: { manager: 'dpkg', name: 'zoom', version: '6.4.1.587' } }] };
const linuxEol: Finding = {
  id: 'os-patch:1',
  check: 'os-patch',
  status: 'violation',
  severity: 'high',
  advisoryPoint: 2,
  title: { key: 'patch:linux.eol.title', params: { name: 'Ubuntu 20.04.6 LTS' } },
  evidence: [{ kind: 'os', path: '/etc/os-release', detail: 'Ubuntu 20.04.6 LTS', version: '20.04', data: { id: 'ubuntu', versionId: '20.04' } }],
};
const windowsOs: Finding = { ...linuxEol, status: 'warning', evidence: [{ kind: 'os', path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', detail: 'Windows 10 Pro 22H2 (build 19045.4046)', version: '19045.4046', data: { product: 'Windows 10', productName: 'Windows 10 Pro', displayVersion: '22H2', build: '19045' } }] };

describe('the product a notification names', () => {
  it('is the install’s own name and version (Uninstall DisplayName), not the key or the profile path', () => {
    expect(notificationSubject(workplace)).toBe('Zoom Workplace 6.1.11 (47208)');
    expect(notificationSubject(dpkgZoom)).toBe('Zoom 6.4.1.587');
    expect(notificationSubject(zoomRunning)).toBe('Zoom');
  });

  it('for the OS: its product name and version', () => {
    expect(notificationSubject(linuxEol)).toBe('Ubuntu 20.04.6 LTS');
    expect(notificationSubject(windowsOs)).toBe('Windows 10 Pro 22H2');
  });

  it('a hostile DisplayName cannot break lines, reverse text or fill the screen', () => {
    const ev = workplace.evidence[1]!;
    const hostile = { ...workplace, evidence: [{ ...ev, version: undefined, data: { ...ev.data, displayName: 'Zoom\u202e\n\u0007Workplace' + ' x'.repeat(80), displayVersion: '6.1\r\n' } }] } as Finding;
    const s = notificationSubject(hostile)!;
    expect(s).toMatch(/^Zoom Workplace x x/);
    expect([...s].filter((c) => c.charCodeAt(0) < 0x20 || c === '\u202e')).toEqual([]);
    expect(s.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(s.endsWith('…')).toBe(true);
  });

  it('is null when the evidence names nothing (the finding’s title is shown instead)', () => {
    const bare: Finding = { ...linuxEol, title: { key: 'patch:updates.title' }, evidence: [{ kind: 'update', detail: 'apt', data: { tool: 'apt', count: '3' } }] };
    expect(notificationSubject(bare)).toBeNull();
    expect(notificationContent(decide([bare], EMPTY_NOTIFY_STATE, 0, true), '1981/UBND-VHTT')).toMatchObject({ title: { key: 'ui:notify.violationTitle' }, body: bare.title });
  });
});

describe('the notification as shown', () => {
  for (const [lang, title, body] of [
    ['vi', 'Zoom Workplace 6.1.11 (47208): vi phạm điểm 1 Công văn số 1981/UBND-VHTT', 'Bấm để xem cách xử lý. Còn 1 vấn đề khác.'],
    ['en', 'Zoom Workplace 6.1.11 (47208): breaks point 1 of letter No. 1981/UBND-VHTT', 'Click to see what to do. 1 more problem.'],
  ] as const) {
    it(`${lang}: product, version and the point once; no path, no SID, no user folder`, () => {
      fake.reset();
      const content = notificationContent(decide([windowsOs, workplace], EMPTY_NOTIFY_STATE, 0, true), '1981/UBND-VHTT')!;
      new Notifier(() => undefined, 'win32').show(content, mainTranslator(lang));
      const n = fake.notifications[0]!;
      expect([n.options.title, n.options.body]).toEqual([title, body]);
      const text = `${n.options.title}\n${n.options.body}`;
      expect(text.match(/1981\/UBND-VHTT/g)).toHaveLength(1);
      expect(text).not.toMatch(/HKU|HKCU|S-1-5|\\\\|AppData|nguyenvana/);
    });
  }
});
