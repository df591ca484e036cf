#!/usr/bin/env node
// Bundles the CLI into one file, out/cli/attt-selfcheck.cjs, that runs on plain Node (Linux,
// Windows, macOS) with no node_modules: locales, policy and catalog are bundled in.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'out/cli/attt-selfcheck.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('built out/cli/attt-selfcheck.cjs');
