// AUTH_PROVIDER=salesforce without SCIM_BASE_URL: the console learns each session's SCIM base
// from the token response's `instance_url` (the sandbox's salesforce flavor sends its own URL,
// and serves SCIM at <instance_url>/services/scim/v2 too). A second console of the same build
// signs in through the real flow with the Salesforce preset and the sandbox's Connected App
// stand-in (client_secret_post, callback /api/auth/callback/salesforce); every SCIM call it
// makes, a bulk job's included, goes to /services/scim/v2, and the browser never sees the URL.
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL } from './support/env';
import { killGroup, signedInConsole } from './support/second-console';

const settings = {
  dataDir: '.data/e2e-salesforce-instance',
  env: {
    AUTH_PROVIDER: 'salesforce',
    // Empty means unset (lib/server/env.ts): the base comes from instance_url.
    SCIM_BASE_URL: '',
    AUTH_OIDC_CLIENT_ID: 'scim-console-salesforce',
  },
};

test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));

test('with AUTH_PROVIDER=salesforce the SCIM base is the session’s instance_url, for its pages, changes and jobs', async ({
  browser,
  sandbox,
}) => {
  test.setTimeout(90_000);
  const { context, page, child } = await signedInConsole(browser, settings);
  try {
    const [user, other] = await sandbox.findUsers('active eq true and userName sw "a"', 2);
    await sandbox.clearRequests();

    await page.goto(`/users?q=${encodeURIComponent(user!.userName)}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: user!.userName, exact: true }) });
    await row.getByRole('button', { name: `Deactivate ${user!.userName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
    await expect.poll(async () => (await sandbox.getUser(user!.id)).user?.active).toBe(false);

    // A job the session starts carries the same base (sealed with its token).
    const res = await page.request.post('/api/jobs', {
      headers: { 'content-type': 'application/json', origin: CRASH_CONSOLE_URL },
      data: { action: 'deactivate', reason: 'instance_url job', users: { ids: [other!.id] } },
    });
    expect(res.status()).toBe(202);
    await expect.poll(async () => (await sandbox.getUser(other!.id)).user?.active).toBe(false);

    // Every SCIM call the console made went to <instance_url>/services/scim/v2; none to /scim/v2.
    const scimCalls = (await sandbox.requests()).filter((r) => /\/scim\/v2\//.test(r.path));
    expect(scimCalls.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
      `/services/scim/v2/Users/${user!.id}`,
      `/services/scim/v2/Users/${other!.id}`,
    ]);
    expect(scimCalls.filter((r) => !r.path.startsWith('/services/scim/v2/'))).toEqual([]);

    // Server-side only: the browser's session says nothing of the instance.
    const session = await (await page.request.get('/api/auth/session')).text();
    expect(session).not.toMatch(/instance|services\/scim|scimBase/i);
  } finally {
    await killGroup(child);
    await context.close();
  }
});
