// Protected accounts, "why is this user off?" and the Security incident rule (issue 11).
import type { APIRequestContext } from '@playwright/test';
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL, PROTECTED_USER, storageStatePath } from './support/env';
import type { Sandbox, ScimUser } from './support/sandbox';

const json = { 'content-type': 'application/json', origin: CONSOLE_URL };

// The console's audit database outlives the sandbox's reset: each test writes a ticket nobody else writes.
const ticket = () => `LC-${Date.now()}`;

/** An active seeded user far past every other spec's picks. */
async function activeUser(sandbox: Sandbox, n: number): Promise<ScimUser> {
  const user = (await sandbox.findUsers('active eq true', 200))[n];
  if (!user) throw new Error(`the seed has fewer than ${n + 1} active users`);
  return user;
}

function patchActive(request: APIRequestContext, id: string, body: object) {
  return request.patch(`/api/users/${encodeURIComponent(id)}`, { headers: json, data: body });
}

test.describe('admin', () => {
  signedInAs('admin');

  test('cannot deactivate a protected account: the button says why, and the API refuses', async ({ page, sandbox, expectAccessible }) => {
    const [user] = await sandbox.findUsers(`userName eq "${PROTECTED_USER}"`);
    await page.goto(`/users?q=${encodeURIComponent(PROTECTED_USER)}`);
    const button = page.getByRole('button', { name: `Deactivate ${PROTECTED_USER}` });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription('Protected account');
    await button.click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectAccessible(page);

    const res = await patchActive(page.request, user!.id, { active: false });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe(
      `${PROTECTED_USER} is a protected account (PROTECTED_USERS): the console does not deactivate it.`,
    );
    const removed = await page.request.delete(`/api/users/${user!.id}`, { headers: json, data: {} });
    expect(removed.status()).toBe(403);
    expect((await sandbox.getUser(user!.id)).user?.active).toBe(true);
    expect(Object.keys(await sandbox.writes())).toEqual([]);

    // A bulk dry run names it as its own planned change.
    const dry = await page.request.post('/api/jobs/dry-run', {
      headers: json,
      data: { action: 'deactivate', users: { lines: [PROTECTED_USER] } },
    });
    expect((await dry.json()).items.map((i: { outcome: string }) => i.outcome)).toEqual(['protected']);
  });

  test('cannot deactivate their own account: the button says why, and the API refuses', async ({ page, sandbox }) => {
    const me = await sandbox.createUser('ada.admin@example.com', 'admin@example.com');
    await page.goto(`/users/${me.id}`);
    const button = page.getByRole('button', { name: `Deactivate ${me.userName}` });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription('Your own account');

    const res = await patchActive(page.request, me.id, { active: false });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe('You cannot deactivate your own account through the console.');
    expect((await sandbox.getUser(me.id)).user?.active).toBe(true);
  });

  test('why a user is off: the status on its page and the Inactive badge’s description on /users', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    const user = await activeUser(sandbox, 120);
    const t = ticket();
    const res = await patchActive(page.request, user.id, { active: false, reasonCode: 'Leaver', reason: 'moved to a partner', ticket: t });
    expect(res.status()).toBe(200);

    await page.goto(`/users/${user.id}`);
    const why = new RegExp(`^Deactivated .+ by admin@example\\.com — Leaver: moved to a partner \\(${t}\\)$`);
    await expect(page.getByText(why).filter({ visible: true })).toBeVisible();
    await expect(page.getByText('Inactive', { exact: true })).toHaveAccessibleDescription(why);
    await expectAccessible(page);

    await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: user.userName, exact: true }) });
    await expect(row.getByText('Inactive', { exact: true })).toHaveAccessibleDescription(why);

    // Switched on and off again outside the console: the console's reason no longer explains it.
    await sandbox.setActive(user.id, true);
    await page.reload();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await sandbox.setActive(user.id, false);
    await page.reload();
    await expect(row.getByText('Inactive', { exact: true })).toHaveAccessibleDescription(/^Deactivated outside the console .+/);
    await page.goto(`/users/${user.id}`);
    await expect(page.getByText(/^Deactivated outside the console .+/).filter({ visible: true })).toBeVisible();
  });
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('cannot reactivate a Security incident deactivation; another reason they can', async ({ page, playwright, sandbox }) => {
    const [incident, leaver] = [await activeUser(sandbox, 121), await activeUser(sandbox, 122)];
    const admin = await playwright.request.newContext({ baseURL: CONSOLE_URL, storageState: storageStatePath('admin') });
    const t = ticket();
    expect((await patchActive(admin, incident.id, { active: false, reasonCode: 'Security incident', ticket: t })).status()).toBe(200);
    expect((await patchActive(admin, leaver.id, { active: false, reasonCode: 'Leaver', ticket: t })).status()).toBe(200);
    await admin.dispose();

    await page.goto(`/users/${incident.id}`);
    const button = page.getByRole('button', { name: `Reactivate ${incident.userName}` });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription('Security incident: admins only');
    await expect(page.getByText(new RegExp(`— Security incident \\(${t}\\)$`)).filter({ visible: true })).toBeVisible();

    const res = await patchActive(page.request, incident.id, { active: true });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe('This user was deactivated for a Security incident: only an admin can reactivate it.');
    expect((await sandbox.getUser(incident.id)).user?.active).toBe(false);

    await page.goto(`/users/${leaver.id}`);
    await expect(page.getByRole('button', { name: `Reactivate ${leaver.userName}` })).toBeEnabled();
  });
});
