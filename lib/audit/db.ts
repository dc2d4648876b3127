import 'server-only';
// The audit database: the dialect is chosen here and nowhere else, and the
// schema is a versioned list of migrations run at start
// (docs/decisions/0016-audit-store.md).

import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type Generated } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type AuditRecordTable = {
  id: string;
  request_id: string;
  created_at: string;
  finished_at: string | null;
  actor_sub: string;
  actor_email: string | null;
  target_id: string;
  target_user_name: string | null;
  action: 'deactivate' | 'reactivate';
  method: 'PATCH' | 'DELETE';
  reason: string | null;
  state: 'pending' | 'succeeded' | 'failed';
  // Booleans as 0/1 integers: the same column type in SQLite and PostgreSQL.
  before_active: number | null;
  before_version: string | null;
  after_active: number | null;
  after_version: string | null;
  upstream_status: number | null;
  error_detail: string | null;
  seq: Generated<number>;
};

export type AuditDatabase = { audit_records: AuditRecordTable };

/** Append-only: a migration, once shipped, is never edited; add the next one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_audit_records': {
    async up(db) {
      await db.schema
        .createTable('audit_records')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
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
};

export async function migrate(db: Kysely<AuditDatabase>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Audit database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${error instanceof Error ? error.message : String(error ?? '')}`);
  }
}

/** `file:<path>` → SQLite (default). PostgreSQL (`postgres://`) plugs in here next issue. */
export function createAuditDb(databaseUrl: string): Kysely<AuditDatabase> {
  if (databaseUrl.startsWith('file:')) {
    const file = databaseUrl.slice('file:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<AuditDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  throw new Error('DATABASE_URL: PostgreSQL is not supported yet; use file:<path>');
}
