// A console configured as for a real Salesforce org: AUTH_PROVIDER=salesforce and no SCIM_BASE_URL.
// It learns each session's SCIM base from the token response's `instance_url` (the sandbox's
// salesforce flavor sends its own URL and serves SCIM at <instance_url>/services/scim/v2 too), and
// runs the Salesforce profile (inferred from AUTH_PROVIDER). A second console of the same build signs
// in through the real flow with the Salesforce preset and the sandbox's Connected App stand-in
// (client_secret_post, callback /api/auth/callback/salesforce).
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL } from './support/env';
import { killGroup, signedInConsole } from './support/second-console';
import { deactivateWorkflowUser } from './support/workflow-user';

const settings = {
  dataDir: '.data/e2e-salesforce-instance',
  env: {
    AUTH_PROVIDER: 'salesforce',
    // Empty means unset (lib/server/env.ts): the base comes from instance_url.
    SCIM_BASE_URL: '',
    AUTH_OIDC_CLIENT_ID: 'scim-console-salesforce',
  },
};

let sf: { context: BrowserContext; page: Page; child: ChildProcess };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  rmSync(settings.dataDir, { recursive: true, force: true });
  sf = await signedInConsole(browser, settings);
});

test.afterAll(async () => {
  if (!sf) return;
  await killGroup(sf.child);
  await sf.context.close();
});

test('the SCIM base is the session’s instance_url for its pages, changes and jobs, and never reaches the browser', async ({ sandbox }) => {
  const { page } = sf;
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
  const calls = await sandbox.requests();
  expect(calls.filter((r) => r.method === 'PATCH').map((r) => `${r.base}${r.path}`)).toEqual([
    `/services/scim/v2/Users/${user!.id}`,
    `/services/scim/v2/Users/${other!.id}`,
  ]);
  // (This test's own reads go to /scim/v2; the list reads are the console's.)
  const lists = calls.filter((r) => r.path === '/Users');
  expect(lists.length).toBeGreaterThan(0);
  expect(lists.filter((r) => r.base !== '/services/scim/v2')).toEqual([]);

  // Server-side only: the browser's session says nothing of the instance.
  const session = await (await page.request.get('/api/auth/session')).text();
  expect(session).not.toMatch(/instance|services\/scim|scimBase/i);
});

test('the Salesforce profile adds what to do after Salesforce’s refusal to deactivate the Default Workflow User', async ({ sandbox }) => {
  const { page } = sf;
  const { user, response } = await deactivateWorkflowUser(page, sandbox);

  const alert = page.getByRole('alert').filter({ hasText: 'You cannot deactivate the Default Workflow User' });
  await expect(alert).toContainText(
    'You cannot deactivate the Default Workflow User Choose another Default Workflow User in Setup → Process Automation Settings, then try again.',
  );
  await expect(alert).toContainText('freeze the user in Setup');
  await expect(alert).toContainText(`Request ID: ${response.headers()['x-request-id']}`);
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
});
