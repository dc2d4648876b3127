import 'server-only';
// Over 250 lines on purpose: it is all of the log's SQL in one object, so every query
// the audit tables get can be read (and indexed) in one place.
// The audit log's SQL: a record is written `pending` before every upstream
// change and completed with the outcome after it
// (docs/decisions/0016-audit-before-change.md); what the console sees of a
// user's meta is kept as observations. Both tables are append-only (triggers in
// ./db.ts). The rules live beside it: ./observation-source.ts labels
// observations, ./cursor.ts encodes keyset positions, ./records.ts maps rows.

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { env } from '@/lib/server/env';
import { auditRange, type AuditFilter, type WebhookDeliverySummary } from '@/lib/audit-log/types';
import { ACTIVATION_ACTIONS } from '@/lib/audit-vocabulary';
import { decodeCursor, encodeCursor, mergeNewestFirst } from './cursor';
import { activationEvent } from '@/lib/server/webhooks/events';
import { enqueueWebhookEvent } from '@/lib/server/webhooks/outbox';
import { createAuditDb, migrate, type AuditDatabase, type AuditRecordTable, type ObservationTable } from './db';
import { classifyObservation, type CandidateRecord } from './observation-source';
import {
  toInt,
  toObservation,
  toRecord,
  type AuditRecord,
  type FinalOutcome,
  type Observation,
  type ObservedUser,
  type PendingAudit,
  type SessionEvent,
} from './records';

export type AuditPageResult = { records: AuditRecord[]; nextCursor: string | null };

export type AuditStore = {
  /** Returns the new record's id. Throws when the write fails: the caller must not go on. */
  insertPending(entry: PendingAudit): Promise<string>;
  /** A sign-in or sign-out, written final at once (docs/decisions/0043-session-events.md). Returns the record's id. */
  recordSessionEvent(event: SessionEvent): Promise<string>;
  /** The one allowed update, pending → final. False when the record was no longer pending (already reconciled). */
  recordOutcome(id: string, outcome: FinalOutcome): Promise<boolean>;
  /** Settles a pending record from a fresh read of the user (null: not found). False when it was no longer pending. */
  reconcile(id: string, settlement: { after: { active: boolean | null; version: string | null } | null; detail: string }): Promise<boolean>;
  /** Pending records older than the timeout, oldest first: a crash between call and outcome. */
  listStalePending(opts?: { targetId?: string; limit?: number }): Promise<AuditRecord[]>;
  /** A user's activation records, newest first (an admin's own sign-ins are not a user's history). */
  listForTarget(targetId: string, limit?: number): Promise<AuditRecord[]>;
  /**
   * Records what the console saw of these users where it differs from the
   * latest observation of each: one read, at most one batch insert. Without
   * `opts`, a new state is 'console' when a finished activation produced its
   * version, 'outside' when it differs from an earlier observation, and
   * 'first-seen' otherwise; a target with an activation still pending is left
   * for after its outcome. Returns what was written.
   */
  observe(users: readonly ObservedUser[], opts?: { source: 'console' | 'reconcile'; activationId: string }): Promise<Observation[]>;
  /** Newest first. */
  listObservations(targetId: string, limit?: number): Promise<Observation[]>;
  /**
   * What "why is this user off?" needs for many users at once (a list page), in
   * two queries: per target its latest deactivation record (succeeded, or
   * reconciled inactive) and its latest `limit` observations, newest first.
   */
  deactivationEvidence(targetIds: readonly string[], limit?: number): Promise<{ records: AuditRecord[]; observations: Observation[] }>;
  /** One keyset page of the log, newest first, filtered. Throws InvalidCursorError. */
  queryAudit(filter: AuditFilter, page: { cursor?: string | null; limit: number }): Promise<AuditPageResult>;
  /** The webhook deliveries of these records' events, by record id (/audit shows the undelivered ones). */
  webhookDeliveries(recordIds: readonly string[]): Promise<Map<string, WebhookDeliverySummary[]>>;
  /** A cheap query, for /api/health. */
  ping(): Promise<void>;
};

export type AuditStoreOptions = {
  /** A pending record older than this is reconciled. */
  pendingTimeoutMs?: number;
  /** Where webhook events go (default WEBHOOK_URLS); none: no event is written. */
  webhookUrls?: readonly string[];
};

const DEFAULT_PENDING_TIMEOUT_MS = 120_000;

