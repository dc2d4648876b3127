import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditDb, migrate, type AuditDatabase } from './db';
import { createAuditStore } from './store';
import { StripNulPlugin } from './strip-nul';
import { pgliteDialect } from './testing/pglite-dialect';

const pending = {
  requestId: 'r1',
  actor: { sub: 's', email: 'a@x' },
  target: { id: 'u1', userName: 'nul\0user' },
  action: 'deactivate' as const,
  method: 'PATCH' as const,
  reason: null,
  before: { active: true, version: 'W/"1\0"' },
};

describe('NULs in upstream strings', () => {
  let pg: PGlite;
  // Starting PGlite is slow on a busy machine: in the hook, not the test.
  beforeAll(async () => {
    pg = new PGlite();
    await pg.waitReady;
  });
  afterAll(() => pg.close());

  it('are what PostgreSQL refuses, and are stripped before they are stored', async () => {
    const raw = new Kysely<AuditDatabase>({ dialect: pgliteDialect(pg) });
    await migrate(raw);
    const now = () => new Date('2026-01-01T00:00:00Z');
    await expect(createAuditStore(raw, now, { pendingTimeoutMs: 1000 }).insertPending(pending)).rejects.toThrow();

    const db = raw.withPlugin(new StripNulPlugin());
    const store = createAuditStore(db, now, { pendingTimeoutMs: 1000 });
    await store.insertPending(pending);
    const row = await db.selectFrom('audit_records').select(['target_user_name', 'before_version']).executeTakeFirstOrThrow();
    expect(row).toEqual({ target_user_name: 'nuluser', before_version: 'W/"1"' });
  });

  it('are stripped by the production database too (SQLite here)', async () => {
    const db = createAuditDb('file::memory:');
    await migrate(db);
    await createAuditStore(db, () => new Date(), { pendingTimeoutMs: 1000 }).insertPending(pending);
    const row = await db.selectFrom('audit_records').select('target_user_name').executeTakeFirstOrThrow();
    expect(row.target_user_name).toBe('nuluser');
  });
});
