// The first page arrives with the HTML: /users and /users/[id] are read on the
// server through the API's own route logic and handed to TanStack Query, so no
// browser round trip precedes the first row (docs/decisions/0006-browser-data-and-retries.md).
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL, storageStatePath } from './support/env';

signedInAs('helpdesk');

test('the server HTML of /users and /users/[id] already holds the users', async ({ playwright, sandbox }) => {
  const user = await sandbox.firstUser(true);
  const request = await playwright.request.newContext({ baseURL: CONSOLE_URL, storageState: storageStatePath('helpdesk') });
  try {
    // React separates adjacent text parts with <!-- -->: compare the text without them.
    const html = async (path: string) => {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(200);
      return (await res.text()).replaceAll('<!-- -->', '');
    };

    const list = await html('/users');
    expect(list).toContain('Showing 1–25 of 500');

    const found = await html(`/users?q=${encodeURIComponent(user.userName)}`);
    expect(found).toContain(`>${user.userName}</a>`);
    expect(found).toContain('Showing 1–1 of 1');

    const detail = await html(`/users/${encodeURIComponent(user.id)}`);
    expect(detail).toContain(`<code class="font-mono break-all">${user.id}</code>`);
  } finally {
    await request.dispose();
  }
});

test('the browser shows the server-rendered page without asking /api/users for it again', async ({ page, sandbox }) => {
  const listCalls: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/users') listCalls.push(url.search);
  });
  // A hydration mismatch would make React throw the server's HTML away and render again in the browser.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/users');
  await expect(page.getByText(/^Showing 1–25 of 500$/)).toBeVisible();
  // The totals are the browser's own call, made at the same moment a list call would be: once they show, none was made.
  await expect(page.getByText(/^500 users · \d+ inactive$/)).toBeVisible();
  expect(listCalls).toEqual([]);

  // Paging is still the browser's own call.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(/^Showing 26–50 of 500$/)).toBeVisible();
  expect(listCalls).toHaveLength(1);

  const user = await sandbox.firstUser(true);
  await page.goto(`/users/${encodeURIComponent(user.id)}`);
  await expect(page.getByRole('button', { name: 'Copy id' })).toBeVisible();
  await expect(page.locator('code', { hasText: user.id })).toBeVisible();
  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
});

test.describe('in a browser with another time zone and language than the server', () => {
  test.use({ timezoneId: 'America/New_York', locale: 'de-DE' });

  test('a user changed a moment ago hydrates without a mismatch, and answers the first click', async ({ page, sandbox }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    // Changed just now: its lastModified is seconds old, so any clock the server reads shows.
    const user = await sandbox.firstUser(false);
    await sandbox.setExternalId(user.id, 'okta-hydration');

    await page.goto(`/users/${encodeURIComponent(user.id)}`);
    // Hydrated: the button opens its dialog (before hydration, or after a failed one, a click is lost).
    await page.getByRole('button', { name: `Reactivate ${user.userName}` }).click();
    await expect(page.getByRole('dialog', { name: `Reactivate ${user.userName}` })).toBeVisible();
    // The browser's own time zone once hydrated (the server renders UTC).
    await expect(
      page
        .locator('time')
        .filter({ hasText: /GMT-5|EST|GMT-4|EDT/ })
        .first(),
    ).toBeVisible();

    await page.goto('/users?status=inactive');
    await expect(page.getByText(/^Showing 1–\d+ of \d+$/)).toBeVisible();
    await page.getByRole('button', { name: `Reactivate ${user.userName}` }).click();
    await expect(page.getByRole('dialog', { name: `Reactivate ${user.userName}` })).toBeVisible();
    expect(errors).toEqual([]);
  });
});
