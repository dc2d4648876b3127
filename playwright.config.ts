import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { CONSOLE_PORT, CONSOLE_URL, CRASH_CONSOLE_URL, PEER_CONSOLE_URL, SANDBOX_PORT, SANDBOX_URL, consoleEnv } from './e2e/support/env';
import { consoleServerArgs } from './scripts/console-server.mjs';

export default defineConfig({
  testDir: './e2e',
  // One sandbox whose state the specs reset: run them one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // One retry in CI, where the machine is shared: a test that fails twice fails the run, and one
  // that passes on retry is listed as flaky in the output (docs/decisions/0003-e2e-ports.md).
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: CONSOLE_URL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'chromium', dependencies: ['setup'], use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: [
    {
      command: 'rm -rf .data/e2e-sandbox && node --import tsx sandbox/main.ts',
      url: `${SANDBOX_URL}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore', // info lines; warnings and errors (stderr) still show
      env: {
        SANDBOX_PORT: String(SANDBOX_PORT),
        SANDBOX_DATA_DIR: '.data/e2e-sandbox',
        SANDBOX_TEST_HOOKS: '1',
        SANDBOX_CONSOLE_ORIGINS: `${CONSOLE_URL},${CRASH_CONSOLE_URL},${PEER_CONSOLE_URL}`,
      },
    },
    {
      command: `rm -rf .data/e2e && npm run build && node ${consoleServerArgs(CONSOLE_PORT).join(' ')}`,
      url: `${CONSOLE_URL}/signin`,
      // The build is part of this start: about a minute on an idle two-core machine, and more
      // than four on the same machine shared with other work.
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'ignore', // info lines; warnings and errors (stderr) still show
      env: consoleEnv(CONSOLE_URL, '.data/e2e'),
    },
  ],
});
