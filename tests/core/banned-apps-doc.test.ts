// docs/banned-apps.md describes the banned-app entry field by field, so IT can write one: every field of the
// schema is in its tables, and the page names no field the schema does not have.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { policySchema } from '../../src/core/policy/policy-schema';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'banned-apps.md'), 'utf8');

/** The fields of a zod object, one level of optional/default unwrapped. */
function shapeOf(t: z.ZodType): Record<string, z.ZodType> | null {
  let inner: unknown = t;
  for (let i = 0; i < 3; i++) {
    const def = (inner as { def?: { innerType?: unknown } }).def;
    if (def?.innerType) inner = def.innerType;
  }
  const shape = (inner as { shape?: Record<string, z.ZodType> }).shape;
  return shape ?? null;
}

describe('docs/banned-apps.md', () => {
  it('names every field of a banned-app entry, with its section', () => {
    const entry = (policySchema().shape.bannedApps as unknown as { element: z.ZodType }).element;
    const fields = shapeOf(entry)!;
    const missing: string[] = [];
    for (const [name, t] of Object.entries(fields)) {
      const sub = ['linux', 'windows', 'macos', 'installers', 'browserExtensions'].includes(name) ? shapeOf(t) : null;
      if (!sub) {
        if (!DOC.includes(`\`${name}\``)) missing.push(name);
        continue;
      }
      for (const k of Object.keys(sub)) {
        // Section tables name the field alone; the shared table names installers.* and browserExtensions.* in full.
        const full = `${name}.${k}`;
        if (!DOC.includes(`\`${k}\``) && !DOC.includes(`\`${full}\``) && !DOC.includes(`${full}\``)) missing.push(full);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(fields).length).toBeGreaterThan(8);
  });
});
