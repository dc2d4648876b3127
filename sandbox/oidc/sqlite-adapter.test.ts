import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAdapterFactory } from './sqlite-adapter';

let db: Database.Database | undefined;
afterEach(() => db?.close());

function setup() {
  db = new Database(':memory:');
  let now = 1_000_000;
  const factory = createSqliteAdapterFactory(db, () => now);
  return {
    factory,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('sqlite adapter', () => {
  it('stores, finds by id and uid, and keeps models apart', async () => {
    const { factory } = setup();
    const sessions = factory('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a' }, 60);
    expect(await sessions.find('s1')).toEqual({ uid: 'u1', accountId: 'a' });
    expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'a' });
    expect(await factory('Grant').find('s1')).toBeUndefined();
    await sessions.upsert('s1', { uid: 'u1', accountId: 'b' }, 60);
    expect(await sessions.find('s1')).toMatchObject({ accountId: 'b' });
  });

  it('hides expired entries', async () => {
    const { factory, advance } = setup();
    const codes = factory('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g' }, 60);
    advance(59_000);
    expect(await codes.find('c1')).toBeDefined();
    advance(2_000);
    expect(await codes.find('c1')).toBeUndefined();
  });

  it('marks consumed entries and revokes by grant within one model', async () => {
    const { factory } = setup();
    const tokens = factory('RefreshToken');
    const grants = factory('Grant');
    await tokens.upsert('r1', { grantId: 'g1' }, 60);
    await tokens.upsert('r2', { grantId: 'g2' }, 60);
    await grants.upsert('g1', { accountId: 'a', grantId: 'g1' } as never, 60);
    expect((await tokens.find('r1'))?.consumed).toBeUndefined();
    await tokens.consume('r1');
    expect((await tokens.find('r1'))?.consumed).toEqual(expect.any(Number));
    await tokens.revokeByGrantId('g1');
    expect(await tokens.find('r1')).toBeUndefined();
    expect(await tokens.find('r2')).toBeDefined();
    expect(await grants.find('g1')).toBeDefined();
    await tokens.destroy('r2');
    expect(await tokens.find('r2')).toBeUndefined();
  });
});
