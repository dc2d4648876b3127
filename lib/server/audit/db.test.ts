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

describe('cachingStatements rows', () => {
  const queries = [
    ['select n, n * 2 as twice, null as empty from t where n >= ?', [2]],
    // A repeated column name: the last one wins, as better-sqlite3's own objects have it.
    ['select n as a, n + 10 as a, n from t order by n desc', []],
    ['insert into t values (?) returning n, n * 3 as thrice', [7]],
  ] as const;

  it.each(queries)('are the objects better-sqlite3 gives for %s', (sqlText, parameters) => {
    const own = sqliteWithRows();
    const kept = sqliteWithRows();
    const expected = own.prepare(sqlText).all(...parameters);
    expect(expected.length).toBeGreaterThan(0);
    expect(cachingStatements(kept).prepare(sqlText).all(parameters)).toEqual(expected);
  });

  it('are the same objects when iterated', () => {
    const own = sqliteWithRows();
    const expected = own.prepare('select n, -n as negative from t').all();
    expect([...cachingStatements(sqliteWithRows()).prepare('select n, -n as negative from t').iterate([])]).toEqual(expected);
  });

  it('leave a writing statement as it is', () => {
    const sqlite = sqliteWithRows();
    const insert = cachingStatements(sqlite).prepare('insert into t values (?)');
    expect(insert.reader).toBe(false);
    expect(insert.run([9]).changes).toBe(1);
    expect(sqlite.prepare('select count(*) as c from t').get()).toEqual({ c: 4 });
  });
});
