import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Ports apart from the demo's (3000/4010) so tests and a running demo coexist.
export const CONSOLE_URL = 'http://localhost:3100';

const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {}; // elsewhere (a laptop) Playwright's own browser

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: CONSOLE_URL,
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'npm run build && npx next start -p 3100 -H 127.0.0.1',
      url: `${CONSOLE_URL}/`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        CONSOLE_URL,
        NEXTAUTH_URL: CONSOLE_URL,
        DATA_DIR: '.data/e2e',
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
      },
    },
  ],
});
