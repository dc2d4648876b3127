import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachingStatements } from './db';

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function sqliteWithRows() {
  const sqlite = new Database(':memory:');
  opened.push(sqlite);
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3);');
  return sqlite;
}

describe('cachingStatements', () => {
  it('prepares each SQL text once and answers from the kept statement after', () => {
    const sqlite = sqliteWithRows();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const db = cachingStatements(sqlite);
    const first = db.prepare('select n from t where n > ?');
    const again = db.prepare('select n from t where n > ?');
    expect(again).toBe(first);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect((again as Database.Statement).all(1)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('gives a fresh statement while the kept one is still being iterated (a streamed export)', () => {
    const sqlite = sqliteWithRows();
    const db = cachingStatements(sqlite);
    const streaming = db.prepare('select n from t') as Database.Statement;
    const rows = streaming.iterate();
    expect(rows.next().value).toEqual({ n: 1 });
    const meanwhile = db.prepare('select n from t') as Database.Statement;
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all()).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });
});
