import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// This repository's own tests. Hidden suites (graders/suites) are run by the grader, never directly here.
export default defineConfig({
  resolve: {
    alias: { 'labgrade/runtime': fileURLToPath(new URL('./runtime/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
