// Issue 12: wherever `fix` tells the person to contact IT, the agency's own contact follows, once, as `check` prints it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticingAskIt, renderPlans } from '../../src/cli/commands/fix';
import { createTranslator } from '../../src/core/i18n/translator';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { RemediationPlan } from '../../src/core/remediation/plan';
import { ASKS_IT_KEYS, contactLine } from '../../src/shared/agency-contact';
import type { Agency } from '../../src/shared/org-policy';

const AGENCY: Agency = { name: 'UBND phường Hồng Gai', itContact: { name: 'Nguyễn Văn An', phone: '0203 3825 123', email: 'cntt@honggai.gov.vn', room: 'Phòng 203, tầng 2' } };
const zoom = builtinPolicy().bannedApps.find((a) => a.id === 'zoom')!;

/** Every key of a locale file whose text matches `re`, as namespace:key. */
function keysSaying(lang: string, ns: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, p: string): void => {
    for (const [k, v] of Object.entries(o)) {
      const q = p ? `${p}.${k}` : k;
      if (typeof v === 'string') { if (re.test(v)) out.push(`${ns}:${q}`); } else if (v && typeof v === 'object') walk(v as Record<string, unknown>, q);
    }
  };
  walk(JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, `${ns}.json`), 'utf8')), '');
  return out.sort();
}

const manualOnly: RemediationPlan = {
  id: 'p1', findingId: 'f1', kind: 'manual', title: { key: 'fix:why.recheckFailed' }, steps: [], evidence: [],
  why: { key: 'fix:why.noUninstaller', params: { name: 'Zoom Workplace' } },
  manual: [{ key: 'fix:manual.windows.settings', params: { name: 'Zoom Workplace' } }, { key: 'fix:manual.askIt' }],
};
/** Manual steps that do not ask for IT. */
const selfOnly: RemediationPlan = { ...manualOnly, id: 'p2', manual: [{ key: 'fix:manual.windows.settings', params: { name: 'Zoom Workplace' } }] };

describe('fix: the texts that ask the person to contact IT', () => {
  it('are exactly the fix texts that name the IT staff (a new one must be added to ASKS_IT_KEYS)', () => {
    expect([...ASKS_IT_KEYS].sort()).toEqual(keysSaying('vi', 'fix', /cán bộ công nghệ thông tin|cán bộ phụ trách CNTT|bộ phận công nghệ thông tin/i));
    // The English texts of the same keys say it too, so the contact line fits both languages.
    for (const k of ASKS_IT_KEYS) expect(keysSaying('en', 'fix', /\bIT\b/)).toContain(k);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`${lang}: a manual step asking IT is noticed; manual steps that do not ask are not`, () => {
      const tr = createTranslator(lang);
      const asking = noticingAskIt(tr);
      const text = renderPlans([manualOnly], asking.t, zoom);
      expect(text).toContain(tr.t('fix:manual.askIt'));
      expect(asking.asked()).toBe(true);
      const quiet = noticingAskIt(tr);
      renderPlans([selfOnly], quiet.t, zoom);
      expect(quiet.asked()).toBe(false);
      // The wrapper renders exactly as the translator does.
      expect(text).toBe(renderPlans([manualOnly], tr, zoom));
      const line = contactLine(AGENCY, (m) => tr.message(m));
      expect(line).toContain('0203 3825 123');
      expect(line).toContain('UBND phường Hồng Gai');
    });
  }
});
