// Time-boxed reactivation and scheduled changes (issue 11) on a short clock: a console of the
// same build with the console's own SCIM identity (sandbox-cli's client credentials, SCIM_AUTH
// stays `user`), a one-second scheduler tick and a five-second "hour". It runs on the crash
// spec's port, which the sandbox accepts sign-ins for. Exactly-once across two instances is
// shown here with two consoles on one PostgreSQL database, and in lib/server/jobs/schedule.test.ts
// (two workers, two pools on a PostgreSQL server where TEST_POSTGRES_URL is set).
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CRASH_CONSOLE_URL, ISSUER, PEER_CONSOLE_URL } from './support/env';
import { startPostgres } from './support/postgres';
import { killGroup, signedInConsole, startConsole, waitUntilUp } from './support/second-console';
import { signIn } from './support/sign-in';

const settings = {
  dataDir: '.data/e2e-schedule',
  env: {
    SCIM_CLIENT_ID: 'sandbox-cli',
    SCIM_CLIENT_SECRET: 'sandbox-cli-secret',
    SCIM_TOKEN_URL: `${ISSUER}/token`,
    SCIM_SCOPE: 'scim:read scim:write',
    SCHEDULER_TICK_SECONDS: '1',
    REACTIVATION_HOUR_SECONDS: '5',
  },
};

test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));

const history = (page: Page) => page.getByRole('region', { name: 'History' });

test('a helpdesk reactivates for the shortest time; the user goes off again by itself, and History names both', async ({
  browser,
  sandbox,
}) => {
  test.setTimeout(120_000);
  const { context, page, child } = await signedInConsole(browser, settings);
  try {
    // The admin's session is not needed: sign in again as helpdesk. Leave the users page first: its
    // requests, refused once the cookies are gone, would send it to /signin while we navigate there.
    await page.goto('about:blank');
    await context.clearCookies();
    await signIn(page, 'helpdesk');
    const user = await sandbox.firstUser(false);
    await page.goto(`/users/${encodeURIComponent(user.id)}`);
    await page.getByRole('button', { name: `Reactivate ${user.userName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reactivate ${user.userName}` });
    const lasts = dialog.getByRole('combobox', { name: 'For' });
    // Helpdesk may not choose Permanently while a service identity exists.
    await expect(lasts.getByRole('option')).toHaveText(['1 hour', '4 hours', '8 hours', '24 hours', 'Until…']);
    await lasts.selectOption({ label: '1 hour' });
    await dialog.getByRole('combobox', { name: 'Reason code' }).selectOption('Leave of absence');
    await dialog.getByRole('textbox', { name: 'Ticket' }).fill('HD-42');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('status').getByText(`${user.userName} reactivated.`)).toBeVisible();
    await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active).toBe(true);

    // Five seconds later (the test's "hour") the console deactivates the user again with its own credential.
    await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active, { timeout: 30_000 }).toBe(false);
    await page.reload();
    await expect(history(page).getByText('Deactivated when the reactivation expired', { exact: true })).toBeVisible();
    await expect(history(page).getByText('Reactivated', { exact: true })).toBeVisible();
    const expired = history(page)
      .getByRole('listitem')
      .filter({ has: page.getByText('Deactivated when the reactivation expired', { exact: true }) });
    await expect(expired).toContainText('helpdesk@example.com');
    await expect(expired).toContainText('HD-42');
  } finally {
    await killGroup(child);
    await context.close();
  }
});

