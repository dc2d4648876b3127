// Bulk changes as durable jobs (issue 10): select on /users, confirm once, watch
// the job page, and check what really happened upstream and in the audit log.
import { expect, signedInAs, test } from './fixtures';
import { CONSOLE_URL } from './support/env';

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
});

test.describe('helpdesk', () => {
  signedInAs('helpdesk');

  test('sees Reactivate selected and not Deactivate selected; the API refuses its deactivation job', async ({ page, sandbox }) => {
    await page.goto('/users');
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    const toolbar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(toolbar.getByRole('button', { name: 'Reactivate selected' })).toBeVisible();
    await expect(toolbar.getByRole('button', { name: 'Deactivate selected' })).toHaveCount(0);

    const user = await sandbox.firstUser(true);
    const res = await page.request.post('/api/jobs', { headers: json, data: { action: 'deactivate', users: { ids: [user.id] } } });
    expect(res.status()).toBe(403);
    const jobs = (await (await page.request.get('/api/jobs')).json()) as { jobs: { action: string; actor: { email: string } }[] };
    expect(jobs.jobs.filter((j) => j.actor.email === 'helpdesk@example.com' && j.action === 'deactivate')).toEqual([]);
  });
});
