// Consoles against the sandbox's rfc flavor, where DELETE removes the user for good (a later GET
// is 404). This spec starts that sandbox itself (on the role-refresh spec's port: specs run one
// at a time) and a second console of the same build against it:
// - generic profile: DELETE is labelled a removal; the row leaves the list, and the user's page
//   says it is gone with its History, "Removed via DELETE";
// - SCIM_PROVIDER=okta (DELETE removes irreversibly): the admin must type the userName first.
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ROLE_SANDBOX_URL } from './support/env';
import { Sandbox } from './support/sandbox';
import { killGroup, signedInConsole, startSecondSandbox } from './support/second-console';

const DATA_DIR = '.data/e2e-rfc';
const host = new URL(ROLE_SANDBOX_URL).host;
let sandboxProcess: ChildProcess | undefined;
let rfc: Sandbox;

const consoleSettings = (extra: Record<string, string> = {}) => ({
  dataDir: `${DATA_DIR}/console`,
  env: { AUTH_OIDC_ISSUER: `${ROLE_SANDBOX_URL}/oidc`, SCIM_BASE_URL: `${ROLE_SANDBOX_URL}/scim/v2`, ...extra },
});

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(60_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const request = await playwright.request.newContext();
  sandboxProcess = await startSecondSandbox(request, `${DATA_DIR}/sandbox`, { SANDBOX_FLAVOR: 'rfc' });
  rfc = new Sandbox(request, ROLE_SANDBOX_URL);
});

test.afterAll(async () => {
  if (sandboxProcess) await killGroup(sandboxProcess);
});

test.beforeEach(async () => {
  rmSync(`${DATA_DIR}/console`, { recursive: true, force: true });
  await rfc.reset();
});

async function openDeactivate(page: Page, userName: string) {
  await page.goto(`/users?q=${encodeURIComponent(userName)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: userName, exact: true }) });
  await row.getByRole('button', { name: `Deactivate ${userName}` }).click();
  return { row, dialog: page.getByRole('dialog', { name: `Deactivate ${userName}` }) };
}

test('on an RFC server DELETE removes the user: the list drops it and its History says so', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, child } = await signedInConsole(browser, consoleSettings());
  try {
    const [kept, removed] = await rfc.findUsers('active eq true', 2);

    // PATCH deactivates and keeps the account, as anywhere.
    const first = await openDeactivate(page, kept!.userName);
    await first.dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(first.row.getByText('Inactive', { exact: true })).toBeVisible();
    // The row turns Inactive at once (optimistic): wait for the provider.
    await expect.poll(async () => (await rfc.getUser(kept!.id)).user?.active).toBe(false);

    // DELETE is labelled as the removal it is here, and removes.
    const { row, dialog } = await openDeactivate(page, removed!.userName);
    await expect(dialog.getByText('On this provider: Removes the account; it can be restored.')).toBeVisible();
    await dialog.getByRole('radio', { name: 'DELETE' }).check();
    await expect(dialog.getByText('This cannot be undone from the console.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status').filter({ hasText: `${removed!.userName} was removed from ${host}.` })).toBeVisible();
    await expect(row).toHaveCount(0);
    await expect.poll(async () => (await rfc.getUser(removed!.id)).status).toBe(404);

    // The user's page: gone from the provider, its History kept by the console.
    await page.goto(`/users/${removed!.id}`);
    await expect(page.getByRole('heading', { name: 'User not found', level: 1 })).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByText('Removed via DELETE')).toBeVisible();
    await expect(history.getByText('admin@example.com')).toBeVisible();
  } finally {
    await killGroup(child);
    await context.close();
  }
});

test('an irreversible DELETE needs the userName typed: a wrong one sends nothing', async ({ browser, expectAccessible }) => {
  test.setTimeout(90_000);
  // Okta's profile: DELETE removes the account permanently.
  const { context, page, child } = await signedInConsole(browser, consoleSettings({ SCIM_PROVIDER: 'okta' }));
  try {
    const [user] = await rfc.findUsers('active eq true', 1);
    const { row, dialog } = await openDeactivate(page, user!.userName);
    await dialog.getByRole('radio', { name: 'DELETE' }).check();
    await expect(dialog.getByText('On this provider: Removes the account permanently; it cannot be restored.')).toBeVisible();
    const typed = dialog.getByRole('textbox', { name: `Type ${user!.userName} to confirm` });
    await expect(typed).toBeVisible();
    await expectAccessible(page);

    await rfc.clearRequests();
    await typed.fill(`${user!.userName}x`);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByText('That is not the user name; nothing was sent.')).toBeVisible();
    await expect(typed).toBeFocused();
    expect((await rfc.requests()).filter((r) => r.method === 'DELETE')).toEqual([]);

    await typed.fill(user!.userName);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status').filter({ hasText: `${user!.userName} was removed from ${host}.` })).toBeVisible();
    await expect(row).toHaveCount(0);
    await expect.poll(async () => (await rfc.getUser(user!.id)).status).toBe(404);
  } finally {
    await killGroup(child);
    await context.close();
  }
});
