import { expect, test } from '@playwright/test';

test('the landing page names the product', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'SCIM Console' })).toBeVisible();
});
