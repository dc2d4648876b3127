// The sandbox's Salesforce flavor refuses to deactivate its Default Workflow User, as Salesforce
// does: the specs that check how a console passes that refusal on start it the same way.
import { expect, type Page } from '@playwright/test';
import type { Sandbox } from './sandbox';

export const WORKFLOW_USER = 'workflow.user@example.com';

/** Presses Deactivate and Confirm on the Default Workflow User's row of /users: its row, its SCIM user, and the 400 answer. */
export async function deactivateWorkflowUser(page: Page, sandbox: Sandbox) {
  const [user] = await sandbox.findUsers(`userName eq "${WORKFLOW_USER}"`);
  await page.goto(`/users?q=${encodeURIComponent(WORKFLOW_USER)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: WORKFLOW_USER, exact: true }) });
  await row.getByRole('button', { name: `Deactivate ${WORKFLOW_USER}` }).click();
  const answer = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/users/'));
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  const response = await answer;
  expect(response.status()).toBe(400);
  return { row, user: user!, response };
}
