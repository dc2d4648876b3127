// A session unused for SESSION_IDLE_MINUTES sends the admin to sign-in, inside
// its absolute lifetime. This spec runs its own console (same build, a 12-second
// idle limit) on the crash spec's port, which the sandbox accepts sign-ins for.
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL } from './support/env';
import { killGroup, signedInConsole } from './support/second-console';

// 12 s: short enough to wait for, long enough for a busy machine's sign-in redirects.
const settings = { dataDir: '.data/e2e-idle', env: { SESSION_IDLE_MINUTES: '0.2' } };

test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));

test('an idle session is sent to sign-in, and its API calls answer 401', async ({ browser, playwright }) => {
  test.setTimeout(90_000);
  const { context, child } = await signedInConsole(browser, settings);
  try {
    const saved = await context.storageState();
    await context.close();

    // Ask next-auth (which does not count as use) with a fresh copy of the cookie each time until the idle limit passes.
    const session = async () => {
      const probe = await playwright.request.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: saved });
      const body: unknown = await (await probe.get('/api/auth/session')).json();
      await probe.dispose();
      return body;
    };
    // A live session first, so the empty one below is the idle limit's doing.
    expect(await session()).toMatchObject({ user: { email: 'admin@example.com' } });
    await expect.poll(session, { timeout: 45_000 }).toEqual({});

    const idle = await browser.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: saved });
    expect((await idle.request.get('/api/users?count=1')).status()).toBe(401);
    const idlePage = await idle.newPage();
    await idlePage.goto('/users');
    await expect(idlePage).toHaveURL(/\/signin\?callbackUrl=/);
    await expect(idlePage.getByRole('button', { name: 'Sign in with Sandbox' })).toBeVisible();
    await idle.close();
  } finally {
    await killGroup(child);
    await context.close();
  }
});
