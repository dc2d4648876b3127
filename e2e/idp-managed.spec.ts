// A user an identity provider provisions (it has an externalId) may be changed back at the IdP's
// next sync: the confirm dialog says so for that user only, and when a later read shows the
// change undone, History says "Changed back outside the console". The sandbox's SCIM API (machine
// client) plays the IdP, behind the console's back.
import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

test('an IdP-provisioned user: the dialog warns, and History shows the IdP changing it back', async ({ page, sandbox }) => {
  const [managed, plain] = await sandbox.findUsers('active eq true', 2);
  await sandbox.setExternalId(managed!.id, 'okta-00u1managed');
  const warning = 'An identity provider provisions this account (externalId okta-00u1managed) and may change this back at its next sync.';

  // A user without an externalId: no warning (the main e2e console runs the generic profile).
  await page.goto(`/users/${plain!.id}`);
  await page.getByRole('button', { name: `Deactivate ${plain!.userName}` }).click();
  const plainDialog = page.getByRole('dialog', { name: `Deactivate ${plain!.userName}` });
  await expect(plainDialog.getByRole('button', { name: 'Confirm' })).toBeVisible();
  await expect(plainDialog.getByText(/identity provider/)).toHaveCount(0);
  await plainDialog.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`/users/${managed!.id}`);
  await page.getByRole('button', { name: `Deactivate ${managed!.userName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Deactivate ${managed!.userName}` });
  await expect(dialog.getByText(warning)).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('button', { name: `Reactivate ${managed!.userName}` })).toBeVisible();
  // Newest first; earlier specs may have left older entries for the same user.
  const entries = page.getByRole('region', { name: 'History' }).getByRole('listitem');
  await expect(entries.first()).toContainText('Deactivated via PATCH');

  // The IdP's sync puts the account back; the console's next read notices.
  await sandbox.setActive(managed!.id, true);
  await page.reload();
  await expect(page.getByRole('button', { name: `Deactivate ${managed!.userName}` })).toBeVisible();
  await expect(entries.first()).toContainText('Changed back outside the console: inactive → active');
  await expect(entries.nth(1)).toContainText('Deactivated via PATCH');
});
