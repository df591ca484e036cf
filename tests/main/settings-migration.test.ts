/**
 * settings.json written by older versions (tests/fixtures/settings/, the exact bytes they wrote): an old default
 * of start at login (off) becomes today's (on), with the first start's notice once; a choice the person made is
 * kept; a corrupt or unknown file is moved aside whole, said in words, and the defaults are used.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { mainTranslator } from '../../src/main/i18n';
import { AppController } from '../../src/main/app-controller';
import { upgradeSettings } from '../../src/main/settings-file';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { refusingFixService } from '../helpers/refusing-fix-service';
import { reportWith } from '../shared/sample-report';

const FIXTURES = join(__dirname, '..', 'fixtures', 'settings');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attt-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const controller = (now = 1_000) => new AppController({ dataDir: dir, now: () => now, runChecks: async () => reportWith([]), fixer: refusingFixService });
const install = (settings: string, appState?: string): void => {
  copyFileSync(join(FIXTURES, settings), join(dir, 'settings.json'));
  if (appState) copyFileSync(join(FIXTURES, appState), join(dir, 'app-state.json'));
};
const onDisk = (): unknown => JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));

describe('settings.json of older versions', () => {
  it('the first version’s default (off) becomes on, the person’s English stays, the notice is said once, and a restart keeps it on', () => {
    install('v1-default-off-english.json');
    const c = controller();
    expect(c.settings()).toEqual({ language: 'en', intervalHours: 4, startAtLogin: true, notifications: true });
    expect(c.problemMessages()).toEqual([]);
    // Rewritten at once in today's layout: the next start does not guess again.
    expect(onDisk()).toEqual({ version: 2, language: 'en', intervalHours: 4, startAtLogin: true, notifications: true, chosen: ['language'] });
    expect(c.loginNoticeDue()).toBe(true);
    c.loginNoticeShown();
    // After the notice, an upgraded file must not read as "the person turned it off" (the rule for version 1 files).
    const again = controller(2_000);
    expect(again.settings().startAtLogin).toBe(true);
    expect(again.loginNoticeDue()).toBe(false);
  });

  it('an off chosen in a version that started at login by default (its notice shown) is kept, and no notice again', () => {
    install('v1-turned-off.json', 'v1-turned-off.app-state.json');
    const c = controller();
    expect(c.settings().startAtLogin).toBe(false);
    expect(c.loginNoticeDue()).toBe(false);
    expect(onDisk()).toMatchObject({ version: 2, startAtLogin: false, chosen: ['startAtLogin'] });
    expect(controller().settings().startAtLogin).toBe(false);
  });

  it('an off recorded as chosen (version 2) is kept; the file is left as it is', () => {
    install('v2-chosen-off.json');
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    const c = controller();
    expect(c.settings()).toEqual({ language: 'vi', intervalHours: 8, startAtLogin: false, notifications: true });
    expect(c.loginNoticeDue()).toBe(false);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('turning start at login off (the notice’s «Tắt» or the settings page) is recorded as the person’s choice', () => {
    const c = controller();
    c.setSettings({ startAtLogin: false });
    c.setSettings({ language: 'en' });
    expect(onDisk()).toEqual({ version: 2, language: 'en', intervalHours: 4, startAtLogin: false, notifications: true, chosen: ['startAtLogin', 'language'] });
    expect(controller().settings().startAtLogin).toBe(false);
  });

  it.each([
    ['v1-cut-short.json', /^not JSON: /],
    ['v3-newer.json', /^unexpected content: /],
  ])('%s: moved aside byte for byte, said in words with the system’s text on its own line, and today’s defaults used', (name, reason) => {
    install(name);
    const bytes = readFileSync(join(FIXTURES, name));
    const c = controller();
    expect(c.settings()).toEqual(DEFAULT_SETTINGS);
    expect(c.loginNoticeDue()).toBe(true);
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!))).toEqual(bytes);
    const [problem, ...more] = c.problemMessages();
    expect(more).toEqual([]);
    expect(problem).toEqual({ key: 'ui:problem.movedAside', params: { file: join(dir, 'settings.json'), movedTo: join(dir, aside[0]!), detail: expect.stringMatching(reason) } });
    for (const lang of ['vi', 'en'] as const) {
      const [sentence, technical, ...rest] = mainTranslator(lang).message(problem!).split('\n');
      expect(rest).toEqual([]);
      expect(sentence).toContain(join(dir, aside[0]!));
      expect(sentence).not.toMatch(/JSON|unexpected/);
      expect(technical).toMatch(lang === 'vi' ? /^Thông tin kỹ thuật: / : /^Technical details: /);
    }
    // Nothing written over it until the person changes a setting; then a plain file in today's layout.
    c.setSettings({ intervalHours: 8 });
    expect(onDisk()).toMatchObject({ version: 2, intervalHours: 8, startAtLogin: true, chosen: ['intervalHours'] });
    expect(readFileSync(join(dir, aside[0]!))).toEqual(bytes);
  });

  it('the rule for a version 1 file, value by value', () => {
    const shown = { loginNoticeShown: true };
    const never = { loginNoticeShown: false };
    expect(upgradeSettings({}, never).stored).toMatchObject({ startAtLogin: true, chosen: [] });
    expect(upgradeSettings({ startAtLogin: true }, never).stored).toMatchObject({ startAtLogin: true, chosen: ['startAtLogin'] });
    expect(upgradeSettings({ startAtLogin: false }, never).stored).toMatchObject({ startAtLogin: true, chosen: [] });
    expect(upgradeSettings({ startAtLogin: false }, shown).stored).toMatchObject({ startAtLogin: false, chosen: ['startAtLogin'] });
    expect(upgradeSettings({ startAtLogin: true, notifications: false, intervalHours: 4 }, shown).stored).toMatchObject({ startAtLogin: true, notifications: false, chosen: ['notifications'] });
  });
});
