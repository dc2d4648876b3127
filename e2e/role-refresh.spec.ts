// The role follows the identity provider: an admin removed from `scim-admins`
// at the issuer loses admin rights at the console's next token refresh, not at
// the end of the session. This spec runs its own sandbox whose access tokens
// live 30 s (under the console's 60 s refresh margin, so every API call
// refreshes) and its own console against it, on the crash spec's console port.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL, ROLE_SANDBOX_URL as SANDBOX_URL, consoleEnv } from './support/env';
import { signIn } from './support/sign-in';

const DATA_DIR = '.data/e2e-role';
const children: ChildProcess[] = [];

function start(args: string[], env: Record<string, string>) {
  // Each its own process group, so the kill reaches what it forks.
  const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
  children.push(child);
}

test.beforeAll(() => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  start(['--import', 'tsx', 'sandbox/main.ts'], {
    SANDBOX_PORT: new URL(SANDBOX_URL).port,
    SANDBOX_DATA_DIR: `${DATA_DIR}/sandbox`,
    SANDBOX_TEST_HOOKS: '1',
    SANDBOX_USERS: '20',
    SANDBOX_ACCESS_TOKEN_TTL: '30',
    SANDBOX_CONSOLE_ORIGINS: CRASH_CONSOLE_URL,
  });
  start(['node_modules/next/dist/bin/next', 'start', '-p', new URL(CRASH_CONSOLE_URL).port], {
    ...consoleEnv(CRASH_CONSOLE_URL, DATA_DIR),
    AUTH_OIDC_ISSUER: `${SANDBOX_URL}/oidc`,
    SCIM_BASE_URL: `${SANDBOX_URL}/scim/v2`,
  });
});

test.afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
});

test('an admin removed from the admin group at the issuer loses the role at the next refresh', async ({ browser, playwright }) => {
  const context = await browser.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: { cookies: [], origins: [] } });
  await expect
    .poll(async () => (await context.request.get('/api/health').catch(() => null))?.ok() ?? false, { timeout: 60_000 })
    .toBe(true);
  const page = await context.newPage();
  await signIn(page, 'admin');
  await expect(page.getByRole('button', { name: /^Deactivate / }).first()).toBeVisible();
  expect((await page.request.get('/api/audit')).status()).toBe(200);

  const hooks = await playwright.request.newContext();
  const res = await hooks.post(`${SANDBOX_URL}/__test/accounts/${encodeURIComponent('admin@example.com')}/groups`, {
    data: { groups: [] },
  });
  expect(res.status()).toBe(204);
  await hooks.dispose();

  // The next API call refreshes the access token, and with it the role.
  expect((await page.request.get('/api/audit')).status()).toBe(403);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No access', level: 1 })).toBeVisible();
  await context.close();
});