export function createAuditStore(
  db: Kysely<AuditDatabase>,
  now: () => Date = () => new Date(),
  options: AuditStoreOptions = {},
): AuditStore {
  const pendingTimeoutMs = options.pendingTimeoutMs ?? DEFAULT_PENDING_TIMEOUT_MS;
  const webhookUrls = options.webhookUrls ?? env.WEBHOOK_URLS;

  async function latestObservations(ids: string[]): Promise<Map<string, Selectable<ObservationTable>>> {
    const rows = await db
      .selectFrom('audit_observations')
      .selectAll()
      .where(
        'seq',
        'in',
        db
          .selectFrom('audit_observations')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('target_id', 'in', ids)
          .groupBy('target_id'),
      )
      .execute();
    return new Map(rows.map((r) => [r.target_id, r]));
  }

  /** Per target, the records that may explain a new state: finished activations that left one of these versions, and pending ones. */
  async function candidateRecords(users: readonly ObservedUser[]): Promise<Map<string, CandidateRecord[]>> {
    const versions = [...new Set(users.map((u) => u.version).filter((v): v is string => v !== null))];
    const unversioned = users.filter((u) => u.version === null).map((u) => u.id);
    const finished = ['succeeded', 'reconciled'] as const;
    const rows = await db
      .selectFrom('audit_records')
      .select(['id', 'target_id', 'state', 'after_version as afterVersion', 'after_active as afterActive', 'finished_at as finishedAt'])
      .where(
        'target_id',
        'in',
        users.map((u) => u.id),
      )
      .where((eb) =>
        eb.or([
          eb('state', '=', 'pending'),
          ...(versions.length ? [eb.and([eb('state', 'in', finished), eb('after_version', 'in', versions)])] : []),
          ...(unversioned.length
            ? [eb.and([eb('state', 'in', finished), eb('target_id', 'in', unversioned), eb('after_version', 'is', null)])]
            : []),
        ]),
      )
      .execute();
    const byTarget = new Map<string, CandidateRecord[]>();
    for (const { target_id, ...record } of rows) byTarget.set(target_id, [...(byTarget.get(target_id) ?? []), record]);
    return byTarget;
  }

  /**
   * The one allowed update, pending → final, and in the same transaction the webhook
   * event of a change that happened (docs/decisions/0100-webhook-outbox.md): a change
   * recorded is a change announced, even if the console stops right after.
   */
  async function settle(
    id: string,
    outcome: Pick<AuditRecordTable, 'state' | 'upstream_status' | 'after_active' | 'after_version' | 'error_detail'>,
  ): Promise<boolean> {
    return db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('audit_records')
        .set({ ...outcome, finished_at: now().toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!row) return false;
      const event = activationEvent(toRecord(row));
      if (event) await enqueueWebhookEvent(tx, event, { urls: webhookUrls, now: now() });
      return true;
    });
  }

  return {
    async insertPending(entry) {
      const id = randomUUID();
      await db
        .insertInto('audit_records')
        .values({
          id,
          request_id: entry.requestId,
          created_at: now().toISOString(),
          finished_at: null,
          actor_sub: entry.actor.sub,
          actor_email: entry.actor.email,
          target_id: entry.target.id,
          target_user_name: entry.target.userName,
          action: entry.action,
          method: entry.method,
          reason: entry.reason,
          reason_code: entry.reasonCode ?? null,
          ticket: entry.ticket ?? null,
          state: 'pending',
          before_active: toInt(entry.before.active),
          before_version: entry.before.version,
          after_active: null,
          after_version: null,
          upstream_status: null,
          error_detail: null,
          job_id: entry.jobId ?? null,
          session_id: null,
          provider: null,
          call_identity: entry.identity ?? null,
        })
        .execute();
      return id;
    },

    async recordSessionEvent(event) {
      const id = randomUUID();
      const at = now().toISOString();
      await db
        .insertInto('audit_records')
        .values({
          id,
          // next-auth's events carry no request id; a fresh one keeps the column's meaning.
          request_id: randomUUID(),
          created_at: at,
          finished_at: at,
          actor_sub: event.actor.sub,
          actor_email: event.actor.email,
          // Not a user of the provider: the admin's own subject, so the NOT NULL column says whose session it was.
          target_id: event.actor.sub,
          target_user_name: null,
          action: event.action,
          method: event.provider,
          reason: null,
          state: 'succeeded',
          before_active: null,
          before_version: null,
          after_active: null,
          after_version: null,
          upstream_status: null,
          error_detail: null,
          job_id: null,
          session_id: event.sessionId,
          provider: event.provider,
        })
        .execute();
      return id;
    },

    async recordOutcome(id, outcome) {
      return settle(id, {
        state: outcome.state,
        upstream_status: outcome.upstreamStatus,
        after_active: toInt(outcome.after?.active),
        after_version: outcome.after?.version ?? null,
        error_detail: outcome.errorDetail ?? null,
      });
    },

    async reconcile(id, { after, detail }) {
      return settle(id, {
        state: 'reconciled',
        upstream_status: null,
        after_active: toInt(after?.active),
        after_version: after?.version ?? null,
        error_detail: detail,
      });
    },

    async listStalePending({ targetId, limit = 20 } = {}) {
      const cutoff = new Date(now().getTime() - pendingTimeoutMs).toISOString();
      let q = db.selectFrom('audit_records').selectAll().where('state', '=', 'pending').where('created_at', '<', cutoff);
      if (targetId !== undefined) q = q.where('target_id', '=', targetId);
      const rows = await q.orderBy('created_at', 'asc').orderBy('seq', 'asc').limit(limit).execute();
      return rows.map(toRecord);
    },

    async listForTarget(targetId, limit = 100) {
      const rows = await db
        .selectFrom('audit_records')
        .selectAll()
        .where('target_id', '=', targetId)
        .where('action', 'in', ACTIVATION_ACTIONS)
        .orderBy('created_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async observe(users, opts) {
      const unique = [...new Map(users.map((u) => [u.id, u])).values()];
      if (unique.length === 0) return [];
      const latest = await latestObservations(unique.map((u) => u.id));
      const changed = unique.filter((u) => {
        const last = latest.get(u.id);
        return !last || last.version !== u.version || last.active !== toInt(u.active) || last.last_modified !== u.lastModified;
      });
      if (changed.length === 0) return [];

      const candidates = opts ? new Map<string, CandidateRecord[]>() : await candidateRecords(changed);
      const observedAt = now().toISOString();
      const rows: Omit<Selectable<ObservationTable>, 'seq'>[] = [];
      for (const u of changed) {
        const last = latest.get(u.id);
        const label =
          opts ??
          classifyObservation(
            { version: u.version, active: toInt(u.active) },
            last && { observedAt: last.observed_at },
            candidates.get(u.id) ?? [],
          );
        if (!label) continue;
        rows.push({
          id: randomUUID(),
          observed_at: observedAt,
          target_id: u.id,
          target_user_name: u.userName,
          active: toInt(u.active),
          version: u.version,
          last_modified: u.lastModified,
          source: label.source,
          activation_id: label.activationId,
          previous_active: last?.active ?? null,
          previous_version: last?.version ?? null,
        });
      }
      if (rows.length === 0) return [];
      await db.insertInto('audit_observations').values(rows).execute();
      return rows.map(toObservation);
    },

    async listObservations(targetId, limit = 200) {
      const rows = await db
        .selectFrom('audit_observations')
        .selectAll()
        .where('target_id', '=', targetId)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toObservation);
    },

    async deactivationEvidence(targetIds, limit = 200) {
      const ids = [...new Set(targetIds)];
      if (ids.length === 0) return { records: [], observations: [] };
      // One row per target by a window function (SQLite 3.25+, PostgreSQL): each partition is an index range scan.
      const latestRecords = db
        .selectFrom('audit_records')
        .selectAll()
        .select((eb) =>
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('target_id').orderBy('created_at', 'desc').orderBy('seq', 'desc'))
            .as('rn'),
        )
        .where('target_id', 'in', ids)
        .where('action', '=', 'deactivate')
        .where((eb) => eb.or([eb('state', '=', 'succeeded'), eb.and([eb('state', '=', 'reconciled'), eb('after_active', '=', 0)])]));
      const latestObservations = db
        .selectFrom('audit_observations')
        .selectAll()
        .select((eb) =>
          eb.fn
            .agg<number>('row_number')
            .over((ob) => ob.partitionBy('target_id').orderBy('seq', 'desc'))
            .as('rn'),
        )
        .where('target_id', 'in', ids);
      const [records, observations] = await Promise.all([
        db.selectFrom(latestRecords.as('r')).selectAll().where('rn', '=', 1).execute(),
        db.selectFrom(latestObservations.as('o')).selectAll().where('rn', '<=', limit).orderBy('seq', 'desc').execute(),
      ]);
      return { records: records.map(toRecord), observations: observations.map(toObservation) };
    },

    async queryAudit(filter, { cursor, limit }) {
      const after = cursor ? decodeCursor(cursor) : null;
      const { from, to } = auditRange(filter);
      // The actor is matched by email or by subject. Two keyset queries, each an
      // index range scan, merged here: an OR would make the database sort every
      // row of a busy actor.
      const actorColumns = filter.actor ? (['actor_email', 'actor_sub'] as const) : [null];
      const pages = await Promise.all(
        actorColumns.map((actorColumn) => {
          let q = db.selectFrom('audit_records').selectAll();
          if (actorColumn === 'actor_email') q = q.where(sql`lower(actor_email)`, '=', sql`lower(${filter.actor!})`);
          // OIDC subjects are case-sensitive.
          if (actorColumn === 'actor_sub') q = q.where('actor_sub', '=', filter.actor!);
          if (filter.target) q = q.where(sql`lower(target_user_name)`, '=', sql`lower(${filter.target})`);
          if (filter.action) q = q.where('action', '=', filter.action);
          if (filter.outcome) q = q.where('state', '=', filter.outcome);
          if (filter.job) q = q.where('job_id', '=', filter.job);
          if (filter.reasonCode) q = q.where('reason_code', '=', filter.reasonCode);
          if (filter.ticket) q = q.where('ticket', '=', filter.ticket);
          if (filter.webhooks === 'undelivered')
            q = q.where((eb) =>
              eb.exists(
                eb
                  .selectFrom('webhook_deliveries')
                  .select('webhook_deliveries.seq')
                  .whereRef('webhook_deliveries.audit_record_id', '=', 'audit_records.id')
                  .where('webhook_deliveries.state', '<>', 'delivered'),
              ),
            );
          if (from) q = q.where('created_at', '>=', from);
          if (to) q = q.where('created_at', '<', to);
          if (after)
            q = q.where('created_at', '<=', after.at).where((eb) => eb.or([eb('created_at', '<', after.at), eb('seq', '<', after.seq)]));
          return q
            .orderBy('created_at', 'desc')
            .orderBy('seq', 'desc')
            .limit(limit + 1)
            .execute();
        }),
      );
      const rows = pages.length === 1 ? pages[0]! : mergeNewestFirst(pages);
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      const last = shown.at(-1);
      return { records: shown.map(toRecord), nextCursor: more && last ? encodeCursor({ at: last.created_at, seq: last.seq }) : null };
    },

    async webhookDeliveries(recordIds) {
      const out = new Map<string, WebhookDeliverySummary[]>();
      if (recordIds.length === 0) return out;
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(['audit_record_id', 'url', 'state', 'attempts', 'last_error'])
        .where('audit_record_id', 'in', recordIds)
        .orderBy('seq')
        .execute();
      for (const r of rows) {
        const summary = { receiver: new URL(r.url).origin, state: r.state, attempts: r.attempts, lastError: r.last_error };
        out.set(r.audit_record_id!, [...(out.get(r.audit_record_id!) ?? []), summary]);
      }
      return out;
    },

    async ping() {
      await sql`select 1`.execute(db);
    },
  };
}

// One database handle and one store per process (kept on globalThis so dev reloads don't open a second handle).
const holder = globalThis as typeof globalThis & {
  __scimConsoleAuditDb?: Promise<Kysely<AuditDatabase>>;
  __scimConsoleAudit?: Promise<AuditStore>;
};

/** The migrated database, the one handle the store, the job store, the overview and the ended-sessions list share. */
export function getAuditDb(): Promise<Kysely<AuditDatabase>> {
  holder.__scimConsoleAuditDb ??= (async () => {
    const db = createAuditDb(env.DATABASE_URL);
    await migrate(db);
    return db;
  })().catch((e) => {
    holder.__scimConsoleAuditDb = undefined;
    throw e;
  });
  return holder.__scimConsoleAuditDb;
}

export function getAuditStore(): Promise<AuditStore> {
  holder.__scimConsoleAudit ??= (async () => {
    const db = await getAuditDb();
    return createAuditStore(db, undefined, { pendingTimeoutMs: env.AUDIT_PENDING_TIMEOUT_SECONDS * 1000 });
  })().catch((e) => {
    // Let the next request try again rather than caching the failure forever.
    holder.__scimConsoleAudit = undefined;
    throw e;
  });
  return holder.__scimConsoleAudit;
}
