import { expect, signedInAs, test } from './fixtures';

signedInAs('helpdesk');

test('under repeated 503s every page says the SCIM provider is unavailable, and the banner clears by itself', async ({
  page,
  sandbox,
  expectAccessible,
}) => {
  // The banner follows a 10 s poll, twice (opening and clearing): more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  await page.goto('/users');
  await expect(page.getByText(/^Showing 1–25 of 500$/)).toBeVisible();
  const banner = page.getByRole('alert').filter({ hasText: 'SCIM provider unavailable' });
  await expect(banner).toHaveCount(0);

  // Every GET fails until the faults are cleared: the list's retries alone are enough to open it.
  await sandbox.fault({ kind: 'status', status: 503, count: 1000, method: 'GET' });
  await page.reload();
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('Last error:');
  await expect(banner).toContainText('Last successful call:');
  await expectAccessible(page);

  await sandbox.clearFaults();
  await page.reload();
  await expect(page.getByText(/^Showing 1–25 of 500$/)).toBeVisible();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
});
