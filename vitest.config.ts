import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/slow runs under `npm run test:slow` (vitest.slow.config.ts).
    exclude: ['node_modules/**', 'test/slow/**'],
    globalSetup: ['test/harness/global-setup.ts'],
    // Files share one PostgreSQL database and one Dovecot, and reset them: run them one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
