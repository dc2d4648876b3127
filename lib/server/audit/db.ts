import 'server-only';
// Over 250 lines on purpose: the schema's whole history (forward-only migrations and
// the append-only triggers for both dialects) is kept in one file, in order.
// The audit database: the dialect is chosen here and nowhere else, and the
// schema is a versioned list of migrations run at start
// (docs/decisions/0016-audit-before-change.md, 0030-audit-store-postgres.md).

import Database from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Generated,
  type Migration,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import {
  FINAL_AUDIT_STATES,
  type ActivationAction,
  type ActivationMethod,
  type AuditAction,
  type AuditState,
  type CallIdentity,
  type ObservationSource,
} from '@/lib/audit-vocabulary';
import type { JobItemState, JobKind, JobState } from '@/lib/jobs/types';
import type { WebhookDeliveryState } from '@/lib/webhooks/types';
import { StripNulPlugin } from './strip-nul';

export type AuditRecordTable = {
  id: string;
  request_id: string;
  created_at: string;
  finished_at: string | null;
  actor_sub: string;
  actor_email: string | null;
  /** For a sign-in or sign-out: the admin's own subject. */
  target_id: string;
  target_user_name: string | null;
  action: AuditAction;
  /** NOT NULL since 0001: a sign-in or sign-out stores its provider id here too (docs/decisions/0043-session-events.md). */
  method: ActivationMethod | string;
  reason: string | null;
  state: AuditState;
  // Booleans as 0/1 integers: the same column type in SQLite and PostgreSQL.
  before_active: number | null;
  before_version: string | null;
  after_active: number | null;
  after_version: string | null;
  upstream_status: number | null;
  error_detail: string | null;
  /** The bulk job this change belongs to (docs/decisions/0070-durable-jobs.md); null for a single change. */
  job_id: string | null;
  /** A sign-in's or sign-out's session id (the JWT's `sid`); null for a change. */
  session_id: string | null;
  /** The sign-in provider's id ('oidc', 'salesforce'); null for a change. */
  provider: string | null;
  /** Whose credential made the call (0007); null for records written before it. */
  call_identity: CallIdentity | null;
  /** Why (0008): a code of REASON_CODES and a ticket; null when not given or older. */
  reason_code: string | null;
  ticket: string | null;
  seq: Generated<number>;
};

/** One row each time the console sees a user's (version, active, lastModified) change. Never updated. */
export type ObservationTable = {
  seq: Generated<number>;
  id: string;
  observed_at: string;
  target_id: string;
  target_user_name: string | null;
  active: number | null;
  version: string | null;
  last_modified: string | null;
  source: ObservationSource;
  /** The activation record that produced this state ('console', 'reconcile'). */
  activation_id: string | null;
  /** The latest earlier observation's values, so History shows before → after without a second query. */
  previous_active: number | null;
  previous_version: string | null;
};

/** Sessions signed out before their absolute expiry (lib/server/audit/ended-sessions.ts). */
export type EndedSessionTable = {
  session_id: string;
  ended_at: string;
  /** ISO time after which the session's cookie is refused anyway: the row may go. */
  expires_at: string;
};

/** A bulk activation change (docs/decisions/0070-durable-jobs.md). */
export type JobTable = {
  id: string;
  created_at: string;
  finished_at: string | null;
  actor_sub: string;
  actor_email: string | null;
  action: ActivationAction;
  method: ActivationMethod;
  reason: string | null;
  reason_code: string | null;
  ticket: string | null;
  state: JobState;
  /** The job this one reverts, when it is a revert. */
  reverts_job_id: string | null;
  total: number;
  /** No item is claimed before this instant: the whole job's backoff after a rate limit. */
  not_before: string | null;
  backoff_level: number;
  /**
   * The provider's known write rate, shared by every instance: the instant the job's next write may start
   * (docs/decisions/0073-known-write-rate.md). Null until a rate-limited job first claims.
   */
  next_write_at: string | null;
  /** The starting admin's access token, AES-256-GCM (docs/decisions/0071-whose-token-runs-a-job.md); null once the job ends. */
  token_sealed: string | null;
  token_expires_at: string | null;
  /** 0010 (docs/decisions/0110-scheduled-changes-are-jobs.md): a bulk job, a scheduled change, or a reactivation's expiry. */
  kind: Generated<JobKind>;
  /** When a scheduled change or an expiry is due (UTC ISO); null for a bulk job. */
  run_at: string | null;
  /** When the scheduler released it to the worker, and whether that was late (every instance was down at run_at). */
  started_at: string | null;
  ran_late: number | null;
  /** A time-boxed reactivation: each user it reactivates gets an expiry at this instant. */
  reactivate_until: string | null;
  /** The IANA time zone the admin scheduled in, to show the time as they chose it. */
  time_zone: string | null;
};

