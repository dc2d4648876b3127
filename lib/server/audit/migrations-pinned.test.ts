// Migrations are forward-only: once shipped, a migration's SQL never changes, or
// databases migrated before and after the change would differ. This pins every
// migration's statements, per dialect, to the files under ./migrations-sql/: a new
// migration adds a file (write it with `npx vitest run -u` and review it), and a
// changed shipped one fails here.
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations, type AuditDatabase, type AuditDialect } from './db';
import { pgliteDialect } from './testing/pglite-dialect';

async function statementsByMigration(dialect: AuditDialect): Promise<[string, string][]> {
  let current: string[] = [];
  const log = (event: LogEvent) => void current.push(event.query.sql);
  const db =
    dialect === 'sqlite'
      ? new Kysely<AuditDatabase>({ dialect: new SqliteDialect({ database: new Database(':memory:') }), log })
      : new Kysely<AuditDatabase>({ dialect: pgliteDialect(new PGlite()), log });
  const out: [string, string][] = [];
  for (const [name, migration] of Object.entries(migrations(dialect)).sort(([a], [b]) => a.localeCompare(b))) {
    current = [];
    await migration.up(db);
    out.push([name, current.join('\n;\n')]);
  }
  await db.destroy();
  return out;
}

describe.each(['sqlite', 'postgres'] as const)('shipped %s migrations', (dialect) => {
  it('send the statements they shipped with', async () => {
    for (const [name, sql] of await statementsByMigration(dialect)) {
      await expect(sql).toMatchFileSnapshot(`./migrations-sql/${dialect}/${name}.sql`);
    }
  });
});
