import { defineConfig } from 'vitest/config';
import { sourceAliases } from './test/helpers/source-aliases.js';

export default defineConfig({
  // One copy of each package per run, from source (test/helpers/source-aliases.ts).
  resolve: { alias: sourceAliases() },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Compiling generated code with the TypeScript API is CPU-bound; two workers fit the 2-core machines.
    maxWorkers: 2,
    // A throwaway PostgreSQL on 127.0.0.1 for the store suites (test/helpers/postgres-setup.ts).
    globalSetup: ['./test/helpers/postgres-setup.ts'],
    // fast-check: one printed seed per run (fixed in CI), 100 cases at least (test/helpers/fuzz.ts).
    setupFiles: ['./test/helpers/fast-check-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
