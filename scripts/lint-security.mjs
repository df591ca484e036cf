#!/usr/bin/env node
// `npm run lint:security`: Electronegativity (Doyensec's Electron security linter) over src/, failing on any
// finding that electronegativity.json does not justify (check id + file + a piece of the flagged line, with why),
// and on any justification that no longer matches a finding (so the list stays true).
// Usage: node scripts/lint-security.mjs [--input DIR] [--config FILE]   (defaults: src, electronegativity.json)
// Exit 0 when every finding is justified, 1 when not, 2 when the linter could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const input = opt('--input', join(root, 'src'));
const configFile = opt('--config', join(root, 'electronegativity.json'));

const fail = (text, code) => {
  process.stderr.write(`lint:security: ${text}\n`);
  process.exit(code);
};

let config;
try {
  config = JSON.parse(readFileSync(configFile, 'utf8'));
} catch (e) {
  fail(`cannot read ${configFile}: ${e.message}`, 2);
}
const justified = Array.isArray(config.justified) ? config.justified : [];
const excluded = Array.isArray(config.excluded) ? config.excluded : [];
for (const j of [...justified, ...excluded]) {
  if (typeof j.check !== 'string' || typeof j.why !== 'string' || j.why.trim() === '') fail(`${configFile}: every entry needs a check id and a why: ${JSON.stringify(j)}`, 2);
}
for (const j of justified) {
  if (typeof j.file !== 'string' || typeof j.code !== 'string' || j.code === '') fail(`${configFile}: a justification names its file and a piece of the flagged line: ${JSON.stringify(j)}`, 2);
}

// The Electron version the app is built with (else the linter assumes 0.1.0 and judges by its defaults).
const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
const electronVersion = existsSync(electronPkg) ? JSON.parse(readFileSync(electronPkg, 'utf8')).version : JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');

const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
if (!existsSync(cli)) fail('@doyensec/electronegativity is not installed (npm ci)', 2);
const work = mkdtempSync(join(tmpdir(), 'attt-electronegativity-'));
const sarif = join(work, 'results.sarif');
const argv = [cli, '-i', input, '-o', sarif, '-r', '-v', 'false', '-e', electronVersion];
// It tries to fetch translations (1 s) and Electron's release list: harmless offline. Its -x cannot drop a
// global check (its atomic finder rejects the name), so excluded checks' results are dropped below.
const run = spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 240_000, cwd: root });
if (run.status !== 0 || !existsSync(sarif)) {
  rmSync(work, { recursive: true, force: true });
  fail(`Electronegativity did not finish (exit ${run.status}${run.error ? `, ${run.error.message}` : ''}):\n${run.stderr || run.stdout}`, 2);
}
const skip = new Set(excluded.map((x) => x.check));
const results = JSON.parse(readFileSync(sarif, 'utf8'))
  .runs.flatMap((r) => r.results ?? [])
  .filter((r) => !skip.has(r.ruleId));
rmSync(work, { recursive: true, force: true });

const lines = new Map();
const lineOf = (file, n) => {
  if (!lines.has(file)) lines.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  return lines.get(file)[n - 1] ?? '';
};

const used = new Set();
const unjustified = [];
for (const r of results) {
  const loc = r.locations?.[0]?.physicalLocation;
  // A global check (no CSP anywhere, no navigation limits) names no file (its SARIF uri is file:///).
  const uri = loc?.artifactLocation?.uri ?? '';
  const named = uri !== '' && !uri.startsWith('file:') && uri !== 'N/A';
  const abs = named ? resolve(input, uri) : input;
  const file = named ? relative(root, abs).split('\\').join('/') : '(the whole input)';
  const line = loc?.region?.startLine ?? 0;
  const text = named ? lineOf(abs, line) : '';
  const j = justified.find((x) => x.check === r.ruleId && x.file === file && text.includes(x.code));
  if (j) used.add(j);
  else unjustified.push(`  ${r.ruleId} ${file}${named ? `:${line}` : ''}: ${r.message?.text ?? ''}${text ? `\n      ${text.trim()}` : ''}`);
}
const stale = justified.filter((j) => !used.has(j) && resolve(root, j.file).startsWith(input));

process.stdout.write(`lint:security: Electronegativity (Electron ${electronVersion}) over ${relative(root, input) || '.'}: ${results.length} finding(s), ${results.length - unjustified.length} justified in ${relative(root, configFile)}\n`);
if (unjustified.length) process.stdout.write(`Not justified (fix the code, or justify it in ${relative(root, configFile)} with why):\n${unjustified.join('\n')}\n`);
if (stale.length) process.stdout.write(`Justifications that match no finding any more (remove them):\n${stale.map((j) => `  ${j.check} ${j.file}: ${j.code}`).join('\n')}\n`);
process.exitCode = unjustified.length || stale.length ? 1 : 0;
