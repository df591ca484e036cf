import { defineConfig } from 'vitest/config';

// Unit, Linux-for-real and UI tests. The Windows rig (wine) has its own config: vitest.windows.config.ts.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/windows/**', 'tests/system/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The built CLI's V8 code cache goes to a folder of this run, never the user's (~/.cache/attt-selfcheck).
    globalSetup: ['tests/helpers/code-cache-per-run.ts'],
  },
});
