import { defineConfig } from 'vitest/config';

// System tests: the built app on the Electron shim (tests/system, tests/system/README.md). One file at a
// time: each starts Chromium and the app's processes, and CI has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/system/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // The built CLI's V8 code cache goes to a folder of this run, never the user's (~/.cache/attt-selfcheck).
    globalSetup: ['tests/helpers/code-cache-per-run.ts'],
    fileParallelism: false,
    maxWorkers: 1,
  },
});
