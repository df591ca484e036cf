import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', 'locales');

function flatten(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** A key without its i18next plural suffix: Vietnamese has one form (`_other`), English two (`_one`, `_other`). */
const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].sort();

describe('locales', () => {
  const files = readdirSync(join(root, 'vi')).filter((f) => f.endsWith('.json'));

  it('vi and en have the same files', () => {
    expect(readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
  });

  it.each(files)('%s: same keys, no empty values, same placeholders', (file) => {
    const vi = flatten(JSON.parse(readFileSync(join(root, 'vi', file), 'utf8')));
    const en = flatten(JSON.parse(readFileSync(join(root, 'en', file), 'utf8')));
    expect([...new Set([...vi.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
    const enByBase = new Map([...en].map(([k, v]) => [base(k), v]));
    for (const [k, v] of [...vi, ...en]) expect(typeof v === 'string' && v.trim().length > 0, `${file}:${k} is empty`).toBe(true);
    for (const [k, v] of vi) expect(placeholders(String(v)), `${file}:${k} placeholders`).toEqual(placeholders(String(enByBase.get(base(k)))));
  });

  it('Vietnamese text carries diacritics (no text lost them, as in the OCR scan)', () => {
    const all = files.flatMap((f) => [...flatten(JSON.parse(readFileSync(join(root, 'vi', f), 'utf8'))).values()].map(String));
    const words = all.join(' ');
    // Words that only ever appear with diacritics in correct Vietnamese.
    for (const bare of [/\bKhong\b/, /\bkiem tra\b/i, /\bphan mem\b/i, /\bmay tinh\b/i, /\bCong van\b/]) expect(words).not.toMatch(bare);
    expect(words).toMatch(/Công văn số 1981\/UBND-VHTT/);
  });
});
