import 'server-only';
// The audit log: a record is written `pending` before every upstream change
// and completed with the outcome after it (DESIGN.md §3 "Changing
// activation"); what the console sees of a user's meta is kept as
// observations. Both tables are append-only (triggers in ./db.ts).

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { env } from '@/lib/server/env';
import {
  createAuditDb,
  migrate,
  type AuditDatabase,
  type AuditRecordState,
  type AuditRecordTable,
  type ObservationSource,
  type ObservationTable,
} from './db';
import { auditRange, type AuditFilter } from '../../audit-log/types';

export type AuditAction = 'deactivate' | 'reactivate';
export type AuditMethod = 'PATCH' | 'DELETE';
export type AuditState = AuditRecordState;
export type { ObservationSource };

export type PendingAudit = {
  requestId: string;
  actor: { sub: string; email: string | null };
  target: { id: string; userName: string | null };
  action: AuditAction;
  method: AuditMethod;
  reason: string | null;
  before: { active: boolean | null; version: string | null };
};

export type AuditOutcome = {
  state: 'succeeded' | 'failed';
  upstreamStatus: number | null;
  after?: { active: boolean | null; version: string | null };
  errorDetail?: string | null;
};

export type AuditRecord = {
  id: string;
  requestId: string;
  createdAt: string;
  finishedAt: string | null;
  actor: { sub: string; email: string | null };
  target: { id: string; userName: string | null };
  action: AuditAction;
  method: AuditMethod;
  reason: string | null;
  state: AuditState;
  before: { active: boolean | null; version: string | null };
  after: { active: boolean | null; version: string | null };
  upstreamStatus: number | null;
  errorDetail: string | null;
};

/** What a read of a user shows; the fields an observation compares. */
export type ObservedUser = {
  id: string;
  userName: string | null;
  active: boolean | null;
  version: string | null;
  lastModified: string | null;
};

export type Observation = {
  id: string;
  observedAt: string;
  target: { id: string; userName: string | null };
  active: boolean | null;
  version: string | null;
  lastModified: string | null;
  source: ObservationSource;
  activationId: string | null;
  previous: { active: boolean | null; version: string | null };
};

export type AuditPageResult = { records: AuditRecord[]; nextCursor: string | null };

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor: is not a cursor from this API');
    this.name = 'InvalidCursorError';
  }
}

export type AuditStore = {
  /** Returns the new record's id. Throws when the write fails: the caller must not go on. */
  insertPending(entry: PendingAudit): Promise<string>;
  /** The one allowed update, pending → final. False when the record was no longer pending (already reconciled). */
  recordOutcome(id: string, outcome: AuditOutcome): Promise<boolean>;
  /** Settles a pending record from a fresh read of the user (null: not found). False when it was no longer pending. */
  reconcile(id: string, settlement: { after: { active: boolean | null; version: string | null } | null; detail: string }): Promise<boolean>;
  /** Pending records older than the timeout, oldest first: a crash between call and outcome. */
  listStalePending(opts?: { targetId?: string; limit?: number }): Promise<AuditRecord[]>;
  get(id: string): Promise<AuditRecord | null>;
  /** Newest first. */
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
  /** One keyset page of the log, newest first, filtered. Throws InvalidCursorError. */
  queryAudit(filter: AuditFilter, page: { cursor?: string | null; limit: number }): Promise<AuditPageResult>;
  /** A cheap query, for /api/health. */
  ping(): Promise<void>;
};

export type AuditStoreOptions = {
  /** A pending record older than this is reconciled. */
  pendingTimeoutMs?: number;
};

const DEFAULT_PENDING_TIMEOUT_MS = 120_000;

const toInt = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 1 : 0);
const toBool = (n: number | null) => (n === null ? null : n === 1);

function toRecord(row: Selectable<AuditRecordTable>): AuditRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    actor: { sub: row.actor_sub, email: row.actor_email },
    target: { id: row.target_id, userName: row.target_user_name },
    action: row.action,
    method: row.method,
    reason: row.reason,
    state: row.state,
    before: { active: toBool(row.before_active), version: row.before_version },
    after: { active: toBool(row.after_active), version: row.after_version },
    upstreamStatus: row.upstream_status,
    errorDetail: row.error_detail,
  };
}

function toObservation(row: Selectable<ObservationTable>): Observation {
  return {
    id: row.id,
    observedAt: row.observed_at,
    target: { id: row.target_id, userName: row.target_user_name },
    active: toBool(row.active),
    version: row.version,
    lastModified: row.last_modified,
    source: row.source,
    activationId: row.activation_id,
    previous: { active: toBool(row.previous_active), version: row.previous_version },
  };
}

