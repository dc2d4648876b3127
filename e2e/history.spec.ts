// A user's History: what the console did, who did it and why, and what changed outside it.
import type { Page } from '@playwright/test';
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL, storageStatePath } from './support/env';
import type { Sandbox, ScimUser } from './support/sandbox';

// The console's audit database outlives the sandbox's reset between tests, so each
// test looks for its own entries by a reason nobody else writes.
const tag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** An active seeded user no other spec's firstUser() picks. */
async function activeUser(sandbox: Sandbox, n: number): Promise<ScimUser> {
  const users = await sandbox.findUsers('active eq true', 40);
  const user = users[n];
  if (!user) throw new Error(`the seed has fewer than ${n + 1} active users`);
  return user;
}

async function change(page: Page, userName: string, mode: 'Deactivate' | 'Reactivate', reason: string) {
  await page.getByRole('button', { name: `${mode} ${userName}` }).click();
  const dialog = page.getByRole('dialog', { name: `${mode} ${userName}` });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('admin', () => {
  signedInAs('admin');

  test('after deactivating and reactivating, History shows both, newest first, with actor and reason', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    const user = await activeUser(sandbox, 20);
    const t = tag();
    await page.goto(`/users/${user.id}`);
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toBeVisible();

    await change(page, user.userName, 'Deactivate', `Left the team ${t}`);
    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
    const entries = history.getByRole('listitem');
    await expect(entries.first()).toContainText('Deactivated via PATCH');
    await expect(entries.first()).toContainText(`Left the team ${t}`);

    await change(page, user.userName, 'Reactivate', `Back from leave ${t}`);
    await expect(page.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
    await expect(entries.first()).toContainText('Reactivated');
    await expect(entries.first()).toContainText(`Back from leave ${t}`);
    await expect(entries.first()).toContainText('admin@example.com');
    await expect(entries.nth(1)).toContainText('Deactivated via PATCH');
    await expect(entries.nth(1)).toContainText(`Left the team ${t}`);
    await expect(entries.nth(1)).toContainText('admin@example.com');
    // before → after versions, as the provider numbered them
    await expect(entries.first()).toContainText('→');

    // Still there on a fresh load, from the server.
    await page.reload();
    await expect(entries.first()).toContainText(`Back from leave ${t}`);
    await expect(entries.nth(1)).toContainText(`Left the team ${t}`);
    await expectAccessible(page);
  });

  test('a change made directly in the sandbox shows as outside the console on the next view', async ({ page, sandbox }) => {
    const user = await activeUser(sandbox, 21);
    await page.goto(`/users/${user.id}`);
    const history = page.getByRole('region', { name: 'History' });
    // The console has now seen the user as it is.
    await expect(history.getByRole('listitem').or(history.getByText('No changes recorded yet.')).first()).toBeVisible();

    await sandbox.setActive(user.id, false);
    await page.reload();

    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
    const latest = history.getByRole('listitem').first();
    await expect(latest).toContainText('Changed outside the console: active → inactive');
    await expect(latest.getByText('Outside the console', { exact: true })).toBeVisible();
  });

  test('a 412 says what the user is now and changes nothing until asked again', async ({ page, sandbox }) => {
    const user = await activeUser(sandbox, 22);
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole('button', { name: `Deactivate ${user.userName}` })).toBeVisible();
    await sandbox.setActive(user.id, false);
    const now = (await sandbox.getUser(user.id)).user!;
    await sandbox.clearRequests();

    await change(page, user.userName, 'Deactivate', 'Stale attempt');
    const alert = page.getByRole('alert').filter({ hasText: 'changed since you loaded it' });
    await expect(alert).toContainText(`It is now Inactive (version ${now.meta.version})`);
    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
    // Nothing was re-applied behind the admin's back.
    const writes = (await sandbox.requests()).filter((r) => r.method !== 'GET');
    // null: never answered, so perhaps applied; it counts too.
    expect(writes.filter((r) => r.status === null || r.status < 300)).toEqual([]);
    expect((await sandbox.getUser(user.id)).user?.meta.version).toBe(now.meta.version);
  });
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('sees the History region, and in it who deactivated a user and why', async ({ page, sandbox, playwright }) => {
    const user = await activeUser(sandbox, 23);
    const reason = `Laptop stolen ${tag()}`;
    const admin = await playwright.request.newContext({ baseURL: CONSOLE_URL, storageState: storageStatePath('admin') });
    const res = await admin.patch(`/api/users/${user.id}`, {
      headers: { 'content-type': 'application/json', origin: CONSOLE_URL },
      data: { active: false, reason },
    });
    expect(res.status(), await res.text()).toBe(200);
    await admin.dispose();

    await page.goto(`/users/${user.id}`);
    const latest = page.getByRole('region', { name: 'History' }).getByRole('listitem').first();
    await expect(latest).toContainText('Deactivated via PATCH');
    await expect(latest).toContainText(reason);
    await expect(latest).toContainText('admin@example.com');
    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
  });
});
