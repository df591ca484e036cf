#!/usr/bin/env node
// Bundles the CLI into one file, out/cli/attt-selfcheck.cjs, that runs on plain Node (Linux,
// Windows, macOS) with no node_modules: locales, policy and catalog are bundled in. The same file is the
// check process the CLI forks (src/core/check-process).
// `--outfile=PATH` writes the same bundle elsewhere (tests build their own copy, so parallel test
// files never read a half-written one).
import { build } from 'esbuild';

const outfile = process.argv.find((a) => a.startsWith('--outfile='))?.slice('--outfile='.length) || 'out/cli/attt-selfcheck.cjs';
await build({
  entryPoints: ['src/cli/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`built ${outfile}`);
