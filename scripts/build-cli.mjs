#!/usr/bin/env node
// Bundles the CLI into one file, out/cli/attt-selfcheck.cjs, that runs on plain Node (Linux,
// Windows, macOS) with no node_modules: locales, policy and catalog are bundled in. The same file is the
// check process the CLI forks (src/core/check-process).
// `--outfile=PATH` writes the same bundle elsewhere (tests build their own copy, so parallel test
// files never read a half-written one).
import { sep } from 'node:path';
import { build } from 'esbuild';

// zod re-exports the error messages of some forty languages as `z.locales` (a third of the bundle, read at every
// start of the CLI and of its check process); we use none of them, and zod imports its English default directly.
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (a) => (a.importer.includes(`${sep}zod${sep}`) ? { path: 'zod-locales', namespace: 'attt-stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'attt-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

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
  plugins: [noZodLocales],
});
console.log(`built ${outfile}`);
