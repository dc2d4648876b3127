// Bulk changes as durable jobs (issue 10): select on /users, confirm once, watch
// the job page, and check what really happened upstream and in the audit log.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL, CRASH_CONSOLE_URL, PEER_CONSOLE_URL } from './support/env';
import { startPostgres } from './support/postgres';
import { killGroup, signedInConsole, startConsole, waitUntilUp } from './support/second-console';

const json = { 'content-type': 'application/json', origin: CONSOLE_URL };

test.describe('admin', () => {
  signedInAs('admin');

  test('deactivates 3 users chosen by checkbox: each changed once, each audited with the reason and the job id', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    await page.goto('/users?status=active');
    const rows = page.getByRole('checkbox', { name: /^Select (?!all)/ });
    await expect(rows.first()).toBeVisible();
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const box = rows.nth(i);
      names.push(((await box.getAttribute('aria-label')) ?? '').replace(/^Select /, ''));
      await box.check();
    }
    const toolbar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(toolbar.getByText('3 selected')).toBeVisible();
    // The selection survives paging.
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(toolbar.getByText('3 selected')).toBeVisible();
    await page.getByRole('button', { name: 'Previous page' }).click();

    await sandbox.clearRequests();
    await toolbar.getByRole('button', { name: 'Deactivate selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate 3 users' });
    const reason = `offboarding ${Date.now()}`;
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await expect(dialog.getByRole('radio', { name: 'PATCH active=false' })).toBeChecked();
    // DELETE is described as the single-user dialog describes it: from the provider's profile (Salesforce: it deactivates).
    await expect(dialog.getByRole('radio', { name: 'DELETE' })).toHaveAccessibleDescription(
      'On this provider: Deactivates the account and keeps it.',
    );
    await expect(dialog.getByRole('textbox', { name: /^Type \d+ to confirm$/ })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Confirm' }).click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split('/').pop()!;
    await expect(page.getByRole('heading', { name: 'Bulk deactivation' })).toBeVisible();
    await expect(page.getByText('Succeeded 3')).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '3');
    await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuemax', '3');
    const results = page.getByRole('table', { name: 'Results' });
    for (const name of names) await expect(results.getByRole('link', { name, exact: true })).toBeVisible();
    await expectAccessible(page);

    for (const name of names) expect((await sandbox.findUsers(`userName eq "${name}"`))[0]?.active).toBe(false);
    const writes = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
    expect(writes).toHaveLength(3);
    expect(new Set(writes.map((w) => w.path)).size).toBe(3);

    const audit = (await (await page.request.get(`/api/audit?job=${jobId}`)).json()) as {
      entries: { target: { userName: string }; reason: string; jobId: string; outcome: string }[];
    };
    expect(audit.entries.map((e) => e.target.userName).sort()).toEqual([...names].sort());
    expect(audit.entries.every((e) => e.reason === reason && e.jobId === jobId && e.outcome === 'succeeded')).toBe(true);

    // Listed on /jobs, linked from the header.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await expect(page.getByRole('table', { name: 'Jobs' }).getByRole('link', { name: 'Bulk deactivation' }).first()).toBeVisible();
    await expectAccessible(page);

    // Revert restores exactly what the job changed.
    await page.goto(`/jobs/${jobId}`);
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect(page.getByRole('heading', { name: 'Bulk reactivation' })).toBeVisible();
    await expect(page.getByText('Succeeded 3')).toBeVisible();
    for (const name of names) expect((await sandbox.findUsers(`userName eq "${name}"`))[0]?.active).toBe(true);
  });

  test('an injected upstream failure fails one user with the provider message; Retry failed completes it', async ({ page, sandbox }) => {
    const users = await sandbox.findUsers('active eq true', 2);
    await sandbox.fault({ kind: 'status', status: 400, count: 1, method: 'PATCH' });
    const res = await page.request.post('/api/jobs', {
      headers: json,
      data: { action: 'deactivate', reason: 'retry test', users: { ids: users.map((u) => u.id) } },
    });
    expect(res.status()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`/jobs/${id}`);
    await expect(page.getByText('Failed 1')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Results' })).toContainText('Injected failure (status 400)');
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(page.getByText('Succeeded 2')).toBeVisible();
    await expect(page.getByText('Failed 0')).toBeVisible();
  });

  test('a pasted list with an unknown and a duplicate line gives the right dry run; confirming starts a job that finishes', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    const [a, b] = await sandbox.findUsers('active eq true', 2);
    await page.goto('/users');
    await page.getByRole('button', { name: 'Change users from a list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change users from a list' });
    await expect(dialog.getByRole('radio', { name: 'Deactivate' })).toBeChecked();

    // A CSV file's userName column fills the list (BOM, quoting, other columns ignored).
    const csv = `\uFEFFdisplayName,"userName",department\r\n"Doe, Jane","${a!.userName}",Sales\r\n`;
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(dialog.getByRole('textbox', { name: 'Users' })).toHaveValue(a!.userName);

    await dialog
      .getByRole('textbox', { name: 'Users' })
      .fill(`${a!.userName}\n\n  ${b!.userName}  \nnobody.here@example.invalid\n${a!.userName.toUpperCase()}\n`);
    await sandbox.clearRequests();
    await dialog.getByRole('button', { name: 'Check list' }).click();
    const planned = dialog.getByRole('table', { name: 'Planned changes' });
    await expect(planned.getByRole('row')).toHaveCount(4); // the header and one row per distinct line
    await expect(planned.getByRole('row', { name: new RegExp(`^${a!.userName}.*will deactivate$`) })).toBeVisible();
    await expect(planned.getByRole('row', { name: new RegExp(`^${b!.userName}.*will deactivate$`) })).toBeVisible();
    await expect(planned.getByRole('row', { name: /^nobody\.here@example\.invalid.*not found$/ })).toBeVisible();
    const counts = dialog.getByRole('list', { name: 'Counts' });
    await expect(counts.getByRole('listitem')).toHaveText(['will deactivate: 2', 'not found: 1', 'duplicate lines ignored: 1']);
    await expectAccessible(page);
    // A dry run writes nothing upstream.
    expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);

    await dialog.getByRole('button', { name: 'Deactivate 2 users…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate 2 users' });
    await confirm.getByRole('textbox', { name: 'Reason' }).fill('from a list');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Succeeded 2')).toBeVisible();
    for (const user of [a!, b!]) expect((await sandbox.getUser(user.id)).user?.active).toBe(false);
  });

  test('Select all 30 matching across pages, 5 already inactive: the typed count is required, 25 succeed, 5 skipped', async ({
    page,
    sandbox,
  }) => {
    // "ar v" matches 30 seeded users (each word in the userName, an email, the given or family name), none that
    // the sandbox refuses to deactivate; 5 of them are made inactive first.
    const search = 'ar v';
    const filter = search
      .split(' ')
      .map((word) => `(${['userName', 'emails.value', 'name.familyName', 'name.givenName'].map((f) => `${f} co "${word}"`).join(' or ')})`)
      .join(' and ');
    expect(await sandbox.count(filter)).toBe(30);
    const matching = await sandbox.findUsers(filter, 30);
    for (const [i, user] of matching.entries()) if (user.active !== i >= 5) await sandbox.setActive(user.id, i >= 5);
    await sandbox.clearRequests();

    await page.goto(`/users?q=${encodeURIComponent(search)}&count=10`);
    await expect(page.getByText('Showing 1–10 of 30')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const toolbar = page.getByRole('region', { name: 'Bulk actions' });
    await toolbar.getByRole('button', { name: 'Select all 30 matching' }).click();
    await expect(toolbar.getByText('30 selected')).toBeVisible();
    await toolbar.getByRole('button', { name: 'Deactivate selected' }).click();

    // Above BULK_CONFIRM_THRESHOLD (25) Confirm is refused until the count is typed.
    const dialog = page.getByRole('dialog', { name: 'Deactivate 30 users' });
    const typed = dialog.getByRole('textbox', { name: 'Type 30 to confirm' });
    await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await typed.fill('29');
    await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await typed.fill('30');
    await dialog.getByRole('button', { name: 'Confirm' }).click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Succeeded 25')).toBeVisible();
    await expect(page.getByText('Skipped 5')).toBeVisible();
    await expect(page.getByText('Failed 0')).toBeVisible();
    const writes = await sandbox.writes();
    expect(Object.keys(writes).sort()).toEqual(
      matching
        .slice(5)
        .map((u) => u.id)
        .sort(),
    );
    expect(Object.values(writes).every((w) => w.writes === 1)).toBe(true);
    expect(await sandbox.count(`(${filter}) and active eq true`)).toBe(0);
  });

  test('closing the page mid-job and reopening /jobs/[id] shows it finished', async ({ page, context, sandbox }) => {
    const users = await sandbox.findUsers('active eq true', 8);
    // Each write waits 1.5 s upstream: 8 users at 4 at a time still run while the first page is open.
    await sandbox.fault({ kind: 'latency', latencyMs: 1500, method: 'PATCH' });
    const res = await page.request.post('/api/jobs', {
      headers: json,
      data: { action: 'deactivate', reason: 'closed tab', users: { ids: users.map((u) => u.id) } },
    });
    expect(res.status()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`/jobs/${id}`);
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(page.getByText('Succeeded 8')).toHaveCount(0);
    await page.close();

    const again = await context.newPage();
    await again.goto(`/jobs/${id}`);
    await expect(again.getByText('Succeeded 8')).toBeVisible();
    await expect(again.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
    for (const user of users) expect((await sandbox.getUser(user.id)).user?.active).toBe(false);
  });

  test('where DELETE removes accounts for good, choosing it in bulk asks for the typed count even below the threshold', async ({
    page,
    sandbox,
  }) => {
    // The sandbox's DELETE deactivates; the browser is told what an Okta-like provider's profile says instead.
    await page.route('**/api/capabilities', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { provider: { deleteEffect: string } };
      await route.fulfill({ response, json: { ...body, provider: { ...body.provider, deleteEffect: 'removes-irreversibly' } } });
    });
    await page.goto('/users?status=active');
    const rows = page.getByRole('checkbox', { name: /^Select (?!all)/ });
    await rows.nth(0).check();
    await rows.nth(1).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Deactivate selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate 2 users' });
    const typed = dialog.getByRole('textbox', { name: 'Type 2 to confirm' });
    await expect(typed).toHaveCount(0);
    const remove = dialog.getByRole('radio', { name: 'DELETE' });
    await expect(remove).toHaveAccessibleDescription('On this provider: Removes the account permanently; it cannot be restored.');
    await sandbox.clearRequests();
    await remove.check();
    await expect(dialog.getByText('This cannot be undone from the console.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await typed.fill('2');
    await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeEnabled();
    // Back to PATCH, the count is no longer asked for; nothing was sent either way.
    await dialog.getByRole('radio', { name: 'PATCH active=false' }).check();
    await expect(typed).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('sees Reactivate selected and not Deactivate selected, in the toolbar and the list dialog; the API refuses its deactivation job', async ({
    page,
    sandbox,
  }) => {
    await page.goto('/users');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const toolbar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(toolbar.getByRole('button', { name: 'Reactivate selected' })).toBeVisible();
    await expect(toolbar.getByRole('button', { name: 'Deactivate selected' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Change users from a list' }).click();
    const fromList = page.getByRole('dialog', { name: 'Change users from a list' });
    await expect(fromList.getByRole('radio', { name: 'Reactivate' })).toBeChecked();
    await expect(fromList.getByRole('radio', { name: 'Deactivate' })).toHaveCount(0);
    await fromList.getByRole('button', { name: 'Cancel' }).click();

    const user = await sandbox.firstUser(true);
    const res = await page.request.post('/api/jobs', { headers: json, data: { action: 'deactivate', users: { ids: [user.id] } } });
    expect(res.status()).toBe(403);
    const jobs = (await (await page.request.get('/api/jobs')).json()) as { jobs: { action: string; actor: { email: string } }[] };
    expect(jobs.jobs.filter((j) => j.actor.email === 'helpdesk@example.com' && j.action === 'deactivate')).toEqual([]);
  });
});

test.describe('a console killed mid-job', () => {
  // Its own console and database; a short lease so the restarted console takes the dead one's users back soon.
  const settings = { dataDir: '.data/e2e-bulk-crash', env: { JOB_LEASE_SECONDS: '3' } };
  test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));

  test('resumes the job after restart with no user changed twice', async ({ browser, sandbox }) => {
    test.setTimeout(120_000);
    const started = await signedInConsole(browser, settings);
    const { context } = started;
    let child = started.child;
    try {
      const users = await sandbox.findUsers('active eq true', 10);
      await sandbox.clearRequests();
      // Writes are applied at once and answered late: the console dies with some in flight, the rest queued.
      await sandbox.fault({ kind: 'slow-response', latencyMs: 60_000, method: 'PATCH' });
      const res = await context.request.post('/api/jobs', {
        headers: { 'content-type': 'application/json', origin: CRASH_CONSOLE_URL },
        data: { action: 'deactivate', reason: 'crash mid-job', users: { ids: users.map((u) => u.id) } },
      });
      expect(res.status()).toBe(202);
      const { id } = (await res.json()) as { id: string };
      await expect.poll(async () => Object.keys(await sandbox.writes()).length).toBeGreaterThan(0);
      await killGroup(child);
      const beforeRestart = Object.keys(await sandbox.writes()).length;
      expect(beforeRestart).toBeLessThan(users.length);

      await sandbox.clearFaults();
      child = startConsole(settings);
      await waitUntilUp(context.request);
      await expect
        .poll(async () => ((await (await context.request.get(`/api/jobs/${id}`)).json()) as { job: { state: string } }).job.state, {
          timeout: 60_000,
          intervals: [1000],
        })
        .toBe('done');
      const { job } = (await (await context.request.get(`/api/jobs/${id}`)).json()) as { job: { counts: Record<string, number> } };
      expect(job.counts).toMatchObject({ succeeded: users.length, failed: 0, skipped: 0 });
      // The sandbox's request log: each user written exactly once, the in-flight ones read back, not re-sent.
      const writes = await sandbox.writes();
      expect(Object.keys(writes).sort()).toEqual(users.map((u) => u.id).sort());
      expect(Object.entries(writes).filter(([, w]) => w.writes !== 1)).toEqual([]);
      for (const user of users) expect((await sandbox.getUser(user.id)).user?.active).toBe(false);
    } finally {
      await killGroup(child);
      await context.close();
    }
  });
});

test.describe('two console instances on one PostgreSQL database', () => {
  // Each its own data folder and port; one database, started by the test (e2e/support/postgres.ts).
  const dataDirs = ['.data/e2e-bulk-pg-a', '.data/e2e-bulk-pg-b'];
  test.beforeEach(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('finish one job of 200 users together, each user written exactly once; both show the result', async ({ browser, sandbox }) => {
    test.setTimeout(240_000);
    const database = await startPostgres();
    const owners = new pg.Client({ connectionString: database.url });
    const started: Awaited<ReturnType<typeof signedInConsole>>[] = [];
    try {
      await owners.connect();
      // One after the other: the first one's start migrates the new database.
      for (const [i, url] of [CRASH_CONSOLE_URL, PEER_CONSOLE_URL].entries()) {
        started.push(await signedInConsole(browser, { dataDir: dataDirs[i]!, url, env: { DATABASE_URL: database.url } }));
      }
      const [a, b] = started as [(typeof started)[0], (typeof started)[0]];
      // The Default Workflow User is left out: Salesforce refuses its deactivation.
      const users = await sandbox.findUsers('active eq true and userName ne "workflow.user@example.com"', 200);
      expect(users).toHaveLength(200);
      const activeBefore = await sandbox.count('active eq true');
      await sandbox.clearRequests();
      // Each write takes a while upstream, so the job lasts long enough for both instances to claim its users.
      await sandbox.fault({ kind: 'latency', latencyMs: 40, method: 'PATCH' });

      const res = await a.context.request.post('/api/jobs', {
        headers: { 'content-type': 'application/json', origin: CRASH_CONSOLE_URL },
        data: { action: 'deactivate', reason: 'two instances', users: { ids: users.map((u) => u.id) } },
      });
      expect(res.status()).toBe(202);
      const { id } = (await res.json()) as { id: string };

      // Which instances hold leases on the job's users while it runs (a worker's id is its lease owner).
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            const { rows } = await owners.query<{ lease_owner: string }>(
              'select distinct lease_owner from job_items where job_id = $1 and lease_owner is not null',
              [id],
            );
            for (const row of rows) seen.add(row.lease_owner);
            const job = await owners.query<{ state: string }>('select state from jobs where id = $1', [id]);
            return job.rows[0]?.state;
          },
          { timeout: 120_000, intervals: [50] },
        )
        .toBe('done');
      expect(seen.size).toBe(2);

      for (const { page } of [a, b]) {
        await page.goto(`/jobs/${id}`);
        await expect(page.getByRole('heading', { name: 'Bulk deactivation' })).toBeVisible();
        await expect(page.getByText('Succeeded 200')).toBeVisible();
        await expect(page.getByText('Failed 0')).toBeVisible();
        await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '200');
      }
      // The sandbox's count of writes per user: exactly one each, and no one else's.
      const writes = await sandbox.writes();
      expect(Object.keys(writes).sort()).toEqual(users.map((u) => u.id).sort());
      expect(Object.entries(writes).filter(([, w]) => w.writes !== 1 || w.succeeded !== 1)).toEqual([]);
      expect(await sandbox.count('active eq true')).toBe(activeBefore - 200);
    } finally {
      await owners.end().catch(() => {});
      for (const { child, context } of started) {
        await killGroup(child);
        await context.close();
      }
      await database.stop();
    }
  });
});
