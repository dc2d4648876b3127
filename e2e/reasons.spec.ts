// Reason codes and tickets (issue 11): the confirm dialog's `Reason code`, `Reason`
// and `Ticket`, checked before anything is sent; History and the audit log show
// them; the audit log filters by them and exports them.
import { expect, signedInAs, test } from './fixtures';
import { csvRecords } from './support/csv';
import { CONSOLE_URL } from './support/env';
import type { Sandbox, ScimUser } from './support/sandbox';

const tag = () => Math.random().toString(36).slice(2, 8);

/** An active seeded user no other spec picks. */
async function activeUser(sandbox: Sandbox, n: number): Promise<ScimUser> {
  const user = (await sandbox.findUsers('active eq true', 70))[n];
  if (!user) throw new Error(`the seed has fewer than ${n + 1} active users`);
  return user;
}

test.describe('admin', () => {
  signedInAs('admin');

  test('a deactivation with a code and a ticket shows them in History and the audit log, which filters and exports them', async ({
    page,
    sandbox,
    expectAccessible,
  }) => {
    const user = await activeUser(sandbox, 60);
    const ticket = `HR-${Date.now() % 1_000_000}`;
    await page.goto(`/users/${user.id}`);
    await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });
    // The code comes first and takes focus on a wide screen.
    await expect(dialog.getByRole('combobox', { name: 'Reason code' })).toBeFocused();
    await dialog.getByRole('combobox', { name: 'Reason code' }).selectOption('Leaver');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Last day was Friday');
    await dialog.getByRole('textbox', { name: 'Ticket' }).fill(ticket);
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('button', { name: `Reactivate ${user.userName}` })).toBeVisible();

    const latest = page.getByRole('region', { name: 'History' }).getByRole('listitem').first();
    await expect(latest).toContainText('Deactivated via PATCH');
    await expect(latest).toContainText('Leaver');
    await expect(latest).toContainText('Last day was Friday');
    await expect(latest).toContainText(`Ticket ${ticket}`);

    await page.goto('/audit');
    await page.getByRole('combobox', { name: 'Reason code' }).selectOption('Leaver');
    await page.getByRole('textbox', { name: 'Ticket' }).fill(ticket);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(`/audit?${new URLSearchParams({ reasonCode: 'Leaver', ticket })}`);
    const rows = page
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell') });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(user.userName);
    await expect(rows.first()).toContainText(`Ticket ${ticket}`);
    await expectAccessible(page);

    const res = await page.request.get(`/api/audit/export?${new URLSearchParams({ ticket })}`);
    const { records } = csvRecords(await res.text());
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ target_id: user.id, reason_code: 'Leaver', reason: 'Last day was Friday', ticket });
  });

  test('a form the rules refuse names the field and sends nothing', async ({ page, sandbox }) => {
    const user = await activeUser(sandbox, 61);
    await page.goto(`/users/${user.id}`);
    await page.getByRole('button', { name: `Deactivate ${user.userName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${user.userName}` });

    await dialog.getByRole('combobox', { name: 'Reason code' }).selectOption('Other');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const reason = dialog.getByRole('textbox', { name: 'Reason' });
    await expect(reason).toBeFocused();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog).toContainText('A reason is required when the reason code is Other.');

    // The e2e console sets TICKET_PATTERN=^[A-Z]+-\d+$ (e2e/support/env.ts).
    await reason.fill('Moved to a partner company');
    await dialog.getByRole('textbox', { name: 'Ticket' }).fill('hr 12');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Ticket' })).toBeFocused();
    await expect(dialog).toContainText('Ticket must match ^[A-Z]+-\\d+$.');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await sandbox.getUser(user.id)).user?.active).toBe(true);

    // The API applies the same rules to a client that skips the form.
    const res = await page.request.patch(`/api/users/${user.id}`, {
      headers: { 'content-type': 'application/json', origin: CONSOLE_URL },
      data: { active: false, reasonCode: 'Leaver', ticket: `lower-${tag()}` },
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toBe('Ticket must match ^[A-Z]+-\\d+$.');
    expect((await sandbox.getUser(user.id)).user?.active).toBe(true);
  });
});
