import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// This file is evaluated by the runner and again by every worker. The port and file names are
// chosen once, in the runner, and reach the workers through the environment they inherit.
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
process.env['E2E_PORT'] ??= String(await freePort());
process.env['E2E_STATE_FILE'] ??= path.join(os.tmpdir(), `fosterportal-e2e-${process.pid}.json`);
process.env['E2E_LOG_FILE'] ??= path.join(os.tmpdir(), `fosterportal-e2e-${process.pid}.log`);
const baseURL = `http://127.0.0.1:${process.env['E2E_PORT']}`;

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
  timeout: 30_000,
  use: { baseURL, trace: 'retain-on-failure', locale: 'nb-NO', timezoneId: 'Europe/Oslo' },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: {
    command: `"${process.execPath}" tests/support/e2e-server.ts`,
    cwd: '..',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
