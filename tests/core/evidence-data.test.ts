// One word, one concept: the documented keys of Evidence.data are those of EVIDENCE_DATA_KEYS, and no other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DATA_KEYS } from '../../src/shared/evidence-data';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'evidence.md'), 'utf8');

/** The backquoted key names in the `data` keys column of the evidence table (a `key`=`value` names the key). */
function documentedKeys(): string[] {
  const keys = new Set<string>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | what | kind | install | data keys | remediation |
    if (cells.length < 7 || !cells[2]?.startsWith('`') || cells[1] === 'what') continue;
    // Values are in parentheses (`hive` (`HKLM`/`HKCU`)) or after `=` (`scope`=`user`): keys are the rest.
    let cell = cells[4]!;
    while (/\([^()]*\)/.test(cell)) cell = cell.replace(/\([^()]*\)/g, '');
    for (const m of cell.replace(/=`[^`]*`/g, '').matchAll(/`([A-Za-z]+)`/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

describe('Evidence.data keys', () => {
  it('docs/evidence.md names only keys of EVIDENCE_DATA_KEYS, and finds the table', () => {
    const keys = documentedKeys();
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !(k in EVIDENCE_DATA_KEYS))).toEqual([]);
  });

  it('owner is no key: the owning package and the user whose home it is have a name each', () => {
    expect('owner' in EVIDENCE_DATA_KEYS).toBe(false);
    expect(Object.keys(EVIDENCE_DATA_KEYS)).toEqual(expect.arrayContaining(['package', 'manager', 'user', 'home']));
    for (const [key, what] of Object.entries(EVIDENCE_DATA_KEYS)) expect(what.length, key).toBeGreaterThan(5);
  });
});
