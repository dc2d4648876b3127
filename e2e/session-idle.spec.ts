// A session unused for SESSION_IDLE_MINUTES sends the admin to sign-in, inside
// its absolute lifetime. This spec runs its own console (same build, a 12-second
// idle limit) on the crash spec's port, which the sandbox accepts sign-ins for.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL, consoleEnv } from './support/env';
import { signIn } from './support/sign-in';

const DATA_DIR = '.data/e2e-idle';
let child: ChildProcess | null = null;

test.beforeAll(() => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', new URL(CRASH_CONSOLE_URL).port], {
    detached: true, // its own process group, so the kill reaches the server it forks
    stdio: 'ignore',
    // 12 s: short enough to wait for, long enough for a busy machine's sign-in redirects.
    env: { ...process.env, ...consoleEnv(CRASH_CONSOLE_URL, DATA_DIR), SESSION_IDLE_MINUTES: '0.2' },
  });
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

test('an idle session is sent to sign-in, and its API calls answer 401', async ({ browser, playwright }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: { cookies: [], origins: [] } });
  await expect
    .poll(async () => (await context.request.get('/api/health').catch(() => null))?.ok() ?? false, { timeout: 30_000 })
    .toBe(true);
  const page = await context.newPage();
  await signIn(page, 'admin');
  const saved = await context.storageState();
  await context.close();

  // Ask next-auth (which does not count as use) with a fresh copy of the cookie each time until the idle limit passes.
  await expect
    .poll(
      async () => {
        const probe = await playwright.request.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: saved });
        const session = await (await probe.get('/api/auth/session')).json();
        await probe.dispose();
        return session;
      },
      { timeout: 45_000 },
    )
    .toEqual({});

  const idle = await browser.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: saved });
  expect((await idle.request.get('/api/users?count=1')).status()).toBe(401);
  const idlePage = await idle.newPage();
  await idlePage.goto('/users');
  await expect(idlePage).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(idlePage.getByRole('button', { name: 'Sign in with Sandbox' })).toBeVisible();
  await idle.close();
});
