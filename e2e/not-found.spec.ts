// Addresses that lead nowhere: the console's own not-found states, never Next's bare 404.
import { expect, signedInAs, test } from './fixtures';

signedInAs('admin');

test('an unknown address shows Page not found in the console’s look, with a way to the users', async ({ page, expectAccessible }) => {
  for (const path of ['/nonexistent', '/users/a/b']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
});

test('an id the API would refuse shows the same User not found as an unknown id, with nothing to retry', async ({ page }) => {
  for (const id of ['no-such-user-0000', '..%2F', 'x%3Fy']) {
    await page.goto(`/users/${id}`);
    await expect(page.getByRole('heading', { name: 'User not found', level: 1 }), id).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Back to users' })).toBeVisible();
  }
});

test('the page links an icon that is served', async ({ page }) => {
  await page.goto('/users');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('image/svg+xml');
});
