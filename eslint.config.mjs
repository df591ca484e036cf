// ESLint (flat config). Besides typescript-eslint's recommended rules it enforces the layering of
// DESIGN.md §2 / STYLE.md "For this project" §2, the typed IPC wrappers, and the Electron hardening
// rules that can be read from source, and regular expressions that cannot stall on hostile input. Every
// message says what to use instead.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

// --- import restrictions, one message per reason ---------------------------------------------
const NO_ELECTRON = {
  name: 'electron',
  message: 'Bad layering: src/core, src/shared and src/cli run without Electron (CLI, tests). Put Electron code in src/main (or src/preload) and pass data in.',
};
const NO_RAW_IPC = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC wrappers: handle()/send() from src/main/ipc-main.ts, invoke()/on() from src/preload/ipc-renderer.ts, with channels from src/shared/ipc-contract.ts.',
};
const RENDERER_NO_ELECTRON = {
  name: 'electron',
  message: 'Bad layering: the renderer never imports Electron. Call main through window.api (typed in src/preload/index.d.ts).',
};
const RENDERER_NO_CORE = {
  regex: '(^|/)core(/|$)',
  message: 'Bad layering: the renderer never imports src/core. Ask main through window.api; share types via src/shared.',
};
const RENDERER_NO_NODE = {
  regex: `^(node:.*|(${BUILTINS.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(/.*)?)$`,
  message: 'Bad layering: the renderer runs in a sandboxed web page without Node. Use window.api for anything that needs the OS.',
};
const SHARED_ONLY_SHARED = {
  regex: '^(\\.\\./|/|src/)',
  message: 'Bad layering: src/shared imports nothing of ours outside src/shared (only types and pure helpers live here).',
};
const PRELOAD_NO_CORE = {
  regex: '(^|/)(core|main|renderer|cli)(/|$)',
  message: 'Bad layering: the preload imports src/shared only (and electron through src/preload/ipc-renderer.ts).',
};
const PRELOAD_NO_NODE = {
  regex: `^(node:.*|(${BUILTINS.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(/.*)?)$`,
  message: 'The preload is sandboxed: it can require only electron. Do the work in main and expose a verb.',
};
const CORE_NO_UI = {
  regex: '(^|/)(main|preload|renderer|cli)(/|$)',
  message: 'Bad layering: src/core imports only src/shared and Node built-ins.',
};

const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

// --- Electron hardening and raw IPC, as syntax ----------------------------------------------
const prop = (name, value, message) => ({ selector: `Property[key.name='${name}'][value.value=${value}]`, message });
const SECURITY = [
  prop('nodeIntegration', true, 'Electron security: nodeIntegration must stay false; expose a verb through the preload instead.'),
  prop('nodeIntegrationInWorker', true, 'Electron security: nodeIntegrationInWorker must stay false.'),
  prop('nodeIntegrationInSubFrames', true, 'Electron security: nodeIntegrationInSubFrames must stay false.'),
  prop('contextIsolation', false, 'Electron security: contextIsolation must stay true; use contextBridge in the preload.'),
  prop('sandbox', false, 'Electron security: sandbox must stay true; the preload is bundled as CommonJS for that.'),
  prop('webSecurity', false, 'Electron security: webSecurity must stay true.'),
  prop('allowRunningInsecureContent', true, 'Electron security: never allow insecure content.'),
  prop('webviewTag', true, 'Electron security: no <webview>; the app shows only its own pages.'),
  prop('experimentalFeatures', true, 'Electron security: no experimental Blink features.'),
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'Electron security: do not enable Blink features.' },
  prop('shell', true, 'Run commands as argv arrays, never through a shell (Host.run / spawn without shell: true).'),
];
// --- regular expressions ------------------------------------------------------------------------
// Correctness: the plugin's recommended rules of its "Possible Errors" category (no-misleading-capturing-group,
// no-lazy-ends, strict, …), as errors, everywhere. Its style rules are left out: they would rewrite working
// patterns in files many people edit.
const REGEXP_CORRECTNESS = Object.fromEntries(
  Object.keys(regexp.configs['flat/recommended'].rules)
    .filter((name) => name.startsWith('regexp/') && regexp.rules[name.slice('regexp/'.length)]?.meta.docs.category === 'Possible Errors')
    .map((name) => [name, 'error']),
);
// Stalls: in src, every pattern may meet text that a local user shapes (command outputs, files in a home,
// registry values, folder names), so a pattern must not backtrack super-linearly (even potentially) nor
// search in quadratic time when it fails at every position (`/\/+$/` on 50,000 slashes and a letter).
// The move rule reports certain cases only: its 'potential' mode also flags `s.split(/[\\/]+/)`, which is
// linear (a run of separators never fails to match). It cannot see an `m`-flag pattern whose negated class
// runs across lines (`/^Inst .* \(([^)]*)\)/gm` was quadratic): parse such outputs a line at a time.
// Patterns built at run time (policy data, globs) are not seen by the linter: tests lint the policy's.
// Tests and scripts only meet the repository's own data, so there these two stay off.
const REGEXP_NO_STALL = {
  'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
  'regexp/no-super-linear-move': ['error', { report: 'certain' }],
};

const RAW_IPC_SYNTAX = [
  { selector: "MemberExpression[property.name=/^ipc(Main|Renderer)$/]", message: NO_RAW_IPC.message },
];

export default tseslint.config(
  // tests/fixtures/electronegativity: insecure Electron code on purpose, for lint:security to refuse.
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'test-results/**', '.cache/**', '**/*.tsbuildinfo', 'tests/fixtures/electronegativity/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': ['error', ...SECURITY],
    },
  },
  { plugins: { regexp }, rules: { ...REGEXP_CORRECTNESS, 'regexp/no-super-linear-backtracking': 'off' } },
  { files: ['src/**/*.{ts,tsx}'], rules: REGEXP_NO_STALL },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },

  // Layering, by folder. A later block replaces an earlier one's options for the same rule, so each
  // folder states its full list.
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_ELECTRON], [CORE_NO_UI]) } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_ELECTRON]) } },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': restrict([NO_ELECTRON], [SHARED_ONLY_SHARED]) } },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([NO_RAW_IPC]), 'no-restricted-syntax': ['error', ...SECURITY, ...RAW_IPC_SYNTAX] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([NO_RAW_IPC], [PRELOAD_NO_CORE, PRELOAD_NO_NODE]), 'no-restricted-syntax': ['error', ...SECURITY, ...RAW_IPC_SYNTAX] },
  },
  // The two typed wrappers are the only places raw IPC is allowed.
  { files: ['src/main/ipc-main.ts', 'src/preload/ipc-renderer.ts'], rules: { 'no-restricted-syntax': ['error', ...SECURITY] } },
  { files: ['src/main/ipc-main.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/preload/ipc-renderer.ts'], rules: { 'no-restricted-imports': restrict([], [PRELOAD_NO_CORE, PRELOAD_NO_NODE]) } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      'no-restricted-imports': restrict([RENDERER_NO_ELECTRON], [RENDERER_NO_CORE, RENDERER_NO_NODE]),
      'no-restricted-syntax': ['error', ...SECURITY, ...RAW_IPC_SYNTAX],
    },
  },
  { files: ['tests/renderer/**/*.{ts,tsx}', 'tests/e2e/**/*.ts'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
);
