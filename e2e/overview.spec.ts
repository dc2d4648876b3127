// The overview at `/`: totals that agree with the list, a chart whose table
// agrees with the audit log, and who sees what.
import type { APIRequestContext, Page } from '@playwright/test';
import type { AuditPage } from '@/lib/audit-log/types';
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL } from './support/env';
import type { Sandbox, ScimUser } from './support/sandbox';

type Row = { deactivations: number; reactivations: number; failures: number; outside: number };

const todayIso = () => new Date().toISOString().slice(0, 10);

/** Today's row (UTC) of the chart's table, opened under "Show as table". */
async function todaysRow(page: Page): Promise<Row> {
  const chart = page.getByRole('region', { name: 'Changes per day' });
  await chart.getByText('Show as table').click();
  const table = chart.getByRole('table', { name: 'Changes per day' });
  await expect(table).toBeVisible();
  const row = table.getByRole('row').filter({ has: page.locator(`time[datetime="${todayIso()}"]`) });
  const cells = (await row.getByRole('cell').allTextContents()).map(Number);
  expect(cells).toHaveLength(4);
  const [deactivations, reactivations, failures, outside] = cells as [number, number, number, number];
  return { deactivations, reactivations, failures, outside };
}

/** Today's console changes as GET /api/audit lists them, counted the way the chart counts. */
async function auditCountsToday(request: APIRequestContext): Promise<Omit<Row, 'outside'>> {
  const counts = { deactivations: 0, reactivations: 0, failures: 0 };
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ from: todayIso(), to: todayIso(), limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await request.get(`/api/audit?${query}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as AuditPage;
    for (const e of page.entries) {
      // Sign-ins and sign-outs are in the log too; the chart counts activation changes only.
      if (e.action !== 'deactivate' && e.action !== 'reactivate') continue;
      const intended = e.action === 'reactivate';
      const took = e.outcome === 'succeeded' || (e.outcome === 'reconciled' && e.activeAfter === intended);
      if (took) counts[e.action === 'deactivate' ? 'deactivations' : 'reactivations'] += 1;
      else if (e.outcome !== 'pending') counts.failures += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}

async function setActive(request: APIRequestContext, id: string, active: boolean, expected = 200) {
  const res = await request.patch(`/api/users/${id}`, {
    headers: { 'content-type': 'application/json', origin: CONSOLE_URL },
    data: { active, reason: 'overview e2e' },
  });
  expect(res.status(), await res.text()).toBe(expected);
}

async function activeUser(sandbox: Sandbox, n: number): Promise<ScimUser> {
  const user = (await sandbox.findUsers('active eq true', 60))[n];
  if (!user) throw new Error(`the seed has fewer than ${n + 1} active users`);
  return user;
}

/** The number shown for a total (`Active`, `Inactive`) in the Totals region. */
async function total(page: Page, label: 'Active' | 'Inactive'): Promise<number> {
  const totals = page.getByRole('region', { name: 'Totals' });
  const card = totals.locator('div').filter({ has: page.getByRole('term').filter({ hasText: label }) });
  const value = card.getByRole('definition').first();
  await expect(value).toHaveText(/^\d[\d,]*$/);
  return Number((await value.textContent())!.replaceAll(',', ''));
}

test.describe('admin', () => {
  signedInAs('admin');

  test('the totals match the users list’s totals, and `/` is accessible in light and dark', async ({ page, sandbox, expectAccessible }) => {
    await sandbox.setActive((await activeUser(sandbox, 50)).id, false); // not the seed's numbers only
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const active = await total(page, 'Active');
    const inactive = await total(page, 'Inactive');
    await expect(page.getByRole('img', { name: 'Changes per day' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Latest changes' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Needs attention' })).toBeVisible();
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('link', { name: 'Show inactive users' }).click();
    await expect(page.getByText(new RegExp(`^Showing 1–\\d+ of ${inactive}$`))).toBeVisible();
    await page.goto('/users?status=active');
    await expect(page.getByText(new RegExp(`^Showing 1–\\d+ of ${active}$`))).toBeVisible();
  });

  test('today’s row of the chart’s table counts the changes just made, and matches the audit log', async ({ page, sandbox }) => {
    const [changed, failing, elsewhere] = [await activeUser(sandbox, 51), await activeUser(sandbox, 52), await activeUser(sandbox, 53)];
    // The console reads each first, so what it sees next is measured against today's state.
    for (const user of [changed, failing, elsewhere]) expect((await page.request.get(`/api/users/${user.id}`)).status()).toBe(200);

    await page.goto('/');
    const before = await todaysRow(page);

    await setActive(page.request, changed.id, false);
    await setActive(page.request, changed.id, true);
    await sandbox.fault({ kind: 'status', status: 400, count: 1, method: 'PATCH' });
    await setActive(page.request, failing.id, false, 400);
    await sandbox.setActive(elsewhere.id, false);
    expect((await page.request.get(`/api/users/${elsewhere.id}`)).status()).toBe(200); // the console notices

    await page.reload();
    const after = await todaysRow(page);
    expect(after).toEqual({
      deactivations: before.deactivations + 1,
      reactivations: before.reactivations + 1,
      failures: before.failures + 1,
      outside: before.outside + 1,
    });
    expect({ deactivations: after.deactivations, reactivations: after.reactivations, failures: after.failures }).toEqual(
      await auditCountsToday(page.request),
    );

    // The failure needs attention, and the latest changes link to the users' pages.
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await expect(attention.getByRole('link', { name: failing.userName })).toHaveAttribute('href', `/users/${failing.id}`);
    const latest = page.getByRole('region', { name: 'Latest changes' });
    await expect(latest.getByRole('link', { name: elsewhere.userName }).first()).toBeVisible();
    await latest.getByRole('link', { name: changed.userName }).first().click();
    await expect(page).toHaveURL(`/users/${changed.id}`);
    await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
  });
});

test.describe('auditor', () => {
  signedInAs('auditor');

  test('sees the totals and the chart', async ({ page }) => {
    await page.goto('/');
    await total(page, 'Active');
    await expect(page.getByRole('img', { name: 'Changes per day' })).toBeVisible();
  });
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('sees the totals but nothing from the audit log, and `/` is accessible in dark', async ({ page, expectAccessible }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await total(page, 'Inactive');
    await expect(page.getByRole('link', { name: 'list of inactive users' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Changes per day' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Latest changes' })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe('no role', () => {
  signedInAs('nobody');

  test('sees No access at `/`', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Overview' })).toHaveCount(0);
  });
});
