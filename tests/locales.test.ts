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

const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].sort();

describe('locales', () => {
  const files = readdirSync(join(root, 'vi')).filter((f) => f.endsWith('.json'));

  it('vi and en have the same files', () => {
    expect(readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json')).sort()).toEqual(files.sort());
  });

  it.each(files)('%s: same keys, no empty values, same placeholders', (file) => {
    const vi = flatten(JSON.parse(readFileSync(join(root, 'vi', file), 'utf8')));
    const en = flatten(JSON.parse(readFileSync(join(root, 'en', file), 'utf8')));
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [k, v] of vi) {
      expect(typeof v === 'string' && v.trim().length > 0, `vi ${file}:${k} is empty`).toBe(true);
      expect(typeof en.get(k) === 'string' && String(en.get(k)).trim().length > 0, `en ${file}:${k} is empty`).toBe(true);
      expect(placeholders(String(v)), `${file}:${k} placeholders`).toEqual(placeholders(String(en.get(k))));
    }
  });

  it('Vietnamese text carries diacritics (no text lost them, as in the OCR scan)', () => {
    const all = files.flatMap((f) => [...flatten(JSON.parse(readFileSync(join(root, 'vi', f), 'utf8'))).values()].map(String));
    const words = all.join(' ');
    // Words that only ever appear with diacritics in correct Vietnamese.
    for (const bare of [/\bKhong\b/, /\bkiem tra\b/i, /\bphan mem\b/i, /\bmay tinh\b/i, /\bCong van\b/]) expect(words).not.toMatch(bare);
    expect(words).toMatch(/Công văn số 1981\/UBND-VHTT/);
  });
});
