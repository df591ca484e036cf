// A form's own title (a menu entry, a shortcut, a handler, a tarball, a copy of a bundle…) found in another
// person's home or profile is said with its `…OfUser` twin (src/core/checks/banned-app/banned-app-check.ts):
// every form title has one, in both languages, naming the account and keeping the title's other parameters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** Every string under `form`, by its dotted key below it. */
function formTitles(lang: string): Map<string, string> {
  const form = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', lang, 'bannedApp.json'), 'utf8')) as { form: Record<string, unknown> }).form;
  const out = new Map<string, string>();
  const walk = (node: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') out.set(`${prefix}${k}`, v);
      else walk(v as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  walk(form, '');
  return out;
}

describe.each(['vi', 'en'])('form titles in %s', (lang) => {
  const titles = formTitles(lang);
  const plain = [...titles.keys()].filter((k) => !k.endsWith('OfUser'));

  it('each has an OfUser twin that names the account and keeps its other parameters', () => {
    expect(plain.length).toBeGreaterThan(10);
    for (const key of plain) {
      const twin = titles.get(`${key}OfUser`);
      expect(twin, `${key}OfUser`).toBeDefined();
      expect(placeholders(twin!), key).toEqual([...placeholders(titles.get(key)!), 'user'].sort());
    }
    // And no twin without its title.
    for (const key of titles.keys()) if (key.endsWith('OfUser')) expect(plain, key).toContain(key.slice(0, -'OfUser'.length));
  });
});
