// Changes whose answer never reaches the console must still be recorded
// truthfully. These specs run their own console (same build, own database,
// short timeouts) so they can kill it and hold answers back.
import { rmSync } from 'node:fs';
import type { APIRequestContext, Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import * as second from './support/second-console';

const DATA_DIR = '.data/e2e-crash';
// The shortest pending timeout the console accepts for this upstream timeout (3T + 10 s, see lib/server/env.ts).
const SCIM_TIMEOUT_MS = 3000;
const PENDING_TIMEOUT_S = 20;
const settings = {
  dataDir: DATA_DIR,
  env: { SCIM_TIMEOUT_MS: String(SCIM_TIMEOUT_MS), AUDIT_PENDING_TIMEOUT_SECONDS: String(PENDING_TIMEOUT_S) },
};
const startConsole = () => second.startConsole(settings);
const signedInConsole = (browser: Browser) => second.signedInConsole(browser, settings);
const { killGroup, waitUntilUp } = second;

type AuditRow = { reason: string | null; outcome: string; activeAfter: boolean | null };
async function auditRow(request: APIRequestContext, userName: string, reason: string): Promise<AuditRow | undefined> {
  const res = await request.get(`/api/audit?target=${encodeURIComponent(userName)}`);
  return ((await res.json()) as { entries: AuditRow[] }).entries.find((e) => e.reason === reason);
}

test.describe('changes the console never hears back about', () => {
  test.beforeEach(() => rmSync(DATA_DIR, { recursive: true, force: true }));

  test('a change answered too late is checked and recorded as done, not failed', async ({ browser, sandbox }) => {
    const { context, page, child } = await signedInConsole(browser);
    try {
      const user = await sandbox.firstUser(true);
      const reason = `late answer ${Date.now()}`;
      // Applied at once, answered after the console gave up waiting.
      await sandbox.fault({ kind: 'slow-response', latencyMs: SCIM_TIMEOUT_MS + 2000, count: 1, method: 'PATCH' });

      await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
      await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill(reason);
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

      await expect
        .poll(async () => (await auditRow(context.request, user.userName, reason))?.outcome, { timeout: 15_000 })
        .toBe('succeeded');
      expect(await auditRow(context.request, user.userName, reason)).toMatchObject({ activeAfter: false });
      await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: /Could not/ })).toHaveCount(0);
      await page.goto(`/users/${user.id}`);
      const history = page.getByRole('region', { name: 'History' });
      await expect(history.getByText(reason)).toBeVisible();
      await expect(history.getByText('Deactivated via PATCH')).toBeVisible();
      // The console's own change is not blamed on someone else.
      await expect(history.getByText(/outside the console/i)).toHaveCount(0);
    } finally {
      await killGroup(child);
      await context.close();
    }
  });

  test('a console killed mid-change is reconciled after restart, with nothing lost', async ({ browser, sandbox }) => {
    test.setTimeout(120_000);
    const started = await signedInConsole(browser);
    const { context, page } = started;
    let child = started.child;
    try {
      const user = await sandbox.firstUser(true);
      const reason = `crash test ${Date.now()}`;

      // The upstream applies the PATCH at once but answers late: long enough to kill the console meanwhile.
      await sandbox.fault({ kind: 'slow-response', latencyMs: 60_000, count: 1, method: 'PATCH' });
      await page.goto(`/users?q=${encodeURIComponent(user.userName)}`);
      await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill(reason);
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();

      // The pending record is written before the upstream call.
      await expect.poll(async () => (await auditRow(context.request, user.userName, reason))?.outcome).toBe('pending');
      await killGroup(child);
      // The upstream made the change; the dead console never recorded the outcome.
      expect((await sandbox.getUser(user.id)).user?.active).toBe(false);

      child = startConsole();
      await waitUntilUp(context.request);
      // Once the pending timeout has passed, reading the user settles the record.
      await expect
        .poll(
          async () => {
            await context.request.get(`/api/users/${user.id}`);
            return (await auditRow(context.request, user.userName, reason))?.outcome;
          },
          { timeout: (PENDING_TIMEOUT_S + 20) * 1000, intervals: [1000] },
        )
        .toBe('reconciled');
      expect(await auditRow(context.request, user.userName, reason)).toMatchObject({ activeAfter: false });
      await page.goto(`/users/${user.id}`);
      await expect(page.getByRole('region', { name: 'History' }).getByText(reason)).toBeVisible();
    } finally {
      await killGroup(child);
      await context.close();
    }
  });
});
