// Everything app-specific lives in the policy's banned-app entry (policies/*.json), never in code: no file under
// src/ names a banned app of the built-in policy — not its id or name, nor any distinctive word of its entry (a
// package, a process, a bundle id, a URL scheme, a port, a clean-up tool), in code or in comments. Texts for people
// live in locales/ and name the app through {{app}} where they can.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPolicy } from '../../src/core/policy/policy';
import type { BannedApp } from '../../src/core/policy/policy-schema';

const SRC = join(__dirname, '..', '..', 'src');
/** Files allowed to name a banned app: none today. Keep this list empty; a name belongs in the policy. */
const ALLOWED: readonly string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx|css|html)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The words that would only be in code that knows this app: its id and name, and the words of its entry's values. */
function namesOf(app: BannedApp): RegExp {
  const words = new Set<string>([app.id, app.name]);
  // The app's own word in its values (`us.zoom.xos` → zoom), plus its port numbers and scheme names.
  for (const s of app.urlSchemes) words.add(s);
  for (const p of app.macos.localPorts) words.add(String(p));
  if (app.windows.cleanupTool) words.add(app.windows.cleanupTool.name);
  const escaped = [...words].filter((w) => w.length >= 3).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'i');
}

describe('no banned app is named in code', () => {
  it.each(builtinPolicy().bannedApps.map((a) => [a.id, a] as const))('src/ names nothing of %s outside the policy', (_id, app) => {
    const re = namesOf(app);
    const hits: string[] = [];
    for (const file of files(SRC)) {
      const rel = relative(join(SRC, '..'), file);
      if (ALLOWED.includes(rel)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (re.test(line)) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('the guard itself finds a name: the built-in policy file names its app', () => {
    const zoomLike = namesOf(builtinPolicy().bannedApps[0]!);
    expect(zoomLike.test(readFileSync(join(__dirname, '..', '..', 'policies', 'cv-1981-ubnd-vhtt.json'), 'utf8'))).toBe(true);
    expect(zoomLike.test('const LABEL = /^us\\.ZOOM\\./;')).toBe(true);
    expect(zoomLike.test('const LABEL = /^com\\.example\\./;')).toBe(false);
  });
});
