import 'server-only';
// The webhook delivery loop (docs/decisions/0100-webhook-outbox.md): every tick it claims
// due deliveries from the outbox, POSTs each event's stored body signed per Standard
// Webhooks (standardwebhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), and
// records a 2xx as delivered or schedules the next try. A receiver gets only the signed
// body: no token, no cookie, no redirect followed; its answer is not read.

import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { log } from '@/lib/server/log';
import { createPollPause } from '@/lib/server/poll-pause';
import { withDeadline } from '@/lib/server/http/deadline';
import type { ClaimedDelivery, WebhookOutbox } from './outbox';
import { nextAttemptAt, type RetryPolicy } from './retry-schedule';

export type DelivererDeps = {
  outbox: WebhookOutbox;
  urls: readonly string[];
  /** `whsec_…`; held by the signer only, never logged. */
  secret: string;
  policy: RetryPolicy;
  tickMs: number;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => Date;
  random?: () => number;
  /** Deliveries claimed per tick. */
  batch?: number;
};

/** A receiver URL's path or query may hold a secret of its own: logs and the UI name its origin. */
export const receiverOrigin = (url: string): string => new URL(url).origin;

export function createWebhookDeliverer(deps: DelivererDeps) {
  const owner = randomUUID();
  const signer = new Webhook(deps.secret);
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const batch = deps.batch ?? 20;
  // Long enough for a send and its bookkeeping; a console that died mid-send frees its rows after this.
  const leaseMs = deps.timeoutMs * 2 + 5_000;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  // Shared with the job worker: a wake while a tick sends is kept, not lost.
  const pollPause = createPollPause();

  /** The request a receiver gets for one attempt: the same id and body every time, a fresh timestamp and signature. */
  function signedRequest(d: ClaimedDelivery, at: Date, signal: AbortSignal): RequestInit {
    return {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'scim-console-webhooks',
        'webhook-id': d.event_id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signer.sign(d.event_id, at, d.payload),
      },
      body: d.payload,
      redirect: 'manual',
      credentials: 'omit',
      signal,
    };
  }

  async function send(d: ClaimedDelivery): Promise<void> {
    let status: number | null = null;
    let error: string;
    try {
      const res = await withDeadline(deps.timeoutMs, async (signal) => {
        const res = await doFetch(d.url, signedRequest(d, now(), signal));
        // The answer is not ours to read; drop it so the connection is freed.
        await res.body?.cancel().catch(() => {});
        return res;
      });
      status = res.status;
      if (res.status >= 200 && res.status < 300) {
        await deps.outbox.delivered(d, owner, res.status);
        return;
      }
      error = res.status >= 300 && res.status < 400 ? `redirect ${res.status} not followed` : `answered ${res.status}`;
    } catch (e) {
      error = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${deps.timeoutMs} ms` : 'could not connect';
    }
    const retryAt = nextAttemptAt(new Date(d.created_at), d.attempts, now(), deps.policy, deps.random);
    await deps.outbox.attemptFailed(d, owner, { status, error, retryAt });
    const fields = { eventId: d.event_id, type: d.event_type, receiver: receiverOrigin(d.url), attempts: d.attempts, status, error };
    if (retryAt) log.warn('webhook not delivered; will retry', { ...fields, retryAt: retryAt.toISOString() });
    else log.error('webhook not delivered within the retry window; given up', fields);
  }

  /** Claims what is due and sends it; returns how many were sent. */
  async function tick(): Promise<number> {
    const claimed = await deps.outbox.claim(owner, { limit: batch, leaseMs, urls: deps.urls });
    await Promise.all(
      claimed.map((d) => send(d).catch((error: unknown) => log.error('webhook delivery crashed', { eventId: d.event_id, error }))),
    );
    return claimed.length;
  }

  async function loop() {
    while (running) {
      try {
        // A full batch: more may be due at once.
        while (running && (await tick()) === batch);
      } catch (error) {
        log.error('webhook delivery tick failed', { error });
      }
      await pollPause.pause(deps.tickMs);
    }
  }

  return {
    owner,
    tick,
    /** Something was enqueued in this process: send now rather than at the next tick. */
    wake: pollPause.wake,
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    async stop() {
      running = false;
      pollPause.wake();
      await loopDone;
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;
