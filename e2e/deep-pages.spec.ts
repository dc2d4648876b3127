import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

// Salesforce refuses startIndex past 2,000; the sandbox's limit is lowered to 100 here so
// 500 seeded users reach it. Past it the console pages by keyset (`id gt` the last id).
test('an admin pages past the provider’s start index limit and back', async ({ page, sandbox }) => {
  await sandbox.setOptions({ maxStartIndex: 100 });
  // The sandbox lists in id order, as keyset pages read them.
  const ordered = await sandbox.findUsers('userName pr', 200);
  const rowAt = (n: number) => page.getByRole('link', { name: ordered[n - 1]!.userName, exact: true });
  await page.goto('/users?startIndex=76');
  await expect(page.getByText(/^Showing 76–100 of 500$/)).toBeVisible();
  await expect(rowAt(76)).toBeVisible();

  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(/^Showing 101–125 of 500$/)).toBeVisible();
  await expect(rowAt(101)).toBeVisible();
  await expect(rowAt(125)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`startIndex=101&after=${ordered[99]!.id}$`));
  const filters = (await sandbox.requests()).map((r) => r.query.filter).filter(Boolean);
  expect(filters).toContain(`id gt "${ordered[99]!.id}"`);

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(/^Showing 126–150 of 500$/)).toBeVisible();
  await expect(rowAt(126)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`after=${ordered[99]!.id}%2C${ordered[124]!.id}$`));

  // A reload of a keyset page reads the same rows.
  await page.reload();
  await expect(rowAt(126)).toBeVisible();

  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText(/^Showing 101–125 of 500$/)).toBeVisible();
  await expect(rowAt(101)).toBeVisible();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText(/^Showing 76–100 of 500$/)).toBeVisible();
  await expect(rowAt(76)).toBeVisible();
});
