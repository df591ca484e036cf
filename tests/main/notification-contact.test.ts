// Issue 12: a native notification carries the IT contact only where it asks the person to contact IT. None does
// today (each says what was found and «Bấm để xem cách xử lý»; the window then shows the contact): this test keeps
// it so, and fails the day a notification text starts asking for IT without the contact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n/translator';
import { decide, EMPTY_NOTIFY_STATE, notificationContent } from '../../src/main/notifications';
import type { Finding } from '../../src/shared/finding';
import { dpkgUnknown, zoomInstalled, zoomLeftover, zoomRunning } from '../shared/sample-report';

const ASKS_IT = { vi: /cán bộ công nghệ thông tin|liên hệ cán bộ/i, en: /IT staff|IT officer/i } as const;
const T0 = Date.UTC(2026, 4, 20, 3, 0, 0);

describe('native notifications and the IT contact', () => {
  it('no notification text (ui:notify.*) asks the person to contact IT', () => {
    for (const lang of ['vi', 'en'] as const) {
      const notify = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, 'ui.json'), 'utf8')) as { notify: Record<string, string> }).notify;
      expect(Object.keys(notify).length).toBeGreaterThan(5);
      for (const [k, text] of Object.entries(notify)) expect({ k, text }).toEqual({ k, text: expect.not.stringMatching(ASKS_IT[lang]) });
    }
  });

  it('the notification of each kind of finding, rendered, does not ask for IT (so it stays one short line, no contact)', () => {
    const findings: Finding[] = [zoomInstalled, zoomRunning, zoomLeftover, { ...zoomLeftover, id: 'w', status: 'warning' }, { ...dpkgUnknown, status: 'violation' }];
    for (const lang of ['vi', 'en'] as const) {
      const tr = createTranslator(lang);
      for (const f of findings) {
        const content = notificationContent(decide([f], EMPTY_NOTIFY_STATE, T0, true), '1981/UBND-VHTT');
        expect(content).not.toBeNull();
        const text = `${tr.message(content!.title)}\n${tr.message(content!.body)}`;
        expect(text).not.toMatch(ASKS_IT[lang]);
      }
    }
  });
});
