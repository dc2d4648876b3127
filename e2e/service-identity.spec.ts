// SCIM_AUTH=service: the admin signs in as usual, but the provider calls carry the
// console's own credential (sandbox-cli's client credentials), and the audit record
// says so. This spec runs its own console (same build) on the crash spec's port,
// which the sandbox accepts sign-ins for.
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ISSUER } from './support/env';
import { killGroup, signedInConsole } from './support/second-console';

const settings = {
  dataDir: '.data/e2e-service',
  env: {
    SCIM_AUTH: 'service',
    SCIM_CLIENT_ID: 'sandbox-cli',
    SCIM_CLIENT_SECRET: 'sandbox-cli-secret',
    SCIM_TOKEN_URL: `${ISSUER}/token`,
    SCIM_SCOPE: 'scim:read scim:write',
  },
};

test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));

test('with SCIM_AUTH=service an admin deactivates a user, and the audit log says the service identity made the call', async ({
  browser,
  sandbox,
}) => {
  test.setTimeout(90_000);
  const { context, page, child } = await signedInConsole(browser, settings);
  try {
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
  } finally {
    await killGroup(child);
    await context.close();
  }
});
