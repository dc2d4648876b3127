// Tests only: the audit database once per dialect. SQLite in a fresh temp file
// per test, PostgreSQL in one PGlite (slow to start) whose schema is dropped
// between tests, and a real PostgreSQL server where TEST_POSTGRES_URL names one
// (.ci/run starts one from Debian's packages). Call at a test file's top level.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createAuditDb, type AuditDatabase } from '../db';
import { pgliteDialect } from './pglite-dialect';

/** `fresh`: each open() is a new handle the test destroys; otherwise one shared handle, emptied per open(). */
export type AuditDialectCase = [name: string, open: () => Promise<Kysely<AuditDatabase>>, fresh: boolean];

async function emptied(db: Kysely<AuditDatabase>): Promise<Kysely<AuditDatabase>> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  return db;
}

export function auditDialects(): AuditDialectCase[] {
  const tmp = mkdtempSync(path.join(tmpdir(), 'audit-db-'));
  let pglite: Kysely<AuditDatabase> | null = null;
  let postgres: Kysely<AuditDatabase> | null = null;
  afterAll(async () => {
    await pglite?.destroy();
    await postgres?.destroy();
    rmSync(tmp, { recursive: true, force: true });
  });
  const cases: AuditDialectCase[] = [
    ['SQLite', async () => createAuditDb(`file:${path.join(tmp, `${Math.random().toString(36).slice(2)}.db`)}`), true],
    ['PostgreSQL (PGlite)', async () => emptied((pglite ??= new Kysely<AuditDatabase>({ dialect: pgliteDialect(new PGlite()) }))), false],
  ];
  const realPostgres = process.env.TEST_POSTGRES_URL;
  if (realPostgres) cases.push(['PostgreSQL (server)', async () => emptied((postgres ??= createAuditDb(realPostgres))), false]);
  return cases;
}
