/**
 * Proves the regular-expression lint fires where eslint.config.mjs says: patterns that can stall on hostile input
 * in src, correctness everywhere; and that the policy's patterns (built at run time, unseen by the linter) pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it lived at `file` (relative to the repo), returning "rule: message" lines. */
async function lint(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const rules = (lines: readonly string[]): string[] => [...new Set(lines.map((l) => l.split(':')[0]!))].sort();

describe('ESLint: regular expressions that cannot stall', () => {
  it('src: a quadratic search (a trailing run stripped by a pattern) is refused', async () => {
    for (const f of ['src/core/zz-probe.ts', 'src/cli/zz-probe.ts', 'src/main/zz-probe.ts']) {
      expect(await lint(f, "export const a = (s: string): string => s.replace(/[\\\\/]+$/, '');\n"), f).toEqual([expect.stringMatching(/^regexp\/no-super-linear-move: Any attack string .* quadratic runtime/)]);
    }
  });

  it('src: polynomial and exponential backtracking are refused', async () => {
    expect(rules(await lint('src/core/zz-probe.ts', 'export const a = (s: string) => /^\\s*\\*\\s*Label:\\s*(.+)$/.exec(s);\n'))).toEqual(['regexp/no-super-linear-backtracking']);
    expect(await lint('src/core/zz-probe.ts', 'export const a = (s: string) => /^(a+)+$/.test(s);\n')).toContainEqual(expect.stringMatching(/^regexp\/no-super-linear-backtracking: .*exponential backtracking/));
  });

  it('src: a linear rewrite passes', async () => {
    expect(await lint('src/core/zz-probe.ts', "export const a = (s: string) => /^\\s*\\*\\s*Label:(.+)$/.exec(s)?.[1]?.trim();\nexport const b = (s: string) => s.split(/\\r?\\n/);\n")).toEqual([]);
  });

  it('everywhere: correctness rules (a misleading capturing group, an empty class)', async () => {
    for (const f of ['src/core/zz-probe.ts', 'tests/zz-probe.test.ts', 'scripts/zz-probe.mjs']) {
      expect(rules(await lint(f, 'export const a = (s) => /^(\\d*)\\d+/.exec(s);\n')), f).toEqual(['regexp/no-misleading-capturing-group']);
      expect(rules(await lint(f, 'export const a = (s) => /a[]b/.test(s);\n')), f).toContain('regexp/no-empty-character-class');
    }
  });

  it('tests and scripts read only our own data: the two stall rules are off there', async () => {
    expect(await lint('tests/zz-probe.test.ts', "export const a = (s: string) => s.replace(/\\/+$/, '') + /^\\s*(.+?)\\s*$/.exec(s);\n")).toEqual([]);
  });

  it("the policy's patterns, built at run time, pass the same rules (and a bad one would not)", async () => {
    const policy = JSON.parse(readFileSync(join(root, 'policies', 'cv-1981-ubnd-vhtt.json'), 'utf8')) as unknown;
    const patterns: string[] = [];
    const walk = (v: unknown, key: string): void => {
      if (typeof v === 'string' && /Patterns$/.test(key)) patterns.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(policy, '');
    expect(patterns.length).toBeGreaterThan(10);
    const code = (ps: readonly string[]): string => `export const hits = (s: string): boolean[] => [\n${ps.map((p) => `  new RegExp(${JSON.stringify(p)}, 'i').test(s),\n`).join('')}];\n`;
    expect(await lint('src/core/zz-probe.ts', code(patterns))).toEqual([]);
    expect(rules(await lint('src/core/zz-probe.ts', code([...patterns, '^Zoom\\s*(.+?)\\s*$'])))).toEqual(['regexp/no-super-linear-backtracking']);
  });
});
