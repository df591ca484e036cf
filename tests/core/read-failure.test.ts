/** readFailure: a failed read in words; a thing that is not there needs no system text under the sentence. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFailure } from '../../src/core/checks/reasons';
import { isHostError } from '../../src/core/host/host';
import { RealHost } from '../../src/core/host/real-host';
import { createTranslator } from '../../src/core/i18n/translator';

describe('readFailure', () => {
  it('a folder that does not exist is said plainly, with no ENOENT line, in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attt-notfound-'));
    try {
      const gone = join(dir, 'Tải về');
      const e = await new RealHost().list(gone).then(() => null, (x: unknown) => x);
      expect(isHostError(e) && e.code).toBe('not-found');
      const m = readFailure(e as Error, gone);
      expect(m).toEqual({ key: 'common:reason.notFound', params: { path: gone } });
      expect(createTranslator('vi').message(m)).toBe(`Không có «${gone}» trên máy tính này.`);
      expect(createTranslator('en').message(m)).not.toMatch(/ENOENT|\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
