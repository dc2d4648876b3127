// Sign out on a shared desk: the next person must give their own password,
// even though the identity provider still has the last person's session.
import type { AuditPage } from '@/lib/audit-log/types';
import { expect, test } from './fixtures';
import { storageStatePath } from './support/env';
import { signIn } from './support/sign-in';

test('after Sign out, the next sign-in asks the identity provider for credentials again', async ({ browser, expectAccessible }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, 'admin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'You are signed out.' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();

  // A sign-in that starts elsewhere (a bookmark, sent to /signin by the console) asks too.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('button', { name: 'Sign in with Sandbox' }).click();
  await page.getByLabel('Email').fill('helpdesk@example.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  // Signed in as the account whose password was given: helpdesk may not deactivate.
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Deactivate / })).toHaveCount(0);
  await context.close();
});

test('a copy of the session cookie taken before Sign out is refused after it, by the API and by pages', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, 'admin');
  // What malware, a HAR file or a shared desk would keep.
  const copy = await context.storageState();
  expect((await page.request.get('/api/users?count=1')).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);

  const thief = await browser.newContext({ storageState: copy });
  const api = await thief.request.get('/api/users?count=1');
  expect(api.status()).toBe(401);
  expect(await (await thief.request.get('/api/auth/session')).json()).toEqual({});
  const stolen = await thief.newPage();
  await stolen.goto('/users');
  await expect(stolen.getByRole('button', { name: 'Sign in with Sandbox' })).toBeVisible();
  await expect(stolen.getByRole('heading', { name: 'Users' })).toHaveCount(0);
  await thief.close();
  await context.close();
});

test('a sign-in and a sign-out are in the audit log under their own Action, with the account and provider', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, 'auditor');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=1$/);
  await context.close();

  const admin = await browser.newContext({ storageState: storageStatePath('admin') });
  const audit = await admin.newPage();
  for (const [action, label] of [
    ['sign-out', 'Sign-out'],
    ['sign-in', 'Sign-in'],
  ] as const) {
    await audit.goto(`/audit?action=${action}&actor=auditor%40example.com`);
    await expect(audit.getByRole('combobox', { name: 'Action' })).toHaveValue(action);
    // Newest first: this test's event leads (earlier runs may have left more).
    const row = audit
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ has: audit.getByRole('cell') })
      .first();
    await expect(row).toContainText('auditor@example.com');
    await expect(row.getByRole('cell').nth(3)).toHaveText(`${label} oidc`);
    await expect(row.getByRole('cell').nth(4)).toContainText('Succeeded');
  }
  // The setup project signed the auditor in too, in another session: the newest sign-in is this test's only if it
  // carries the session id of the sign-out.
  const newest = async (action: string) => {
    const res = await admin.request.get(`/api/audit?${new URLSearchParams({ action, actor: 'auditor@example.com' })}`);
    return ((await res.json()) as AuditPage).entries[0]?.sessionId;
  };
  const session = await newest('sign-out');
  expect(session).toBeTruthy();
  expect(await newest('sign-in')).toBe(session);
  await admin.close();
});
