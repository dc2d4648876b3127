// The sandbox's one SQLite database (users, OIDC state), persisted under the data dir.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SandboxDb = Database.Database;

export function openSandboxDb(dataDir: string): SandboxDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'sandbox.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
