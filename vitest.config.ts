import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Tests run real programs; a broken sample legitimately costs its time limits.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
