import { defineConfig } from '@playwright/test';

/**
 * Two projects. `web` drives the built renderer in Debian's Chromium through the browser-mode HTTP bridge, with
 * the real services on a real SQLite file per test. `electron` launches the desktop app and reports itself
 * skipped where the Electron binary cannot be installed. Both need `npm run build` first.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  },
  projects: [
    {
      name: 'web',
      testDir: './e2e/specs',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
