/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// @vitest-environment jsdom
// The Group Policy template (deploy/windows/admx) is well-formed XML, declares exactly the registry values the
// app reads (names and types), offers exactly the choices the policy schema accepts, and both languages'
// .adml files define every string and presentation it refers to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgSettingsSchema } from '../../../src/core/policy/org-policy-schema';
import { POLICY_REGISTRY_VALUES } from '../../../src/core/policy/org-policy-registry';
import { POLICY_REGISTRY_KEY } from '../../../src/core/policy/policy-locations';
import { CHECK_INTERVALS_HOURS, UI_LANGUAGES } from '../../../src/shared/settings';

const DIR = join(__dirname, '..', '..', '..', 'deploy', 'windows', 'admx');
const NS = 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions';
const LANGS = ['vi-VN', 'en-US'] as const;

function parse(file: string): Document {
  const doc = new DOMParser().parseFromString(readFileSync(join(DIR, file), 'utf8'), 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${file}: ${error.textContent}`);
  return doc;
}
const all = (n: Document | Element, tag: string): Element[] => [...n.getElementsByTagNameNS(NS, tag)];
const kids = (n: Element, tag: string): Element[] => [...n.children].filter((c) => c.localName === tag);

const admx = parse('attt-selfcheck.admx');
const policies = all(admx, 'policy');

/** Every registry value the template writes: its name, its type, and the policy element. */
function declaredValues(): { name: string; type: 'REG_SZ' | 'REG_DWORD'; element: Element; key: string }[] {
  const out: { name: string; type: 'REG_SZ' | 'REG_DWORD'; element: Element; key: string }[] = [];
  for (const p of policies) {
    const key = p.getAttribute('key')!;
    const own = p.getAttribute('valueName');
    if (own) out.push({ name: own, type: all(p, 'enabledValue')[0]?.firstElementChild?.localName === 'decimal' ? 'REG_DWORD' : 'REG_SZ', element: p, key });
    for (const els of kids(p, 'elements')) {
      for (const e of [...els.children]) {
        const isText = e.localName === 'text' || (e.localName === 'enum' && all(e, 'string').length > 0);
        out.push({ name: e.getAttribute('valueName')!, type: isText ? 'REG_SZ' : 'REG_DWORD', element: e, key: e.getAttribute('key') ?? key });
      }
    }
  }
  return out;
}

/** The settings document one registry value makes (as the reader builds it). */
function settingsWith(name: string, value: unknown): unknown {
  const s = POLICY_REGISTRY_VALUES.find((v) => v.name === name)!;
  const doc: Record<string, unknown> = {};
  let at = doc;
  for (const p of s.path.slice(0, -1)) at = (at[p] = {}) as Record<string, unknown>;
  at[s.path[s.path.length - 1]!] = value;
  return doc;
}

describe('the ADMX template', () => {
  it('declares exactly the values the app reads, with their types, all under its key', () => {
    const declared = declaredValues();
    expect(declared.map((d) => `${d.name} ${d.type}`).sort()).toEqual(POLICY_REGISTRY_VALUES.map((v) => `${v.name} ${v.type}`).sort());
    for (const d of declared) expect(`HKLM\\${d.key}`).toBe(POLICY_REGISTRY_KEY);
    for (const p of policies) expect(p.getAttribute('class')).toBe('Machine');
  });

  it('offers the intervals and languages the app accepts, and number bounds the policy schema keeps', () => {
    const fullCheck = declaredValues().find((d) => d.name === 'FullCheckHours')!.element;
    expect(all(fullCheck, 'decimal').map((d) => Number(d.getAttribute('value')))).toEqual([...CHECK_INTERVALS_HOURS]);
    const language = declaredValues().find((d) => d.name === 'DefaultLanguage')!.element;
    expect(all(language, 'string').map((s) => s.textContent)).toEqual([...UI_LANGUAGES]);
    for (const d of declaredValues().filter((v) => v.element.localName === 'decimal')) {
      const min = Number(d.element.getAttribute('minValue'));
      const max = Number(d.element.getAttribute('maxValue'));
      expect(orgSettingsSchema().safeParse(settingsWith(d.name, min)).success, `${d.name} ${min}`).toBe(true);
      expect(orgSettingsSchema().safeParse(settingsWith(d.name, max)).success, `${d.name} ${max}`).toBe(true);
      expect(orgSettingsSchema().safeParse(settingsWith(d.name, min - 1)).success, `${d.name} ${min - 1}`).toBe(false);
      expect(orgSettingsSchema().safeParse(settingsWith(d.name, max + 1)).success, `${d.name} ${max + 1}`).toBe(false);
    }
  });

  it.each(LANGS)('%s: the .adml defines every string and presentation the .admx uses, each control bound to an element', (lang) => {
    const adml = parse(`${lang}/attt-selfcheck.adml`);
    const strings = new Set(all(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Map(all(adml, 'presentation').map((p) => [p.getAttribute('id'), p]));
    const text = readFileSync(join(DIR, 'attt-selfcheck.admx'), 'utf8');
    for (const m of text.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)) expect(strings.has(m[1]!), `${lang}: string ${m[1]}`).toBe(true);
    for (const p of policies) {
      const ids = kids(p, 'elements').flatMap((e) => [...e.children].map((c) => c.getAttribute('id')));
      const ref = /^\$\(presentation\.(.+)\)$/.exec(p.getAttribute('presentation') ?? '')?.[1];
      if (ids.length === 0) {
        expect(ref).toBeUndefined();
        continue;
      }
      const pres = presentations.get(ref ?? '');
      expect(pres, `${lang}: presentation ${ref}`).toBeDefined();
      expect([...pres!.children].map((c) => c.getAttribute('refId')).sort()).toEqual([...ids].sort());
    }
  });

  it('both languages define the same strings', () => {
    const ids = (lang: string): string[] => all(parse(`${lang}/attt-selfcheck.adml`), 'string').map((s) => s.getAttribute('id')!).sort();
    expect(ids('vi-VN')).toEqual(ids('en-US'));
  });
});
