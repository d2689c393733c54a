import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against a real, already running Watchfloor (BFF + built SPA + database),
 * named by WATCHFLOOR_E2E_URL, in the system Chromium. Nothing is mocked.
 */
const baseURL = process.env.WATCHFLOOR_E2E_URL;
if (!baseURL) {
  throw new Error(
    'Set WATCHFLOOR_E2E_URL to the running Watchfloor server, e.g. WATCHFLOOR_E2E_URL=http://127.0.0.1:8090',
  );
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: './artifacts/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }]],
  use: {
    baseURL,
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
