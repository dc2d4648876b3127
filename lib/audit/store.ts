import 'server-only';
// The audit log: a record is written `pending` before every upstream change
// and completed with the outcome after it (DESIGN.md §3 "Changing activation").

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { env } from '@/lib/env';
import { createAuditDb, migrate, type AuditDatabase, type AuditRecordTable } from './db';

export type AuditAction = 'deactivate' | 'reactivate';
export type AuditMethod = 'PATCH' | 'DELETE';
export type AuditState = 'pending' | 'succeeded' | 'failed';

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

export type AuditStore = {
  /** Returns the new record's id. Throws when the write fails: the caller must not go on. */
  insertPending(entry: PendingAudit): Promise<string>;
  recordOutcome(id: string, outcome: AuditOutcome): Promise<void>;
  get(id: string): Promise<AuditRecord | null>;
  listForTarget(targetId: string, limit?: number): Promise<AuditRecord[]>;
  /** A cheap query, for /api/health. */
  ping(): Promise<void>;
};

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

export function createAuditStore(db: Kysely<AuditDatabase>, now: () => Date = () => new Date()): AuditStore {
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
      await db
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
        .execute();
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
    async ping() {
      await sql`select 1`.execute(db);
    },
  };
}

// One store per process (kept on globalThis so dev reloads don't open a second handle).
const holder = globalThis as typeof globalThis & { __scimConsoleAudit?: Promise<AuditStore> };

export function getAuditStore(): Promise<AuditStore> {
  holder.__scimConsoleAudit ??= (async () => {
    const db = createAuditDb(env.DATABASE_URL);
    await migrate(db);
    return createAuditStore(db);
  })().catch((e) => {
    // Let the next request try again rather than caching the failure forever.
    holder.__scimConsoleAudit = undefined;
    throw e;
  });
  return holder.__scimConsoleAudit;
}
