#!/usr/bin/env node
// Bundles the CLI into one file, out/cli/attt-selfcheck.cjs, that runs on plain Node (Linux,
// Windows, macOS) with no node_modules: locales, policy and catalog are bundled in. The same file is the
// check thread the CLI starts (src/core/check-process). The built-in policy and catalog are validated here, once,
// and bundled as validated (src/core/validated-at-build.ts): a start of the CLI or of its check thread then loads
// no zod (src/core/lazy-zod.ts); a build with an invalid policy or catalog fails.
// `--outfile=PATH` writes the same bundle elsewhere (tests build their own copy, so parallel test
// files never read a half-written one).
import { createHash } from 'node:crypto';
import { runInThisContext } from 'node:vm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { createRequire } from 'node:module';
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

// zod's package has an ESM and a CommonJS build; lazy-zod.ts requires it: take the ESM one, as the imports
// would, so the bundle holds one zod.
const oneZod = {
  name: 'one-zod',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, async (a) => (a.kind === 'require-call' ? b.resolve('zod', { kind: 'import-statement', resolveDir: a.resolveDir }) : undefined));
  },
};

// In the CLI, zod (half of the code) is text, compiled only when lazy-zod.ts first requires it: Node parses
// every function of a script when it loads it, and a string costs next to nothing to read. Only lazy-zod.ts
// requires zod at run time (the schemas are built with the z it hands them; everything else imports types only).
// systeminformation (a third of the code), which only macOS's machine identity imports (machine-identity.ts; Linux
// and Windows read theirs through the Host), is text the same way, compiled at that import.
async function packageAsText(name) {
  const r = await build({ stdin: { contents: `module.exports = require('${name}');`, resolveDir: process.cwd() }, bundle: true, platform: 'node', format: 'cjs', target: 'node18', write: false, logLevel: 'warning', legalComments: 'none', plugins: [noZodLocales, oneZod] });
  return r.outputFiles[0].text;
}
const asText = { zod: { kind: 'require-call', text: await packageAsText('zod') }, systeminformation: { kind: 'dynamic-import', text: await packageAsText('systeminformation') } };
const textOnFirstUse = {
  name: 'text-on-first-use',
  setup(b) {
    b.onResolve({ filter: /^(zod|systeminformation)$/ }, (a) => (a.kind === asText[a.path].kind ? { path: a.path, namespace: 'attt-text' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'attt-text' }, (a) => ({
      contents: `const m = { exports: {} };\nnew Function('module', 'exports', 'require', ${JSON.stringify(asText[a.path].text)})(m, m.exports, require);\nmodule.exports = m.exports;\n`,
      loader: 'js',
    }));
  },
};

/** The built-in policy and catalog, parsed by their schemas (with their defaults filled in), as JSON. */
async function validatedData() {
  const r = await build({
    stdin: {
      contents: "import { builtinPolicy } from './src/core/policy/policy'; import { builtinCatalog } from './src/core/catalog/builtin-catalog'; module.exports = JSON.stringify({ policy: builtinPolicy(), catalog: builtinCatalog() });",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node18', write: false, logLevel: 'warning', plugins: [noZodLocales, oneZod],
  });
  const module = { exports: '' };
  runInThisContext(`(function (module, require) {${r.outputFiles[0].text}\n})`)(module, (await import('node:module')).createRequire(import.meta.url));
  return module.exports;
}

const validated = await validatedData();
const atBuild = {
  name: 'validated-at-build',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]validated-at-build\.ts$/ }, () => ({ contents: `export const validatedAtBuild = ${validated};`, loader: 'js' }));
  },
};

const outfile = process.argv.find((a) => a.startsWith('--outfile='))?.slice('--outfile='.length) || 'out/cli/attt-selfcheck.cjs';
const bundle = await build({
  entryPoints: ['src/cli/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  plugins: [noZodLocales, textOnFirstUse, atBuild],
});
// The file run is the launcher (src/cli/launcher.ts) with the bundle after it as a comment, and the hash its V8 code
// cache is named by (src/cli/code-cache.ts): V8 checks a cache against the text's length only, so the name says which text.
const source = bundle.outputFiles[0].text;
// The comment's escaping and the wrapper, from the TypeScript the launcher uses (bundled for this plain-Node script).
const codeCache = await build({ entryPoints: ['src/cli/code-cache.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const codeCacheModule = { exports: {} };
runInThisContext(`(function (module, exports, require) {${codeCache.outputFiles[0].text}\n})`)(codeCacheModule, codeCacheModule.exports, createRequire(import.meta.url));
const { bundleAsComment, bundleFromFileText, wrapBundle } = codeCacheModule.exports;
const code = wrapBundle(source);
const bundleDefines = { ATTT_BUNDLE_HASH: JSON.stringify(createHash('sha256').update(source).digest('hex')), ATTT_BUNDLE_LENGTH: String(code.length) };
// The check thread's start code (src/cli/thread-launcher.ts), carried by the launcher as a string.
const threadLauncher = await build({ entryPoints: ['src/cli/thread-launcher.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'node18', legalComments: 'none', logLevel: 'warning', write: false, define: bundleDefines });
const launcher = await build({
  entryPoints: ['src/cli/launcher.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  define: { ...bundleDefines, ATTT_THREAD_LAUNCHER: JSON.stringify(threadLauncher.outputFiles[0].text) },
});
const file = `${launcher.outputFiles[0].text}${bundleAsComment(code)}`;
// eslint-disable-next-line no-control-regex
if (/[^\x00-\x7f]/.test(file) || bundleFromFileText(Buffer.from(file, 'latin1').toString('latin1')) !== code) throw new Error('the bundle does not come back whole from its comment');
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(outfile, file, { mode: 0o644 });
console.log(`built ${outfile}`);
