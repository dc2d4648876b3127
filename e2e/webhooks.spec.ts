// Signed webhooks (docs/decisions/0100-webhook-outbox.md): a receiver started here gets each
// change an admin makes in the UI once, signed per Standard Webhooks; while it is down the
// events wait in the outbox (the audit log shows them undelivered), through a console
// restart too, and arrive once when it is back. Its own console (same build) on the crash
// spec's port, with a delivery tick and retry delays of a fraction of a second.
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { expect, test } from './fixtures';
import { WEBHOOK_RECEIVER_PORT } from './support/env';
import { killGroup, signedInConsole, startConsole, waitUntilUp } from './support/second-console';
import { WebhookReceiver, type Received } from './support/webhook-receiver';

// A test secret (24 bytes): Standard Webhooks' `whsec_` + base64.
const SECRET = `whsec_${Buffer.from('e2e-webhook-secret-0123456789').toString('base64')}`;
const receiver = new WebhookReceiver(WEBHOOK_RECEIVER_PORT);
const settings = {
  dataDir: '.data/e2e-webhooks',
  env: {
    WEBHOOK_URLS: receiver.url,
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_TICK_MS: '200',
    WEBHOOK_RETRY_BASE_MS: '200',
    WEBHOOK_RETRY_MAX_MS: '1000',
  },
};

type Event = { type: string; timestamp: string; data: Record<string, unknown> & { target: { id: string; userName: string } | null } };

/** Each request verified as a receiver would (the library's verify: signature and timestamp), then parsed. */
function verified(r: Received): Event & { id: string } {
  const headers = {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  };
  return { ...(new Webhook(SECRET).verify(r.body, headers) as Event), id: headers['webhook-id'] };
}

const eventsFor = (userId: string) => receiver.received.map(verified).filter((e) => e.data.target?.id === userId);

async function change(
  page: Page,
  userName: string,
  action: 'Deactivate' | 'Reactivate',
  reason: string,
  why?: { code: string; ticket: string },
) {
  await page.goto(`/users?q=${encodeURIComponent(userName)}`);
  await page.getByRole('button', { name: `${action} ${userName}` }).click();
  const dialog = page.getByRole('dialog', { name: `${action} ${userName}` });
  if (why) {
    await dialog.getByRole('combobox', { name: 'Reason code' }).selectOption(why.code);
    await dialog.getByRole('textbox', { name: 'Ticket' }).fill(why.ticket);
  }
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('button', { name: `${action === 'Deactivate' ? 'Reactivate' : 'Deactivate'} ${userName}` })).toBeVisible();
}

test.beforeEach(() => rmSync(settings.dataDir, { recursive: true, force: true }));
test.afterEach(() => receiver.stop());

test('a receiver gets each change once, signed; events queued while it was down arrive once it is back, across a restart', async ({
  browser,
  sandbox,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  await receiver.start();
  const { context, page, child: first } = await signedInConsole(browser, settings);
  let child = first;
  try {
    const user = await sandbox.firstUser(true);

    // Up: the deactivation made in the UI arrives once, signed, saying who did what.
    await change(page, user.userName, 'Deactivate', 'left the company', { code: 'Leaver', ticket: 'HR-4711' });
    await expect.poll(() => eventsFor(user.id).map((e) => e.type)).toEqual(['user.deactivated']);
    const [deactivated] = eventsFor(user.id);
    expect(deactivated!.id).toMatch(/^msg_/);
    expect(deactivated!.data).toMatchObject({
      actor: { email: 'admin@example.com' },
      target: { id: user.id, userName: user.userName },
      reason: 'left the company',
      reasonCode: 'Leaver',
      ticket: 'HR-4711',
      method: 'PATCH',
      callIdentity: 'admin-token',
      auditRecordId: expect.any(String),
    });
    const request = receiver.received.find((r) => r.headers['webhook-id'] === deactivated!.id)!;
    expect(request.path).toBe('/hooks/scim-console');
    // Only the signed body: nothing that could be a credential of the console's.
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.cookie).toBeUndefined();

    // Down: the reactivation waits in the outbox, and the audit log says so.
    await receiver.stop();
    await change(page, user.userName, 'Reactivate', 'back from leave');
    await page.goto('/audit');
    await page.getByRole('checkbox', { name: 'Undelivered webhooks only' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/webhooks=undelivered/);
    const log = page.getByRole('table', { name: 'Audit log' });
    const waiting = log.getByRole('row').filter({ hasText: 'back from leave' });
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText(`Webhook to http://127.0.0.1:${WEBHOOK_RECEIVER_PORT}: not delivered yet`);
    await expect(log.getByRole('row').filter({ hasText: 'left the company' })).toHaveCount(0);
    await expectAccessible(page);

    // The console stops while the event is still queued; it is not lost. (The session
    // cookie outlives the restart: sessions are stateless.)
    await killGroup(child);
    await receiver.start();
    child = startConsole(settings);
    await waitUntilUp(context.request);
    await expect.poll(() => eventsFor(user.id).map((e) => e.type), { timeout: 30_000 }).toEqual(['user.deactivated', 'user.reactivated']);
    expect(eventsFor(user.id)[1]!.data).toMatchObject({ reason: 'back from leave', actor: { email: 'admin@example.com' } });
    await page.reload();
    await expect(page.getByText('No entries match these filters')).toBeVisible();

    // Once each: every event id arrived exactly once at this receiver.
    const ids = receiver.received.map((r) => String(r.headers['webhook-id']));
    expect(new Set(ids).size).toBe(ids.length);
  } finally {
    await killGroup(child);
    await context.close();
  }
});
