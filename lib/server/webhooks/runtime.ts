import 'server-only';
// The production wiring of webhook delivery: one loop per console process over the audit
// database's outbox, started at boot beside the job worker (lib/server/start-up.ts), so
// events a stopped console left undelivered go out when any console is up again.

import { getAuditDb } from '@/lib/server/audit/store';
import { env } from '@/lib/server/env';
import { log } from '@/lib/server/log';
import { createWebhookDeliverer, receiverOrigin, type WebhookDeliverer } from './delivery';
import { createWebhookOutbox } from './outbox';

const holder = globalThis as typeof globalThis & { __scimConsoleWebhooks?: WebhookDeliverer };

export async function startWebhookDelivery(): Promise<void> {
  if (holder.__scimConsoleWebhooks || env.WEBHOOK_URLS.length === 0 || !env.WEBHOOK_SECRET) return;
  const deliverer = createWebhookDeliverer({
    outbox: createWebhookOutbox(await getAuditDb()),
    urls: env.WEBHOOK_URLS,
    secret: env.WEBHOOK_SECRET,
    policy: { baseMs: env.WEBHOOK_RETRY_BASE_MS, maxMs: env.WEBHOOK_RETRY_MAX_MS, windowMs: env.WEBHOOK_RETRY_HOURS * 3_600_000 },
    tickMs: env.WEBHOOK_TICK_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
  });
  holder.__scimConsoleWebhooks = deliverer;
  deliverer.start();
  log.info('webhook delivery started', { owner: deliverer.owner, receivers: env.WEBHOOK_URLS.map(receiverOrigin) });
}
