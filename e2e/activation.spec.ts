import { expect, signedInAs, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

signedInAs('admin');

/** Presses Tab until the target has focus (at most 15 times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 15; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function openUser(page: Page, userName: string) {
  await page.goto(`/users?q=${encodeURIComponent(userName)}`);
  await expect(page.getByRole('link', { name: userName, exact: true })).toBeVisible();
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: userName, exact: true }) });
}

test('an admin deactivates with PATCH, and it persists upstream and after reload', async ({ page, sandbox, expectAccessible }) => {
  const user = await sandbox.firstUser(true);
  const row = await openUser(page, user.userName);
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).click();

  const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await expect(dialog.getByRole('radio', { name: 'PATCH active=false' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Left the company');
  await dialog.getByRole('button', { name: 'Confirm' }).click();

  await expect(dialog).toBeHidden();
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
  await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active).toBe(false);
  const patches = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
  expect(patches).toHaveLength(1);
  expect(patches[0]!.ifMatch).toBe(user.meta.version);

  await page.reload();
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
});

test('an admin deactivates with DELETE on the Salesforce flavor: still listed, inactive', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const row = await openUser(page, user.userName);
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
  await expect(dialog.getByText(/Deactivates the account and keeps it/)).toBeVisible();
  await dialog.getByRole('radio', { name: 'DELETE' }).check();
  await dialog.getByRole('button', { name: 'Confirm' }).click();

  // The row turns Inactive at once (optimistically); the confirmation waits for the provider's answer.
  await expect(page.getByRole('status').filter({ hasText: `${user.userName} deactivated with DELETE.` })).toBeVisible();
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
  expect((await sandbox.requests()).some((r) => r.method === 'DELETE')).toBe(true);
  const upstream = await sandbox.getUser(user.id);
  expect(upstream.status).toBe(200);
  expect(upstream.user?.active).toBe(false);
  await page.reload();
  await expect(row.getByText('Inactive', { exact: true })).toBeVisible();
});

test('an admin reactivates, and Cancel or Escape change nothing', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(false);
  const row = await openUser(page, user.userName);
  const button = row.getByRole('button', { name: `Reactivate ${user.userName}` });
  const dialog = page.getByRole('dialog', { name: `Reactivate ${user.userName}` });

  await button.click();
  await expect(dialog.getByRole('radiogroup', { name: 'Method' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);

  await button.click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active).toBe(true);
});

test('an upstream 500 shows an alert and leaves the row as it was', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const row = await openUser(page, user.userName);
  await sandbox.fault({ kind: 'status', status: 500, count: 1, method: 'PATCH' });
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

  // Next's route announcer is an (empty) alert too: look for ours by its text.
  await expect(page.getByRole('alert').filter({ hasText: 'Injected failure (status 500)' })).toBeVisible();
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
});

test('a user changed elsewhere since it was loaded gets a 412 message and the fresh state', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const row = await openUser(page, user.userName);
  // Another admin deactivates and reactivates: same active value, newer version.
  await sandbox.setActive(user.id, false);
  await sandbox.setActive(user.id, true);
  await sandbox.clearRequests();
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'changed since you loaded it' })).toBeVisible();
  // Nothing was re-applied: no PATCH reached the provider, and the row shows the fresh state.
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
});

test('a changed row that leaves the filtered list stays in place, highlighted, with focus on its button', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await page.goto(`/users?${new URLSearchParams({ q: user.userName, status: 'active' })}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: user.userName, exact: true }) });
  await row.getByRole('button', { name: `Deactivate ${user.userName}` }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: 'Confirm' }));
  await page.keyboard.press('Enter');

  // Inactive now, so it no longer matches Active: it stays, marked, until the list changes.
  await expect(page.getByRole('status')).toContainText(`${user.userName} deactivated.`);
  await expect(row.getByText('No longer matches this filter')).toBeVisible();
  await expect(row.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('link', { name: user.userName, exact: true })).toHaveCount(0);
});

test('the whole journey works with the keyboard alone', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await openUser(page, user.userName);
  const button = page.getByRole('button', { name: `Deactivate ${user.userName}` });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('textbox', { name: 'Reason' }));
  await page.keyboard.type('Keyboard only');
  await tabTo(page, dialog.getByRole('button', { name: 'Confirm' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
});
