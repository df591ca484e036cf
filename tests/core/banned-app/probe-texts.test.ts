import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeKey } from '../../../src/core/checks/banned-app/banned-app-check';
import { linuxProbes } from '../../../src/core/checks/banned-app/linux/linux-probes';
import { macosProbes } from '../../../src/core/checks/banned-app/macos/macos-probes';
import { windowsProbes } from '../../../src/core/checks/banned-app/windows/windows-probes';

const at = (lang: string): Record<string, string> => JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'locales', lang, 'bannedApp.json'), 'utf8')).unknown.at;

describe('where each probe looks, in words', () => {
  const ids = [...new Set([...linuxProbes, ...macosProbes, ...windowsProbes].map((p) => p.id))];

  it.each(['vi', 'en'])('every registered probe has its sentence in %s (an unknown finding names the place, not a command)', (lang) => {
    const texts = at(lang);
    const missing = ids.filter((id) => !texts[probeKey(id)]);
    expect(missing).toEqual([]);
    for (const id of ids) expect(texts[probeKey(id)]).toContain('{{app}}');
  });

  it('has no sentence for a probe that no longer exists', () => {
    const known = new Set(ids.map(probeKey));
    expect(Object.keys(at('vi')).filter((k) => !known.has(k))).toEqual([]);
  });
});
