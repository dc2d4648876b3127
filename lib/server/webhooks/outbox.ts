import 'server-only';
// The webhook outbox in the audit database (docs/decisions/0100-webhook-outbox.md): an
// event is written in the same transaction as the outcome it reports, one row per
// receiver URL, so a change that happened always has its event and a crash loses none.
// The delivery loop (./delivery.ts) claims due rows with a lease, as the job store
// claims items (lib/server/jobs/job-store.ts): one statement, FOR UPDATE SKIP LOCKED on
// PostgreSQL, so several console instances send each event once per URL in the normal
// case, and at least once always (a lease that lapses is taken over).

import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ActivationMethod, CallIdentity } from '@/lib/audit-vocabulary';
import type { WebhookEventType } from '@/lib/webhooks/types';
import { dialectOf, type AuditDatabase, type WebhookDeliveryTable } from '@/lib/server/audit/db';
import { env } from '@/lib/server/env';

/** What every event says; an event type may add fields of its own (a job's counts, a schedule's id). */
export type WebhookEventData = {
  actor: { sub: string; email: string | null } | null;
  target: { id: string; userName: string | null } | null;
  reasonCode: string | null;
  ticket: string | null;
  reason: string | null;
  method: ActivationMethod | null;
  /** Whose credential made the provider call: the admin's token or the console's service identity. */
  callIdentity: CallIdentity | null;
  auditRecordId: string | null;
  jobId: string | null;
  [extra: string]: unknown;
};

export type WebhookEvent = {
  type: WebhookEventType;
  /** When the change happened (ISO 8601, UTC), not when it is delivered. */
  timestamp: string;
  data: WebhookEventData;
};

/** A claimed delivery: `attempts` (this claim's) fences the result against a later claim of the same row. */
export type ClaimedDelivery = Pick<
  Selectable<WebhookDeliveryTable>,
  'seq' | 'event_id' | 'event_type' | 'url' | 'payload' | 'created_at' | 'attempts'
>;

type Db = Kysely<AuditDatabase> | Transaction<AuditDatabase>;

/**
 * Writes `event` for every receiver URL, inside the caller's transaction: call it in the
 * transaction that records the change it reports, so both commit or neither does.
 * Returns the event id (the `webhook-id` receivers de-duplicate on), or null when no URL
 * is configured. Example (a scheduled change executed):
 *
 *   await db.transaction().execute(async (tx) => {
 *     await tx.updateTable('schedules').set({ state: 'executed' }).where('id', '=', id).execute();
 *     await enqueueWebhookEvent(tx, { type: 'schedule.executed', timestamp, data: { ...fields, scheduleId: id } });
 *   });
 */
export async function enqueueWebhookEvent(
  tx: Db,
  event: WebhookEvent,
  opts: { urls?: readonly string[]; now?: Date } = {},
): Promise<string | null> {
  const urls = opts.urls ?? env.WEBHOOK_URLS;
  if (urls.length === 0) return null;
  const eventId = `msg_${randomUUID()}`;
  const at = (opts.now ?? new Date()).toISOString();
  // Serialised once: every attempt sends (and signs) these exact bytes.
  const payload = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  await tx
    .insertInto('webhook_deliveries')
    .values(
      urls.map((url) => ({
        event_id: eventId,
        event_type: event.type,
        url,
        payload,
        audit_record_id: event.data.auditRecordId,
        created_at: at,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        lease_owner: null,
        lease_until: null,
        delivered_at: null,
        last_status: null,
        last_error: null,
      })),
    )
    .execute();
  return eventId;
}

export function createWebhookOutbox(db: Kysely<AuditDatabase>, now: () => Date = () => new Date()) {
  const pg = dialectOf(db) === 'postgres';
  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString();

  /** The row as this claim left it: a later claim has another owner or more attempts. */
  const heldBy = (d: ClaimedDelivery, owner: string) =>
    ({ seq: d.seq, state: 'pending', lease_owner: owner, attempts: d.attempts }) as const;

  return {
    /**
     * Claims up to `limit` due deliveries to `urls` for `owner`: pending rows whose next
     * attempt is due and whose lease is free or lapsed (a console died mid-send). One
     * UPDATE … WHERE seq IN (SELECT … FOR UPDATE SKIP LOCKED): two instances never take
     * the same row while a lease holds, and neither waits for the other.
     */
    async claim(owner: string, opts: { limit: number; leaseMs: number; urls: readonly string[] }): Promise<ClaimedDelivery[]> {
      if (opts.urls.length === 0 || opts.limit <= 0) return [];
      const at = iso();
      let due = db
        .selectFrom('webhook_deliveries')
        .select('seq')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        // A URL taken out of WEBHOOK_URLS gets nothing more; its rows stay, undelivered, for the record.
        .where('url', 'in', opts.urls)
        .orderBy('next_attempt_at')
        .orderBy('seq')
        .limit(opts.limit);
      if (pg) due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({ lease_owner: owner, lease_until: iso(opts.leaseMs), attempts: eb('attempts', '+', 1) }))
        .where('seq', 'in', due)
        // Re-checked on the row itself: on PostgreSQL the subquery's snapshot may predate another claim's commit.
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
        .returning(['seq', 'event_id', 'event_type', 'url', 'payload', 'created_at', 'attempts'])
        .execute();
      return rows.sort((a, b) => a.seq - b.seq);
    },

    /** A 2xx: done. False when this claim no longer held the row (its lease was taken over). */
    async delivered(d: ClaimedDelivery, owner: string, status: number): Promise<boolean> {
      const res = await db
        .updateTable('webhook_deliveries')
        .set({ state: 'delivered', delivered_at: iso(), last_status: status, last_error: null, lease_owner: null, lease_until: null })
        .where((eb) => eb.and(heldBy(d, owner)))
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },

    /** Not delivered: try again at `retryAt`, or give up (`failed`) when it is null. */
    async attemptFailed(
      d: ClaimedDelivery,
      owner: string,
      outcome: { status: number | null; error: string; retryAt: Date | null },
    ): Promise<boolean> {
      const res = await db
        .updateTable('webhook_deliveries')
        .set({
          state: outcome.retryAt ? 'pending' : 'failed',
          next_attempt_at: outcome.retryAt ? outcome.retryAt.toISOString() : iso(),
          last_status: outcome.status,
          last_error: outcome.error.slice(0, 500),
          lease_owner: null,
          lease_until: null,
        })
        .where((eb) => eb.and(heldBy(d, owner)))
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
  };
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;
