import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

// The sandbox's Salesforce flavor refuses to deactivate its Default Workflow User, as Salesforce does.
// This console runs the generic profile (SCIM_BASE_URL /scim/v2, AUTH_PROVIDER=oidc): it passes the
// refusal on in the provider's words only; Salesforce's "what to do" line belongs to the Salesforce
// profile's console (e2e/salesforce-instance.spec.ts).
test('deactivating the Default Workflow User shows the provider’s refusal verbatim and the request id', async ({ page, sandbox }) => {
  const userName = 'workflow.user@example.com';
  const [user] = await sandbox.findUsers(`userName eq "${userName}"`);
  await page.goto(`/users?q=${encodeURIComponent(userName)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: userName, exact: true }) });
  await row.getByRole('button', { name: `Deactivate ${userName}` }).click();
  const answer = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/users/'));
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  const response = await answer;
  expect(response.status()).toBe(400);
  const requestId = response.headers()['x-request-id'];
  expect(requestId).toBeTruthy();

  // Next's route announcer is an (empty) alert too: look for ours by its text.
  const alert = page.getByRole('alert').filter({ hasText: 'You cannot deactivate the Default Workflow User' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`Request ID: ${requestId}`);
  await expect(alert).not.toContainText('Setup');
  // Nothing changed: the row and the provider still say active.
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  expect((await sandbox.getUser(user!.id)).user?.active).toBe(true);
});
