import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// This file is evaluated by the runner and again by every worker. The global setup
// (support/e2e-setup.ts) starts the site on a port of its own and sets E2E_BASE_URL before the
// workers start; they inherit it, so their evaluation of this file has the site's URL.
const baseURL = process.env['E2E_BASE_URL'];

// Debian's Chromium where it is installed (CI and these machines); otherwise Playwright's own.
const debianChromium = '/usr/bin/chromium';
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  globalSetup: './support/e2e-setup.ts',
  // Room for a loaded 2-core machine shared with other work (two workers, two Chromiums, the
  // site, the stack and whatever else runs there): at load averages of 25–30, tests that take
  // 10–30 s on a quiet machine took up to 114 s, and slow journeys up to 150 s. Journeys through
  // many pages mark themselves slow (three times this). A hang still ends.
  timeout: 180_000,
  // Web-first assertions wait for a page the loaded machine renders late.
  expect: { timeout: 30_000 },
  use: {
    ...(baseURL ? { baseURL } : {}),
    trace: 'retain-on-failure',
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
});
