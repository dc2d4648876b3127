import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL } from './support/env';
import type { APIRequestContext } from '@playwright/test';

const json = { 'content-type': 'application/json', origin: CONSOLE_URL };
const patchActive = (request: APIRequestContext, id: string, active: boolean) =>
  request.patch(`/api/users/${id}`, { headers: json, data: { active } });

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('sees only Reactivate, and the API refuses its deactivation', async ({ page, sandbox }) => {
    const active = await sandbox.firstUser(true);
    const inactive = await sandbox.firstUser(false);
    await page.goto(`/users?q=${encodeURIComponent(inactive.userName)}`);
    await expect(page.getByRole('button', { name: `Reactivate ${inactive.userName}` })).toBeVisible();
    await page.goto(`/users?q=${encodeURIComponent(active.userName)}`);
    await expect(page.getByRole('link', { name: active.userName, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Deactivate / })).toHaveCount(0);

    await sandbox.clearRequests();
    const res = await patchActive(page.request, active.id, false);
    expect(res.status()).toBe(403);
    const del = await page.request.delete(`/api/users/${active.id}`, { headers: json, data: {} });
    expect(del.status()).toBe(403);
    expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
    expect((await sandbox.getUser(active.id)).user?.active).toBe(true);
  });
});

test.describe('auditor', () => {
  signedInAs('auditor');

  test('sees users but no action buttons, and the API refuses its changes', async ({ page, sandbox }) => {
    const active = await sandbox.firstUser(true);
    const inactive = await sandbox.firstUser(false);
    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: active.userName, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Deactivate|Reactivate) / })).toHaveCount(0);
    // The rows come with the HTML: the totals are the page's last read of its own.
    await expect(page.getByText(/^\d+ users · \d+ inactive$/)).toBeVisible();

    // The console refuses before the provider is asked (the auditor's token is read-only anyway).
    await sandbox.clearRequests();
    expect((await patchActive(page.request, active.id, false)).status()).toBe(403);
    expect((await patchActive(page.request, inactive.id, true)).status()).toBe(403);
    expect((await page.request.delete(`/api/users/${active.id}`, { headers: json, data: {} })).status()).toBe(403);
    expect(await sandbox.requests()).toEqual([]);
  });
});

test.describe('no role', () => {
  signedInAs('nobody');

  test('sees No access and the API answers 403', async ({ page, sandbox, expectAccessible }) => {
    const user = await sandbox.firstUser(true);
    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expectAccessible(page);
    expect((await page.request.get('/api/users')).status()).toBe(403);
    expect((await page.request.get(`/api/users/${user.id}`)).status()).toBe(403);
    expect((await patchActive(page.request, user.id, false)).status()).toBe(403);
  });
});
