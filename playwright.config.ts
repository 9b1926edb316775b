import { defineConfig } from '@playwright/test';

// Browser project: the UI built by Vite, served by the real engine over the local HTTP bridge, in
// Debian's Chromium (never a downloaded browser). Electron project: the desktop app through
// Playwright's _electron; its tests skip, saying why, where no Electron binary exists.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  globalSetup: './e2e/support/globalSetup.ts',
  // CONCORD_RESULTS_DIR (set by .ci/run) adds a JSON report there, so CI can count every test that ran.
  reporter: process.env.CONCORD_RESULTS_DIR ? [['list'], ['json', { outputFile: `${process.env.CONCORD_RESULTS_DIR}/playwright.json` }]] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    // Charts and transitions settle at once: screenshots show the finished screen.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'browser', testMatch: /.*\.browser\.spec\.ts/ },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ },
  ],
});
