#!/usr/bin/env node
// `npm test`: every test. Typecheck, lint and build are steps that count as tests; then vitest
// (unit, Linux-for-real, UI), then the Windows rig under wine where wine is installed, then the
// built app on the Electron shim where Chromium is installed.
// Ends with one line "N passed, N failed" (and ", N skipped").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, argv) {
  process.stdout.write(`\n=== ${name}: ${argv.join(' ')}\n`);
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: process.env });
  if (r.status === 0) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return r.status === 0;
}

function vitest(name, extraArgs) {
  const dir = mkdtempSync(join(tmpdir(), 'attt-vitest-'));
  const out = join(dir, 'results.json');
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(npx, ['vitest', 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { stdio: 'inherit', env: process.env });
  if (!existsSync(out)) {
    failed++;
    failures.push(`${name} (no results: exit ${r.status})`);
    return;
  }
  const results = JSON.parse(readFileSync(out, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A file that fails to load counts as a failure even when no test in it ran.
  const broken = results.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'));
  failed += broken.length;
  for (const f of results.testResults) for (const a of f.assertionResults) if (a.status === 'failed') failures.push(`${name}: ${a.fullName}`);
  for (const f of broken) failures.push(`${name}: ${f.name} did not load: ${String(f.message).split('\n')[0]}`);
}

const only = process.argv.slice(2);
const want = (s) => only.length === 0 || only.includes(s);

if (want('typecheck')) {
  step('typecheck (node)', [npx, 'tsc', '--noEmit', '-p', 'tsconfig.node.json']);
  step('typecheck (web)', [npx, 'tsc', '--noEmit', '-p', 'tsconfig.web.json']);
}
if (want('lint') && existsSync('eslint.config.mjs')) step('lint', [npx, 'eslint', '.']);
// Electron hardening: Electronegativity over src/, every finding justified in electronegativity.json.
if (want('lint') && existsSync('electronegativity.json')) step('lint:security (Electronegativity)', [process.execPath, 'scripts/lint-security.mjs']);
if (want('build')) {
  if (existsSync('electron.vite.config.ts')) step('build (electron-vite)', [npx, 'electron-vite', 'build']);
  step('build (cli bundle)', [process.execPath, 'scripts/build-cli.mjs']);
}
if (want('unit')) vitest('vitest', []);
if (want('windows')) {
  const wine = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine'].find((p) => existsSync(p));
  if (!wine) {
    process.stdout.write('\n=== windows rig: SKIPPED — wine is not installed here (apt-get install wine64; .ci/run does it)\n');
    skipped++;
  } else if (existsSync('vitest.windows.config.ts')) {
    vitest('windows rig (wine)', ['--config', 'vitest.windows.config.ts']);
  }
}

if (want('system')) {
  // The built app on the Electron shim, its window in Debian's Chromium (tests/system/README.md).
  const missing = !existsSync('/usr/bin/chromium') ? 'Chromium is not installed at /usr/bin/chromium (apt-get install chromium; .ci/run does it)' : !existsSync('node_modules/playwright-core') ? 'playwright-core is not installed (npm ci)' : null;
  if (missing) {
    process.stdout.write(`\n=== system tests (Electron shim): SKIPPED — ${missing}\n`);
    skipped++;
  } else if (existsSync('vitest.system.config.ts')) {
    vitest('system tests (Electron shim)', ['--config', 'vitest.system.config.ts']);
  }
}

if (failures.length) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed > 0 ? 1 : 0;
