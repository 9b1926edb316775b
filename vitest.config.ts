import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'core/**/*.test.ts', 'electron/**/*.test.ts'],
    // CLI tests spawn real processes and build real databases: give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