// The keyset position (created_at, seq), opaque to the browser.
type Position = { at: string; seq: number };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at, p.seq])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && ISO.test(value[0]) && Number.isSafeInteger(value[1])) {
      return { at: value[0], seq: value[1] as number };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

export function createAuditStore(
  db: Kysely<AuditDatabase>,
  now: () => Date = () => new Date(),
  options: AuditStoreOptions = {},
): AuditStore {
  const pendingTimeoutMs = options.pendingTimeoutMs ?? DEFAULT_PENDING_TIMEOUT_MS;

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
          state: 'pending',
          before_active: toInt(entry.before.active),
          before_version: entry.before.version,
          after_active: null,
          after_version: null,
          upstream_status: null,
          error_detail: null,
        })
        .execute();
      return id;
    },

    async recordOutcome(id, outcome) {
      const result = await db
        .updateTable('audit_records')
        .set({
          state: outcome.state,
          finished_at: now().toISOString(),
          upstream_status: outcome.upstreamStatus,
          after_active: toInt(outcome.after?.active),
          after_version: outcome.after?.version ?? null,
          error_detail: outcome.errorDetail ?? null,
        })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async reconcile(id, { after, detail }) {
      const result = await db
        .updateTable('audit_records')
        .set({
          state: 'reconciled',
          finished_at: now().toISOString(),
          upstream_status: null,
          after_active: toInt(after?.active),
          after_version: after?.version ?? null,
          error_detail: detail,
        })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async listStalePending({ targetId, limit = 20 } = {}) {
      const cutoff = new Date(now().getTime() - pendingTimeoutMs).toISOString();
      let q = db.selectFrom('audit_records').selectAll().where('state', '=', 'pending').where('created_at', '<', cutoff);
      if (targetId !== undefined) q = q.where('target_id', '=', targetId);
      const rows = await q.orderBy('created_at', 'asc').orderBy('seq', 'asc').limit(limit).execute();
      return rows.map(toRecord);
    },

    async get(id) {
      const row = await db.selectFrom('audit_records').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async listForTarget(targetId, limit = 100) {
      const rows = await db
        .selectFrom('audit_records')
        .selectAll()
        .where('target_id', '=', targetId)
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

      // Which finished console activations produced these states, and which targets are mid-change.
      let records: Pick<Selectable<AuditRecordTable>, 'id' | 'target_id' | 'state' | 'after_version' | 'after_active' | 'finished_at'>[] =
        [];
      if (!opts) {
        const versions = [...new Set(changed.map((u) => u.version).filter((v): v is string => v !== null))];
        const unversioned = changed.filter((u) => u.version === null).map((u) => u.id);
        records = await db
          .selectFrom('audit_records')
          .select(['id', 'target_id', 'state', 'after_version', 'after_active', 'finished_at'])
          .where(
            'target_id',
            'in',
            changed.map((u) => u.id),
          )
          .where((eb) =>
            eb.or([
              eb('state', '=', 'pending'),
              ...(versions.length ? [eb.and([eb('state', 'in', ['succeeded', 'reconciled']), eb('after_version', 'in', versions)])] : []),
              ...(unversioned.length
                ? [
                    eb.and([
                      eb('state', 'in', ['succeeded', 'reconciled']),
                      eb('target_id', 'in', unversioned),
                      eb('after_version', 'is', null),
                    ]),
                  ]
                : []),
            ]),
          )
          .execute();
      }

      const observedAt = now().toISOString();
      const rows: Omit<Selectable<ObservationTable>, 'seq'>[] = [];
      for (const u of changed) {
        const last = latest.get(u.id);
        let source: ObservationSource;
        let activationId: string | null = null;
        if (opts) {
          source = opts.source;
          activationId = opts.activationId;
        } else {
          const mine = records.filter((r) => r.target_id === u.id);
          // The outcome is not recorded yet: classifying now would call the console's own change "outside".
          if (mine.some((r) => r.state === 'pending')) continue;
          const producer =
            u.version !== null
              ? mine.find((r) => r.after_version === u.version)
              : // No versions from this provider: a finished activation since the last observation that left this active value.
                mine.find((r) => r.after_active === toInt(u.active) && (!last || (r.finished_at ?? '') >= last.observed_at));
          if (producer) {
            source = 'console';
            activationId = producer.id;
          } else source = last ? 'outside' : 'first-seen';
        }
        rows.push({
          id: randomUUID(),
          observed_at: observedAt,
          target_id: u.id,
          target_user_name: u.userName,
          active: toInt(u.active),
          version: u.version,
          last_modified: u.lastModified,
          source,
          activation_id: activationId,
          previous_active: last?.active ?? null,
          previous_version: last?.version ?? null,
        });
      }
      if (rows.length === 0) return [];
      await db.insertInto('audit_observations').values(rows).execute();
      return rows.map((row) => toObservation({ ...row, seq: 0 }));
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

    async ping() {
      await sql`select 1`.execute(db);
    },
  };
}

function mergeNewestFirst<R extends { created_at: string; seq: number }>(pages: R[][]): R[] {
  const bySeq = new Map<number, R>();
  for (const page of pages) for (const row of page) bySeq.set(row.seq, row);
  return [...bySeq.values()].sort((a, b) => (a.created_at === b.created_at ? b.seq - a.seq : a.created_at < b.created_at ? 1 : -1));
}

// One store per process (kept on globalThis so dev reloads don't open a second handle).
const holder = globalThis as typeof globalThis & { __scimConsoleAudit?: Promise<AuditStore> };

export function getAuditStore(): Promise<AuditStore> {
  holder.__scimConsoleAudit ??= (async () => {
    const db = createAuditDb(env.DATABASE_URL);
    await migrate(db);
    return createAuditStore(db, undefined, { pendingTimeoutMs: env.AUDIT_PENDING_TIMEOUT_SECONDS * 1000 });
  })().catch((e) => {
    // Let the next request try again rather than caching the failure forever.
    holder.__scimConsoleAudit = undefined;
    throw e;
  });
  return holder.__scimConsoleAudit;
}
