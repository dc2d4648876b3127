import { expect, signedInAs, test } from './fixtures';
import { deactivateWorkflowUser } from './support/workflow-user';

signedInAs('admin');

// The sandbox's Salesforce flavor refuses to deactivate its Default Workflow User, as Salesforce does.
// This console runs the generic profile (SCIM_BASE_URL /scim/v2, AUTH_PROVIDER=oidc): it passes the
// refusal on in the provider's words only; Salesforce's "what to do" line belongs to the Salesforce
// profile's console (e2e/salesforce-instance.spec.ts).
test('deactivating the Default Workflow User shows the provider’s refusal verbatim and the request id', async ({ page, sandbox }) => {
  const { row, user, response } = await deactivateWorkflowUser(page, sandbox);
  const requestId = response.headers()['x-request-id'];
  expect(requestId).toBeTruthy();

  // Next's route announcer is an (empty) alert too: look for ours by its text.
  const alert = page.getByRole('alert').filter({ hasText: 'You cannot deactivate the Default Workflow User' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`Request ID: ${requestId}`);
  await expect(alert).not.toContainText('Setup');
  // Nothing changed: the row and the provider still say active.
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
});
