// SCIM_AUTH=service: the admin signs in as usual, but the provider calls carry the
// console's own credential (sandbox-cli's client credentials), and the audit record
// says so. This spec runs its own console (same build) on the crash spec's port,
// which the sandbox accepts sign-ins for.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL, ISSUER, consoleEnv } from './support/env';
import { signIn } from './support/sign-in';

const DATA_DIR = '.data/e2e-service';
let child: ChildProcess | null = null;

test.beforeAll(() => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', new URL(CRASH_CONSOLE_URL).port], {
    detached: true, // its own process group, so the kill reaches the server it forks
    stdio: 'ignore',
    env: {
      ...process.env,
      ...consoleEnv(CRASH_CONSOLE_URL, DATA_DIR),
      SCIM_AUTH: 'service',
      SCIM_CLIENT_ID: 'sandbox-cli',
      SCIM_CLIENT_SECRET: 'sandbox-cli-secret',
      SCIM_TOKEN_URL: `${ISSUER}/token`,
      SCIM_SCOPE: 'scim:read scim:write',
    },
  });
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

test('with SCIM_AUTH=service an admin deactivates a user, and the audit log says the service identity made the call', async ({
  browser,
  sandbox,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: CRASH_CONSOLE_URL, storageState: { cookies: [], origins: [] } });
  await expect
    .poll(async () => (await context.request.get('/api/health').catch(() => null))?.ok() ?? false, { timeout: 30_000 })
    .toBe(true);
  const page = await context.newPage();
  await signIn(page, 'admin');

  const user = await sandbox.firstUser(true);
  await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: user.userName, exact: true }) });
  await sandbox.clearRequests();
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
  await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active).toBe(false);
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(1);

  await page.goto('/audit');
  const record = page
    .getByRole('table', { name: 'Audit log' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: user.userName }) });
  await expect(record).toHaveCount(1);
  await expect(record).toContainText('admin@example.com');
  await expect(record).toContainText('via service identity');
  await context.close();
});
