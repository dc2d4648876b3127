import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

test('an admin searches, filters by status and pages, and the URL keeps it all', async ({ page, sandbox, expectAccessible }) => {
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Showing 1–25 of 500$/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(/^Showing 26–50 of 500$/)).toBeVisible();
  await expect(page).toHaveURL(/startIndex=26/);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText(/^Showing 1–25 of 500$/)).toBeVisible();

  const inactive = await sandbox.findUsers('active eq false', 200);
  await page.getByRole('radio', { name: 'Inactive' }).check();
  await expect(page.getByText(new RegExp(`^Showing 1–\\d+ of ${inactive.length}$`))).toBeVisible();
  await expect(page.getByRole('table').getByText('Active', { exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/status=inactive/);

  const target = inactive[0]!;
  await page.getByRole('searchbox', { name: 'Search users' }).fill(target.userName.toUpperCase());
  await expect(page.getByRole('link', { name: target.userName, exact: true })).toBeVisible();
  await expect(page.getByText(/^Showing 1–1 of 1$/)).toBeVisible();

  // Reload keeps search and status.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search users' })).toHaveValue(target.userName.toUpperCase());
  await expect(page.getByRole('radio', { name: 'Inactive' })).toBeChecked();
  await expect(page.getByRole('link', { name: target.userName, exact: true })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search users' }).fill('no-such-user-anywhere');
  await expect(page.getByText('No users match')).toBeVisible();
});

test('an admin sorts by last modified, both ways, and the URL keeps it', async ({ page, sandbox, expectAccessible }) => {
  await page.goto('/users');
  const table = page.getByRole('table', { name: 'Users' });
  const header = table.getByRole('columnheader', { name: 'Last modified' });
  const button = header.getByRole('button', { name: 'Last modified', exact: true });
  const firstRowLink = table.getByRole('row').nth(1).getByRole('link');
  await expect(
    table.getByRole('columnheader', { name: 'User name' }).getByRole('button', { name: 'User name', exact: true }),
  ).toBeVisible();

  const ascending = await sandbox.firstBy('meta.lastModified', 'ascending');
  await button.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sortBy=meta\.lastModified(&|$)/);
  await expect(firstRowLink).toHaveText(ascending.userName);
  await expectAccessible(page);

  const descending = await sandbox.firstBy('meta.lastModified', 'descending');
  expect(descending.userName).not.toBe(ascending.userName);
  await button.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sortOrder=descending/);
  await expect(firstRowLink).toHaveText(descending.userName);

  await page.reload();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRowLink).toHaveText(descending.userName);
  await expect(table.getByRole('columnheader', { name: 'User name' })).not.toHaveAttribute('aria-sort');
});

test('a full name as the table shows it finds the person', async ({ page }) => {
  await page.goto('/users');
  await page.getByRole('searchbox', { name: 'Search users' }).fill("Zoë O'Brien");
  await expect(page.getByRole('link', { name: 'zoe.obrien@example.com', exact: true })).toBeVisible();
  // The seed has two people of that name; nobody else matches both words.
  await expect(page.getByText(/^Showing 1–2 of 2$/)).toBeVisible();
});

test('the detail page shows the user and their meta', async ({ page, sandbox, expectAccessible }) => {
  const user = await sandbox.firstUser(true);
  await page.goto('/users');
  await page.getByRole('searchbox', { name: 'Search users' }).fill(user.userName);
  await page.getByRole('link', { name: user.userName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
  const meta = page.getByRole('region', { name: 'Meta' });
  for (const term of ['created', 'lastModified', 'version', 'location', 'resourceType']) {
    await expect(meta.getByText(term, { exact: true })).toBeVisible();
  }
  await expect(meta.getByText(user.meta.version, { exact: true })).toBeVisible();
  await expect(meta.getByText(`/Users/${user.id}`, { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
  await expectAccessible(page);
});

test('at 720 px wide the users page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 720, height: 900 });
  await page.goto('/users');
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row').nth(1)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
});

test('signed-out visitors are sent to sign-in, which passes axe', async ({ browser, expectAccessible }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/users');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('button', { name: 'Sign in with Sandbox' })).toBeVisible();
  await expectAccessible(page);
  const api = await page.request.get('/api/users');
  expect(api.status()).toBe(401);
  await context.close();
});