/** One user of a job. Claimed with a lease; `attempts` fences a result against a later claim. */
export type JobItemTable = {
  job_id: string;
  seq: number;
  target_id: string;
  target_user_name: string | null;
  state: JobItemState;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  upstream_status: number | null;
  detail: string | null;
  finished_at: string | null;
  /** 0010: an expiry acts only on the version its reactivation left (anything else was changed outside the console). */
  expect_version: string | null;
};

/**
 * The webhook outbox (0009, docs/decisions/0100-webhook-outbox.md): one row per event and
 * receiver URL, written in the transaction of the outcome it reports, claimed with a lease.
 */
export type WebhookDeliveryTable = {
  seq: Generated<number>;
  /** The event's id: the `webhook-id` header, the same for every URL and every retry. */
  event_id: string;
  event_type: string;
  url: string;
  /** The exact JSON body sent (and signed) on every attempt. */
  payload: string;
  /** The audit record the event reports, for the /audit filter; null for a job's end. */
  audit_record_id: string | null;
  created_at: string;
  state: WebhookDeliveryState;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
};

export type AuditDatabase = {
  audit_records: AuditRecordTable;
  audit_observations: ObservationTable;
  jobs: JobTable;
  job_items: JobItemTable;
  ended_sessions: EndedSessionTable;
  webhook_deliveries: WebhookDeliveryTable;
};

export type AuditDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: only the adapter is read
export function dialectOf(db: Kysely<any>): AuditDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// The audit record's identity: fixed at insert, never changed by the pending → final update.
// As shipped in 0002; 0004 adds job_id (RECORD_IDENTITY_0004); 0006 session_id and provider; 0007 call_identity.
const RECORD_IDENTITY = [
  'seq',
  'id',
  'request_id',
  'created_at',
  'actor_sub',
  'actor_email',
  'target_id',
  'target_user_name',
  'action',
  'method',
  'reason',
  'before_active',
  'before_version',
] as const;
const RECORD_IDENTITY_0004 = [...RECORD_IDENTITY, 'job_id'] as const;
const RECORD_IDENTITY_0006 = [...RECORD_IDENTITY_0004, 'session_id', 'provider'] as const;
const RECORD_IDENTITY_0007 = [...RECORD_IDENTITY_0006, 'call_identity'] as const;
const RECORD_IDENTITY_0008 = [...RECORD_IDENTITY_0007, 'reason_code', 'ticket'] as const;
const FINAL_STATES = `(${FINAL_AUDIT_STATES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The record's update rule: it may change once, pending → final, and never in
 * the columns fixed at insert. SQLite: the trigger itself; PostgreSQL: the
 * trigger's function (`create`: 0002 creates it, later migrations replace it).
 * Every migration's SQL is exactly what it shipped with.
 */
function finalOnceTrigger(identity: readonly string[]): string {
  const identityChanged = identity.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
  return `CREATE TRIGGER audit_records_final_once BEFORE UPDATE ON audit_records
         WHEN OLD.state <> 'pending' OR NEW.state NOT IN ${FINAL_STATES} OR ${identityChanged}
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: only pending -> final may change, once'); END`;
}

function appendOnlyFunction(identity: readonly string[], create: 'CREATE' | 'CREATE OR REPLACE'): string {
  const identityChanged = identity.map((c) => `NEW.${c} IS DISTINCT FROM OLD.${c}`).join(' OR ');
  return `${create} FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit_records is append-only: rows are never deleted'; END IF;
       IF OLD.state <> 'pending' OR NEW.state NOT IN ${FINAL_STATES} OR ${identityChanged} THEN
         RAISE EXCEPTION 'audit_records is append-only: only pending -> final may change, once';
       END IF;
       RETURN NEW;
     END $$`;
}

/**
 * Append-only enforcement, the only dialect-specific SQL in the schema. An
 * audit record may change once, pending → final, and only in its outcome
 * columns; observations never change; nothing is deleted.
 */
