// The audit log: who may read it, its filters in the URL, and the CSV export.
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { expect, signedInAs, test } from './fixtures';
import { csvRecords } from './support/csv';
import { CONSOLE_URL, storageStatePath } from './support/env';
import type { Sandbox, ScimUser } from './support/sandbox';

// The console's audit database outlives the sandbox's reset between tests: every
// assertion filters by its own target user and a reason nobody else writes.
const tag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const CSV_HEADER = [
  'at',
  'finished_at',
  'actor_email',
  'actor_sub',
  'target_user_name',
  'target_id',
  'action',
  'method',
  'outcome',
  'reason',
  'active_before',
  'active_after',
  'version_before',
  'version_after',
  'upstream_status',
  'error',
  'request_id',
  'id',
  'job_id',
  'session_id',
  'provider',
  'call_identity',
  'reason_code',
  'ticket',
];

async function activeUser(sandbox: Sandbox, n: number): Promise<ScimUser> {
  const user = (await sandbox.findUsers('active eq true', 40))[n];
  if (!user) throw new Error(`the seed has fewer than ${n + 1} active users`);
  return user;
}

/** Changes a user through the console's API with the signed-in session, as the dialog does. */
async function setActive(request: APIRequestContext, id: string, active: boolean, reason: string) {
  const res = await request.patch(`/api/users/${id}`, {
    headers: { 'content-type': 'application/json', origin: CONSOLE_URL },
    data: { active, reason },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const deactivate = (request: APIRequestContext, id: string, reason: string) => setActive(request, id, false, reason);

test.describe('admin', () => {
  signedInAs('admin');

  test('the CSV export holds the row and survives a reason with commas, quotes, newlines and a formula', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    const user = await activeUser(sandbox, 30);
    const t = tag();
    const reason = `=HYPERLINK("https://evil.example/?q=1,2","click me"), said "the boss"\nsecond line ${t}`;
    await page.goto(`/users/${user.id}`);
    await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();

    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'User' }).fill(user.userName);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const byTarget = new URLSearchParams({ target: user.userName });
    await expect(page).toHaveURL(`/audit?${byTarget}`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect(table.getByRole('row').filter({ hasText: `second line ${t}` })).toHaveCount(1);
    const link = page.getByRole('link', { name: 'Export CSV' });
    await expect(link).toHaveAttribute('href', `/api/audit/export?${byTarget}`);
    await expect(link).toHaveAttribute('download');
    await expectAccessible(page);

    // What the admin's browser saves: the CSV itself (Next gzips the response on the way; the browser must undo that).
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = readFileSync(await download.path());
    expect([...saved.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvRecords(saved.toString('utf8')).header).toEqual(CSV_HEADER);

    const res = await page.request.get(`/api/audit/export?${byTarget}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { header, records } = csvRecords(await res.text());
    expect(header).toEqual(CSV_HEADER);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.target_user_name === user.userName)).toBe(true);
    const mine = records.filter((r) => r.reason === `'${reason}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      actor_email: 'admin@example.com',
      target_id: user.id,
      action: 'deactivate',
      method: 'PATCH',
      outcome: 'succeeded',
      active_before: 'true',
      active_after: 'false',
      version_before: user.meta.version,
    });
  });

  test('the filters narrow the log, live in the URL and survive reload and Back', async ({ page, sandbox }) => {
    const [a, b] = [await activeUser(sandbox, 31), await activeUser(sandbox, 32)];
    const t = tag();
    await deactivate(page.request, a.id, `filter test A ${t}`);
    await deactivate(page.request, b.id, `filter test B ${t}`);

    await page.goto('/audit');
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect(table.getByRole('row').filter({ hasText: `filter test B ${t}` })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: `filter test A ${t}` })).toHaveCount(1);

    await page.getByRole('textbox', { name: 'User' }).fill(a.userName);
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Deactivate' });
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Succeeded' });
    await page.getByRole('textbox', { name: 'Actor' }).fill('admin@example.com');
    await page.getByRole('button', { name: 'Apply filters' }).click();

    const filtered = new URLSearchParams({ actor: 'admin@example.com', target: a.userName, action: 'deactivate', outcome: 'succeeded' });
    await expect(page).toHaveURL(`/audit?${filtered}`);
    await expect(table.getByRole('row').filter({ hasText: `filter test A ${t}` })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: `filter test B ${t}` })).toHaveCount(0);
    const bodyRows = table.getByRole('row').filter({ has: page.getByRole('cell') });
    for (const row of await bodyRows.all()) await expect(row.getByRole('link')).toHaveText(a.userName);

    await page.reload();
    await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue(a.userName);
    await expect(page.getByRole('combobox', { name: 'Outcome' })).toHaveValue('succeeded');
    await expect(table.getByRole('row').filter({ hasText: `filter test A ${t}` })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: `filter test B ${t}` })).toHaveCount(0);

    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page).toHaveURL('/audit');
    await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue('');
    await expect(table.getByRole('row').filter({ hasText: `filter test B ${t}` })).toHaveCount(1);
    await page.goBack();
    await expect(page).toHaveURL(`/audit?${filtered}`);
    await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue(a.userName);
    await expect(table.getByRole('row').filter({ hasText: `filter test B ${t}` })).toHaveCount(0);

    // A range that ends before it starts: the API's message, in an alert.
    await page.getByLabel('From', { exact: true }).fill('2030-01-02');
    await page.getByLabel('To', { exact: true }).fill('2030-01-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'must not be before from' })).toBeVisible();
    // The export would refuse the same filters: no link to a JSON error.
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  });

  test('a filter in the address it does not understand is named once, and the form, results and export agree', async ({
    page,
    sandbox,
  }) => {
    const user = await activeUser(sandbox, 35);
    const t = tag();
    await deactivate(page.request, user.id, `bogus filter test ${t}`);

    await page.goto(`/audit?${new URLSearchParams({ target: user.userName, action: 'bogus' })}`);
    await expect(
      page.getByRole('alert').filter({ hasText: 'Some filters in the address were not understood and were ignored: action.' }),
    ).toBeVisible();
    // The form shows what is applied: the user, and no action filter.
    await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue(user.userName);
    await expect(page.getByRole('combobox', { name: 'Action' })).toHaveValue('');
    const table = page.getByRole('table', { name: 'Audit log' });
    await expect(table.getByRole('row').filter({ hasText: `bogus filter test ${t}` })).toHaveCount(1);
    await expect(page.getByText('These filters cannot be used')).toHaveCount(0);
    const byTarget = new URLSearchParams({ target: user.userName });
    const link = page.getByRole('link', { name: 'Export CSV' });
    await expect(link).toHaveAttribute('href', `/api/audit/export?${byTarget}`);
    const res = await page.request.get(`/api/audit/export?${byTarget}`);
    expect(res.status()).toBe(200);
    expect(csvRecords(await res.text()).records.map((r) => r.reason)).toContain(`bogus filter test ${t}`);

    // Applying the form leaves a clean address, and the message goes.
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(`/audit?${byTarget}`);
    await expect(page.getByText('Some filters in the address were not understood')).toHaveCount(0);
  });

  test('at 720 px wide the page does not scroll sideways: the table scrolls in its frame', async ({ page, sandbox }) => {
    const user = await activeUser(sandbox, 36);
    await deactivate(page.request, user.id, `narrow test ${tag()}`);
    await page.setViewportSize({ width: 720, height: 900 });
    await page.goto('/audit');
    await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').nth(1)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(720);
  });

  test('on a phone the filters wait behind a Filters button', async ({ page, expectAccessible }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/audit');
    const form = page.getByRole('form', { name: 'Filters' });
    const toggle = page.getByRole('button', { name: 'Filters' });
    await expect(form).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(form).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'Actor' })).toBeVisible();
    await expectAccessible(page);
  });

  test('keyset pages: Next page, Previous page and First page, with the cursor in the URL', async ({ page, sandbox }) => {
    const user = await activeUser(sandbox, 34);
    const t = tag();
    // 52 entries for one user: a full page of 50 and 2 more.
    for (let i = 0; i < 52; i++) await setActive(page.request, user.id, i % 2 === 1, `page test ${t} [${i}]`);

    const byTarget = new URLSearchParams({ target: user.userName });
    await page.goto(`/audit?${byTarget}`);
    const table = page.getByRole('table', { name: 'Audit log' });
    const mine = table.getByRole('row').filter({ hasText: `page test ${t}` });
    await expect(mine).toHaveCount(50);
    await expect(mine.first()).toContainText('[51]');
    await expect(page.getByRole('button', { name: 'Previous page' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/[?&]cursor=/);
    await expect(mine).toHaveCount(2);
    await expect(mine.first()).toContainText('[1]');
    await expect(mine.last()).toContainText('[0]');

    await page.reload();
    await expect(mine).toHaveCount(2);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect(page).toHaveURL(`/audit?${byTarget}`);
    await expect(mine.first()).toContainText('[51]');

    await page.goBack();
    await expect(mine).toHaveCount(2);
    await page.getByRole('link', { name: 'First page' }).click();
    await expect(page).toHaveURL(`/audit?${byTarget}`);
    await expect(mine).toHaveCount(50);
  });
});

test.describe('auditor', () => {
  signedInAs('auditor');

  test('opens the audit log from the header and sees entries', async ({ page, sandbox, playwright, expectAccessible }) => {
    const user = await activeUser(sandbox, 33);
    const reason = `auditor sees this ${tag()}`;
    const admin = await playwright.request.newContext({ baseURL: CONSOLE_URL, storageState: storageStatePath('admin') });
    await deactivate(admin, user.id, reason);
    await admin.dispose();

    await page.goto('/users');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    const row = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name: user.userName })).toHaveAttribute('href', `/users/${user.id}`);
    await expect(row).toContainText('admin@example.com');
    await expect(row).toContainText('Succeeded');
    await expect(page.getByRole('link', { name: 'Export CSV' })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('cannot reach the audit log or its CSV', async ({ page }) => {
    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'No access', level: 1 })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);

    expect((await page.request.get('/api/audit')).status()).toBe(403);
    const csv = await page.request.get('/api/audit/export');
    expect(csv.status()).toBe(403);
    expect(csv.headers()['content-type']).not.toContain('text/csv');
  });
});
