import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

test('opening /users puts the cursor in the search box, and / brings it back', async ({ page }) => {
  await page.goto('/users');
  const search = page.getByRole('searchbox', { name: 'Search users' });
  await expect(search).toBeFocused();
  await page.getByRole('heading', { name: 'Users' }).click();
  await expect(search).not.toBeFocused();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
});

test('the list leads with the person, and shows the totals of the search by status', async ({ page, sandbox }) => {
  const total = await sandbox.count('userName pr');
  const off = await sandbox.count('active eq false');
  await page.goto('/users');
  await expect(page.getByText(`${total.toLocaleString('en-US')} users · ${off.toLocaleString('en-US')} inactive`)).toBeVisible();
  const statuses = page.getByRole('radiogroup', { name: 'Status' });
  await expect(statuses.getByRole('radio', { name: 'Inactive', exact: true })).toBeVisible();
  await expect(statuses).toContainText(String(off));
  await expect(statuses).toContainText(String(total - off));
});

test('pasting a SCIM id that matches one user offers to open it', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await page.goto('/users');
  await page.getByRole('searchbox', { name: 'Search users' }).fill(user.id);
  await page.getByRole('link', { name: `Open ${user.userName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
});

test('a search that matches nothing says what was searched and offers Clear search, without a pager', async ({ page }) => {
  await page.goto('/users?q=zzzz-nobody-here');
  await expect(page.getByText('Nothing matches “zzzz-nobody-here”.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next page' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search users' })).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Next page' })).toBeVisible();
});

test('Undo after a deactivation reactivates through the same write path, recorded as an undo', async ({ page, sandbox }) => {
  const user = await sandbox.firstUser(true);
  await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
  await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Mistaken click');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText(`${user.userName} deactivated.`);
  await expect(status.getByRole('link', { name: 'View user' })).toBeVisible();
  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toContainText(`Undone: ${user.userName} reactivated again.`);
  await expect(page.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
  expect((await sandbox.getUser(user.id)).user?.active).toBe(true);

  await page.goto(`/audit?target=${encodeURIComponent(user.userName)}`);
  const table = page.getByRole('table', { name: 'Audit log' });
  const undoRow = table.getByRole('row').filter({ hasText: /Undo of [0-9a-f-]{36}/ });
  await expect(undoRow).toHaveCount(1);
  await expect(undoRow).toContainText('Reactivate');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, storageState: 'e2e/.auth/helpdesk.json' });

  test('helpdesk reactivates a user from stacked rows, without scrolling sideways', async ({ page, sandbox, expectAccessible }) => {
    const user = await sandbox.firstUser(false);
    await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: user.userName, exact: true }) });
    await expect(card).toBeVisible();
    await expectAccessible(page);
    const button = card.getByRole('button', { name: `Reactivate ${user.userName}` });
    await expect(button).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await button.click();
    await page
      .getByRole('dialog', { name: `Reactivate ${user.userName}` })
      .getByRole('button', { name: 'Confirm' })
      .click();
    await expect(card.getByText('Active', { exact: true })).toBeVisible();
    expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test('the header folds into a Menu that holds the navigation and Sign out', async ({ page }) => {
    await page.goto('/users');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
    await page.getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
});
