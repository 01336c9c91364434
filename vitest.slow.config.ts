import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the bounded soak and the fault tests that wait out production timings (minutes each).
// Same real services and global setup as vitest.config.ts; CI runs it after `npm test`.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
