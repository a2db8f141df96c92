import { defineConfig } from '@playwright/test';

/** Debian's Chromium, headless, without anything that would reach the network. */
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

/**
 * Projects. `web` drives the built renderer in Debian's Chromium through the browser-mode HTTP bridge, with the real
 * services on a real SQLite file per test. `web-postgres` runs the specs of the main pages again with each test's
 * store on the test PostgreSQL server (only when `ATELIER_TEST_PG_URL` names one: `scripts/with-test-postgres.mjs`
 * starts one for `npm test`). `electron` launches the desktop app and reports itself skipped where the Electron
 * binary cannot be installed. All need `npm run build` first.
 */
export default defineConfig<object, { storeEngine: 'sqlite' | 'postgres' }>({
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
    { name: 'web', testDir: './e2e/specs', use: chromium },
    ...(process.env.ATELIER_TEST_PG_URL === undefined
      ? []
      : [
          {
            name: 'web-postgres',
            testDir: './e2e/specs',
            // The pages that write to the store or read it their own way; the statistics and map pages draw tables
            // compared row for row across engines (db/stats-refresh.test.ts, bench:postgres), and CI has 30 minutes.
            testMatch: ['home.spec.ts', 'data.spec.ts', 'checks.spec.ts', 'campaigns.spec.ts', 'exports.spec.ts'],
            use: { ...chromium, storeEngine: 'postgres' as const },
          },
        ]),
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