function appendOnlyTriggers(dialect: AuditDialect): string[] {
  if (dialect === 'sqlite') {
    return [
      `CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
         BEGIN SELECT RAISE(ABORT, 'audit_records is append-only: rows are never deleted'); END`,
      finalOnceTrigger(RECORD_IDENTITY),
      `CREATE TRIGGER audit_observations_no_update BEFORE UPDATE ON audit_observations
         BEGIN SELECT RAISE(ABORT, 'audit_observations is append-only'); END`,
      `CREATE TRIGGER audit_observations_no_delete BEFORE DELETE ON audit_observations
         BEGIN SELECT RAISE(ABORT, 'audit_observations is append-only'); END`,
    ];
  }
  return [
    appendOnlyFunction(RECORD_IDENTITY, 'CREATE'),
    `CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
       FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()`,
    `CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`,
    `CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    `CREATE TRIGGER audit_observations_append_only BEFORE UPDATE OR DELETE ON audit_observations
       FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
    `CREATE TRIGGER audit_observations_no_truncate BEFORE TRUNCATE ON audit_observations
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
  ];
}

/** 0004, 0006, 0007: the record's update rule again, with the columns each adds among those fixed at insert. */
function recordUpdateRule(dialect: AuditDialect, identity: readonly string[]): string[] {
  // PostgreSQL's trigger calls the function by name: replacing the function is enough.
  return dialect === 'sqlite'
    ? [`DROP TRIGGER audit_records_final_once`, finalOnceTrigger(identity)]
    : [appendOnlyFunction(identity, 'CREATE OR REPLACE')];
}

/**
 * Append-only: a migration, once shipped, is never edited; add the next one.
 * The list is built per dialect only where SQL must differ (an auto-increment
 * key, triggers); SQLite's DDL for 0001 is exactly what shipped.
 */
export function migrations(dialect: AuditDialect): Record<string, Migration> {
  return {
    '0001_audit_records': {
      async up(db) {
        await db.schema
          .createTable('audit_records')
          // PostgreSQL has no AUTOINCREMENT keyword: `serial` is its equivalent.
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('request_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('actor_sub', 'text', (c) => c.notNull())
          .addColumn('actor_email', 'text')
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('target_user_name', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('before_active', 'integer')
          .addColumn('before_version', 'text')
          .addColumn('after_active', 'integer')
          .addColumn('after_version', 'text')
          .addColumn('upstream_status', 'integer')
          .addColumn('error_detail', 'text')
          .execute();
        await db.schema.createIndex('audit_records_target').on('audit_records').columns(['target_id', 'created_at']).execute();
        await db.schema.createIndex('audit_records_created').on('audit_records').column('created_at').execute();
      },
    },
    '0002_append_only_observations_keyset': {
      async up(db) {
        // Keyset order is (created_at, seq): every list index ends with both, so
        // a filtered page is an index range scan that stops after `limit` rows.
        await db.schema.dropIndex('audit_records_target').execute();
        await db.schema.dropIndex('audit_records_created').execute();
        const keyed: [string, string[]][] = [
          ['audit_records_keyset', []],
          ['audit_records_target_keyset', ['target_id']],
          ['audit_records_actor_email_keyset', ['actor_email']],
          ['audit_records_actor_sub_keyset', ['actor_sub']],
          ['audit_records_user_name_keyset', ['target_user_name']],
          ['audit_records_action_keyset', ['action']],
          ['audit_records_state_keyset', ['state']],
        ];
        for (const [name, lead] of keyed) {
          await db.schema
            .createIndex(name)
            .on('audit_records')
            .columns([...lead, 'created_at', 'seq'])
            .execute();
        }

        await db.schema
          .createTable('audit_observations')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('observed_at', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('target_user_name', 'text')
          .addColumn('active', 'integer')
          .addColumn('version', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('console', 'outside', 'reconcile', 'first-seen')`))
          .addColumn('activation_id', 'text')
          .addColumn('previous_active', 'integer')
          .addColumn('previous_version', 'text')
          .execute();
        // Latest observation per target (max seq) and a target's history.
        await db.schema.createIndex('audit_observations_target').on('audit_observations').columns(['target_id', 'seq']).execute();

        for (const statement of appendOnlyTriggers(dialect)) await sql.raw(statement).execute(db);
      },
    },
    '0003_case_insensitive_actor_and_user': {
      async up(db) {
        // Emails and SCIM userNames (caseExact false) match whatever their case:
        // the keyset indexes lead with lower(column), which the filters compare.
        for (const [name, column] of [
          ['audit_records_actor_email_keyset', 'actor_email'],
          ['audit_records_user_name_keyset', 'target_user_name'],
        ] as const) {
          await db.schema.dropIndex(name).execute();
          await sql`create index ${sql.id(`${name}_lower`)} on audit_records (lower(${sql.ref(column)}), created_at, seq)`.execute(db);
        }
      },
    },
    '0004_jobs': {
      async up(db) {
        await db.schema.alterTable('audit_records').addColumn('job_id', 'text').execute();
        // The Job filter of /audit, and a job's record of one user (read back after a crash).
        await db.schema.createIndex('audit_records_job_keyset').on('audit_records').columns(['job_id', 'created_at', 'seq']).execute();
        await db.schema.createIndex('audit_records_job_target').on('audit_records').columns(['job_id', 'target_id']).execute();
        for (const statement of recordUpdateRule(dialect, RECORD_IDENTITY_0004)) await sql.raw(statement).execute(db);

        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('actor_sub', 'text', (c) => c.notNull())
          .addColumn('actor_email', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('reverts_job_id', 'text')
          .addColumn('total', 'integer', (c) => c.notNull())
          .addColumn('not_before', 'text')
          .addColumn('backoff_level', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('token_sealed', 'text')
          .addColumn('token_expires_at', 'text')
          .execute();
        await db.schema.createIndex('jobs_state').on('jobs').columns(['state', 'created_at']).execute();
        await db.schema.createIndex('jobs_created').on('jobs').columns(['created_at', 'id']).execute();

        await db.schema
          .createTable('job_items')
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('target_user_name', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('upstream_status', 'integer')
          .addColumn('detail', 'text')
          .addColumn('finished_at', 'text')
          .addPrimaryKeyConstraint('job_items_pk', ['job_id', 'seq'])
          .execute();
        await db.schema.createIndex('job_items_state').on('job_items').columns(['job_id', 'state', 'seq']).execute();
      },
    },
    '0005_ended_sessions': {
      async up(db) {
        // Not part of the append-only log: rows go once the session would have expired anyway.
        await db.schema
          .createTable('ended_sessions')
          .addColumn('session_id', 'text', (c) => c.primaryKey())
          .addColumn('ended_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('ended_sessions_expires_at').on('ended_sessions').column('expires_at').execute();
      },
    },
    '0006_session_events': {
      async up(db) {
        // Sign-in and sign-out rows in the append-only log (docs/decisions/0043-session-events.md).
        // The Action filter finds them through audit_records_action_keyset.
        await db.schema.alterTable('audit_records').addColumn('session_id', 'text').execute();
        await db.schema.alterTable('audit_records').addColumn('provider', 'text').execute();
        for (const statement of recordUpdateRule(dialect, RECORD_IDENTITY_0006)) await sql.raw(statement).execute(db);
      },
    },
    '0007_call_identity': {
      async up(db) {
        // Whose credential made the call (docs/decisions/0054-call-identity.md); fixed at insert like job_id.
        await db.schema.alterTable('audit_records').addColumn('call_identity', 'text').execute();
        for (const statement of recordUpdateRule(dialect, RECORD_IDENTITY_0007)) await sql.raw(statement).execute(db);
      },
    },
    '0008_reason_codes_and_tickets': {
      async up(db) {
        // Why a change was made (docs/decisions/0105-reason-codes-and-tickets.md): fixed at insert, filterable.
        await db.schema.alterTable('audit_records').addColumn('reason_code', 'text').execute();
        await db.schema.alterTable('audit_records').addColumn('ticket', 'text').execute();
        await db.schema
          .createIndex('audit_records_reason_code_keyset')
          .on('audit_records')
          .columns(['reason_code', 'created_at', 'seq'])
          .execute();
        await db.schema.createIndex('audit_records_ticket_keyset').on('audit_records').columns(['ticket', 'created_at', 'seq']).execute();
        for (const statement of recordUpdateRule(dialect, RECORD_IDENTITY_0008)) await sql.raw(statement).execute(db);
        // A job hands its code and ticket to every change it makes.
        await db.schema.alterTable('jobs').addColumn('reason_code', 'text').execute();
        await db.schema.alterTable('jobs').addColumn('ticket', 'text').execute();
      },
    },
    '0009_webhook_outbox': {
      async up(db) {
        // Not append-only: a delivery's state moves (pending → delivered or failed); the event it carries never does.
        await db.schema
          .createTable('webhook_deliveries')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('audit_record_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('delivered_at', 'text')
          .addColumn('last_status', 'integer')
          .addColumn('last_error', 'text')
          .addUniqueConstraint('webhook_deliveries_event_url', ['event_id', 'url'])
          .execute();
        // The delivery loop's claim: due pending rows, soonest first.
        await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['state', 'next_attempt_at']).execute();
        // The /audit filter "Undelivered webhooks only".
        await db.schema
          .createIndex('webhook_deliveries_audit_record')
          .on('webhook_deliveries')
          .columns(['audit_record_id', 'state'])
          .execute();
      },
    },
    '0010_scheduled_changes': {
      async up(db) {
        // Scheduled changes and reactivation expiries are jobs with a run-at time
        // (docs/decisions/0110-scheduled-changes-are-jobs.md).
        await db.schema
          .alterTable('jobs')
          .addColumn('kind', 'text', (c) => c.notNull().defaultTo('bulk'))
          .execute();
        for (const column of ['run_at', 'started_at', 'reactivate_until', 'time_zone']) {
          await db.schema.alterTable('jobs').addColumn(column, 'text').execute();
        }
        await db.schema.alterTable('jobs').addColumn('ran_late', 'integer').execute();
        await db.schema.alterTable('job_items').addColumn('expect_version', 'text').execute();
        // The scheduler's tick (what is due) and /schedule (what is upcoming) read jobs by state and run_at.
        await db.schema.createIndex('jobs_state_run_at').on('jobs').columns(['state', 'run_at']).execute();
        // A user's scheduled changes and expiries (their page, History).
        await db.schema.createIndex('job_items_target').on('job_items').columns(['target_id', 'job_id']).execute();
      },
    },
    '0011_job_write_schedule': {
      async up(db) {
        // A job's write slots under a provider's known rate, claimed with the items (docs/decisions/0073-known-write-rate.md).
        await db.schema.alterTable('jobs').addColumn('next_write_at', 'text').execute();
      },
    },
  };
}

export async function migrate(db: Kysely<AuditDatabase>): Promise<void> {
  const all = migrations(dialectOf(db));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Audit database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error ?? '')}`,
    );
  }
}

/** Statements kept, the oldest dropped first: enough for every query the console makes, with room for IN lists of many lengths. */
const STATEMENT_CACHE_SIZE = 500;

/** A kept statement, and whether it is still being iterated. */
type KeptStatement = SqliteStatement & { readonly busy: boolean };

/**
 * A reader whose rows are read as arrays and made into objects here, from one template
 * per statement: better-sqlite3 builds each row object key by key, which took twice as
 * long as reading the row (7.6 against 3.6 µs for an audit record; README "Speed").
 * Same rows: one property per column name, the last column of a repeated name winning.
 */
function objectRows(statement: Database.Statement): KeptStatement {
  const names = statement.columns().map((column) => column.name);
  const template = Object.fromEntries(names.map((name) => [name, null]));
  const row = (values: unknown[]) => {
    const out: Record<string, unknown> = { ...template };
    for (let i = 0; i < names.length; i++) out[names[i]!] = values[i];
    return out;
  };
  statement.raw(true);
  return {
    reader: true,
    get busy() {
      return statement.busy;
    },
    all: (...parameters: unknown[]) => (statement.all(...parameters) as unknown[][]).map(row),
    run: (...parameters: unknown[]) => statement.run(...parameters),
    *iterate(...parameters: unknown[]) {
      for (const values of statement.iterate(...parameters) as IterableIterator<unknown[]>) yield row(values);
    },
  };
}

/**
 * better-sqlite3 for Kysely's SQLite driver, which prepares every query anew: preparing
 * was 7% of the console's CPU on list reads in the profile (README "Speed"). A
 * statement still being iterated (a streamed CSV export) is busy, so a second use of
 * the same SQL meanwhile gets a fresh one.
 */
export function cachingStatements(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, KeptStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      const prepared = sqlite.prepare(sqlText);
      const statement = prepared.reader ? objectRows(prepared) : prepared;
      if (!cached) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/** `file:<path>` → SQLite (default); `postgres://…` → PostgreSQL through a pg pool, shared by several console instances. */
export function createAuditDb(databaseUrl: string): Kysely<AuditDatabase> {
  if (databaseUrl.startsWith('file:')) {
    const file = databaseUrl.slice('file:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<AuditDatabase>({
      dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
      plugins: [new StripNulPlugin()],
    });
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    return new Kysely<AuditDatabase>({ dialect: new PostgresDialect({ pool }), plugins: [new StripNulPlugin()] });
  }
  throw new Error('DATABASE_URL: must start with file: or postgres://');
}
