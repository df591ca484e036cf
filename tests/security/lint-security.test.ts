/**
 * npm run lint:security (scripts/lint-security.mjs): Electronegativity over real code. It must fail on a window
 * that gives its page Node (a fixture), naming the check and the line, and pass on src/ only because every
 * finding there is justified in electronegativity.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'lint-security.mjs');
const lint = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

// Each run parses the code and waits for its offline fetches to fail (translations, Electron's release list).
describe('lint:security', { timeout: 180_000 }, () => {
  it('fails on a window with nodeIntegration: true and says which check and line', () => {
    const r = lint('--input', join(root, 'tests', 'fixtures', 'electronegativity', 'node-integration'));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/NODE_INTEGRATION_JS_CHECK tests\/fixtures\/electronegativity\/node-integration\/main\.js:4/);
    expect(r.stdout).toMatch(/CONTEXT_ISOLATION_JS_CHECK/);
  });

  it('passes on src/ with the checked-in justifications, and fails once one of them is taken away', () => {
    const ok = lint();
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/over src: [1-9]\d* finding\(s\), \d+ justified/);
    const config = JSON.parse(readFileSync(join(root, 'electronegativity.json'), 'utf8')) as { justified: { check: string }[] };
    const fewer = { ...config, justified: config.justified.filter((j) => j.check !== 'SANDBOX_JS_CHECK') };
    const file = join(mkdtempSync(join(tmpdir(), 'attt-lint-security-')), 'fewer.json');
    writeFileSync(file, JSON.stringify(fewer));
    const r = lint('--config', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/SANDBOX_JS_CHECK src\/main\/windows\.ts:\d+/);
  });
});
