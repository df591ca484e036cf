import { defineConfig } from 'vitest/config';

// The Windows rig: the bundled CLI run by Windows Node under wine (tests/windows, docs/windows-testing.md).
// Wine is slow and CI has 2 cores: one file at a time, one prefix per file, long time limits.
export default defineConfig({
  test: {
    include: ['tests/windows/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/windows/rig/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
