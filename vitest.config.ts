import { defineConfig } from 'vitest/config';

// CONCORD_RESULTS_DIR (set by .ci/run) adds a JSON report there, so CI can count every test that ran.
const results = process.env.CONCORD_RESULTS_DIR;

export default defineConfig({
  test: {
    // The CLI tests run the compiled command: build it from this source first. The PostgreSQL
    // servers test workers start are stopped when the run ends.
    globalSetup: ['core/testing/buildCli.ts', 'hub/testing/postgresServers.ts'],
    include: ['shared/**/*.test.ts', 'core/**/*.test.ts', 'hub/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    // CLI tests spawn real processes and build real databases: give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: results ? ['default', ['json', { outputFile: `${results}/vitest.json` }]] : ['default'],
  },
});
