// Unit tests sit beside the code (src/**/*.test.ts); contract, integration and browser suites live in test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two workers keep PGlite instances (about 0.6 GiB each) and CPU in check.
    maxWorkers: 2,
  },
});
