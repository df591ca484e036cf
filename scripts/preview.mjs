#!/usr/bin/env node
// `npm run preview` / `npm run screenshots`: bundles scripts/preview/main.ts for Node (esbuild) and runs it.
// The recorder uses main's removal service (src/main/core-fix-service.ts), whose IPC error type sits in a file
// that imports Electron's ipcMain: no Electron runs here, so `electron` is an empty stand-in for the bundle.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const noElectron = {
  name: 'no-electron',
  setup(b) {
    b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'attt-no-electron' }));
    b.onLoad({ filter: /.*/, namespace: 'attt-no-electron' }, () => ({ contents: 'module.exports = { ipcMain: {} };', loader: 'js' }));
  },
};

// Inside node_modules, so the bundle's require() of playwright-core, esbuild, react… finds them.
mkdirSync(join('node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join('node_modules', '.cache', 'attt-preview-'));
const outfile = join(dir, 'preview.cjs');
await build({ entryPoints: ['scripts/preview/main.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', plugins: [noElectron], logLevel: 'warning' });
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
process.exitCode = r.status ?? 1;
