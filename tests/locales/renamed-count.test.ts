// Reports saved in the history before English counts took plural forms carry the number under its old name
// (days, seconds): they still read as sentences, in the CLI's and the tray's translators and in the window's.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/core/i18n/translator';
import { mainTranslator } from '../../src/main/i18n';

const older = { key: 'patch:behind.title', params: { os: 'Windows 11 Pro 23H2', installed: '22631.4890', latest: '22631.7376', latestDate: '14/07/2026', days: 45 } };
const killed = { key: 'common:reason.checkKilled', params: { check: 'banned-app', seconds: 1 } };

describe('a message saved before its number was renamed count', () => {
  it('renders with its number and the plural form in English, and in Vietnamese', () => {
    for (const t of [createTranslator('en'), mainTranslator('en')]) {
      expect(t.message(older)).toBe('Windows 11 Pro 23H2 is missing the latest update: it is at 22631.4890, the latest known is 22631.7376 (14/07/2026); 45 days behind');
      expect(t.message(killed)).toBe('The check «banned applications (point 1)» had not finished after 1 second and was ended; its result is not known.');
    }
    expect(createTranslator('vi').message(older)).toContain('45');
    expect(createTranslator('vi').message(killed)).toContain('sau 1 giây');
  });
});