test('an admin sees Reactivated until, extends it and makes it permanent; schedules a deactivation, sees it on /schedule and cancels it', async ({
  browser,
  sandbox,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const { context, page, child } = await signedInConsole(browser, settings);
  try {
    const off = await sandbox.firstUser(false);
    await page.goto(`/users/${encodeURIComponent(off.id)}`);
    await page.getByRole('button', { name: `Reactivate ${off.userName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reactivate ${off.userName}` });
    await expect(dialog.getByRole('combobox', { name: 'For' }).getByRole('option', { name: 'Permanently' })).toBeAttached();
    await dialog.getByRole('combobox', { name: 'For' }).selectOption({ label: '24 hours' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const until = page.getByText('Reactivated until');
    await expect(until).toBeVisible();
    // Extend: the reactivation ends 1 hour from now instead of 24 (the dialog loads on its first use).
    const in24Hours = await until.textContent();
    await page.getByRole('button', { name: 'Extend' }).click();
    const extend = page.getByRole('dialog', { name: `Extend the reactivation of ${off.userName}` });
    await extend.getByRole('combobox', { name: 'For' }).selectOption({ label: '1 hour' });
    await expectAccessible(page);
    await extend.getByRole('button', { name: 'Confirm' }).click();
    await expect(extend).toBeHidden();
    await expect(until).not.toHaveText(in24Hours ?? '');
    await expect(until).toBeVisible();
    await page.getByRole('button', { name: 'Make permanent' }).click();
    await expect(page.getByText('Reactivated until')).toBeHidden();

    const on = await sandbox.firstUser(true);
    await page.goto(`/users/${encodeURIComponent(on.id)}`);
    await page.getByRole('button', { name: `Deactivate ${on.userName}` }).click();
    const confirm = page.getByRole('dialog', { name: `Deactivate ${on.userName}` });
    await confirm.getByRole('combobox', { name: 'Reason code' }).selectOption('Leaver');
    await confirm.getByRole('textbox', { name: 'Ticket' }).fill('HR-7');
    await confirm.getByRole('button', { name: 'Schedule…' }).click();
    // A time already past is refused in the field (components/schedule/future-time-field.tsx); the dialog stays.
    const when = confirm.getByLabel('When');
    await when.fill('2020-01-01T09:00');
    await confirm.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(when).toHaveAttribute('aria-invalid', 'true');
    await expect(when).toHaveAccessibleDescription('Choose a date and time in the future.');
    await expect(confirm).toBeVisible();
    // A month ahead, at 17:30 on the browser's clock (at most a year ahead is allowed).
    const day = new Date(Date.now() + 30 * 24 * 3_600_000);
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}T17:30`;
    await when.fill(local);
    await expect(when).not.toHaveAttribute('aria-invalid');
    await confirm.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByRole('status').getByText(`Deactivation of ${on.userName} scheduled.`)).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
    const table = page.getByRole('table', { name: 'Scheduled changes' });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: on.userName }) });
    await expect(row).toContainText('Deactivate');
    await expect(row).toContainText(String(day.getFullYear()));
    await expect(row).toContainText('admin@example.com');
    await expect(row).toContainText('Leaver');
    await expect(row).toContainText('HR-7');
    await expectAccessible(page);
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeHidden();
    expect((await sandbox.getUser(on.id)).user?.active).toBe(true);
  } finally {
    await killGroup(child);
    await context.close();
  }
});

test('a change due while the console was stopped runs when it is back, and History says it ran late', async ({ browser, sandbox }) => {
  test.setTimeout(150_000);
  const first = await signedInConsole(browser, settings);
  const { context, page } = first;
  let child = first.child;
  try {
    const user = await sandbox.firstUser(true);
    const runAt = new Date(Date.now() + 4000).toISOString();
    const res = await page.request.post('/api/schedule', {
      headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' },
      data: { action: 'deactivate', runAt, reasonCode: 'Leaver', users: { ids: [user.id] } },
    });
    expect(res.status()).toBe(201);
    // Every console instance is down when it falls due.
    await killGroup(child);
    await expect.poll(() => Date.now() > Date.parse(runAt) + 3000, { timeout: 20_000 }).toBe(true);
    expect((await sandbox.getUser(user.id)).user?.active).toBe(true);

    child = startConsole(settings);
    await waitUntilUp(context.request);
    await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active, { timeout: 30_000 }).toBe(false);
    expect((await sandbox.writes())[user.id]).toMatchObject({ succeeded: 1 });
    await page.goto(`/users/${encodeURIComponent(user.id)}`);
    await expect(history(page).getByText('Deactivated via PATCH as scheduled (ran late)', { exact: true })).toBeVisible();
    await expect(history(page).getByText('Deactivation scheduled', { exact: true })).toBeVisible();
  } finally {
    await killGroup(child);
    await context.close();
  }
});

test('a scheduled deactivation runs once while two console instances are up on one PostgreSQL database', async ({ browser, sandbox }) => {
  test.setTimeout(240_000);
  const dataDirs = ['.data/e2e-schedule-pg-a', '.data/e2e-schedule-pg-b'];
  dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  const database = await startPostgres();
  const started: Awaited<ReturnType<typeof signedInConsole>>[] = [];
  try {
    // One after the other: the first one's start migrates the new database. Both tick every second.
    for (const [i, url] of [CRASH_CONSOLE_URL, PEER_CONSOLE_URL].entries()) {
      started.push(await signedInConsole(browser, { dataDir: dataDirs[i]!, url, env: { ...settings.env, DATABASE_URL: database.url } }));
    }
    const [a, b] = started as [(typeof started)[0], (typeof started)[0]];
    const users = await sandbox.findUsers('active eq true and userName ne "workflow.user@example.com"', 20);
    expect(users).toHaveLength(20);
    await sandbox.clearRequests();
    const runAt = new Date(Date.now() + 3000).toISOString();
    const res = await a.context.request.post('/api/schedule', {
      headers: { origin: CRASH_CONSOLE_URL, 'content-type': 'application/json' },
      data: { action: 'deactivate', runAt, reasonCode: 'Leaver', ticket: 'HR-42', users: { ids: users.map((u) => u.id) } },
    });
    expect(res.status()).toBe(201);

    for (const user of users) {
      await expect.poll(async () => (await sandbox.getUser(user.id)).user?.active, { timeout: 60_000 }).toBe(false);
    }
    // Both instances' schedulers saw it fall due; the sandbox counts one write per user.
    const writes = await sandbox.writes();
    expect(Object.keys(writes).sort()).toEqual(users.map((u) => u.id).sort());
    expect(Object.entries(writes).filter(([, w]) => w.writes !== 1 || w.succeeded !== 1)).toEqual([]);
    // The other instance shows the same History: one execution, as scheduled.
    await b.page.goto(`/users/${encodeURIComponent(users[0]!.id)}`);
    await expect(history(b.page).getByText(/^Deactivated via PATCH as scheduled/)).toHaveCount(1);
  } finally {
    for (const { child, context } of started) {
      await killGroup(child);
      await context.close();
    }
    await database.stop();
  }
});
