// oidc-provider adapter over the sandbox's SQLite db: sessions, grants,
// interactions, codes and refresh tokens survive a restart, so the console's
// refresh keeps working after `npm run sandbox` is restarted.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SandboxDb } from '../db';

type Row = { payload: string; consumed_at: number | null };

export function createSqliteAdapterFactory(db: SandboxDb, now: () => number = Date.now): (name: string) => Adapter {
  db.exec(`
    CREATE TABLE IF NOT EXISTS oidc_payloads (
      model TEXT NOT NULL,
      id TEXT NOT NULL,
      payload TEXT NOT NULL,
      grant_id TEXT,
      user_code TEXT,
      uid TEXT,
      expires_at INTEGER,
      consumed_at INTEGER,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX IF NOT EXISTS oidc_payloads_grant ON oidc_payloads (model, grant_id);
    CREATE INDEX IF NOT EXISTS oidc_payloads_uid ON oidc_payloads (model, uid);
    CREATE INDEX IF NOT EXISTS oidc_payloads_user_code ON oidc_payloads (model, user_code);
    CREATE INDEX IF NOT EXISTS oidc_payloads_expires ON oidc_payloads (expires_at);
  `);
  // Expired rows are never returned; dropping them at start keeps the table small.
  db.prepare('DELETE FROM oidc_payloads WHERE expires_at IS NOT NULL AND expires_at <= ?').run(now());

  const upsert = db.prepare(`
    INSERT INTO oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at, consumed_at)
    VALUES (@model, @id, @payload, @grantId, @userCode, @uid, @expiresAt, NULL)
    ON CONFLICT (model, id) DO UPDATE SET
      payload = excluded.payload, grant_id = excluded.grant_id, user_code = excluded.user_code,
      uid = excluded.uid, expires_at = excluded.expires_at`);
  const live = '(expires_at IS NULL OR expires_at > @now)';
  const byId = db.prepare(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = @model AND id = @id AND ${live}`);
  const byUid = db.prepare(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = @model AND uid = @uid AND ${live}`);
  const byUserCode = db.prepare(
    `SELECT payload, consumed_at FROM oidc_payloads WHERE model = @model AND user_code = @userCode AND ${live}`,
  );
  const consume = db.prepare('UPDATE oidc_payloads SET consumed_at = @at WHERE model = @model AND id = @id');
  const destroy = db.prepare('DELETE FROM oidc_payloads WHERE model = @model AND id = @id');
  const revokeByGrant = db.prepare('DELETE FROM oidc_payloads WHERE model = @model AND grant_id = @grantId');

  const read = (row: unknown): AdapterPayload | undefined => {
    if (!row) return undefined;
    const { payload, consumed_at } = row as Row;
    const parsed = JSON.parse(payload) as AdapterPayload;
    // oidc-provider treats a truthy `consumed` as "already used" (refresh token reuse, code replay).
    return consumed_at === null ? parsed : { ...parsed, consumed: Math.floor(consumed_at / 1000) };
  };

  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      upsert.run({
        model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? now() + expiresIn * 1000 : null,
      });
    },
    async find(id) {
      return read(byId.get({ model, id, now: now() }));
    },
    async findByUid(uid) {
      return read(byUid.get({ model, uid, now: now() }));
    },
    async findByUserCode(userCode) {
      return read(byUserCode.get({ model, userCode, now: now() }));
    },
    async consume(id) {
      consume.run({ model, id, at: now() });
    },
    async destroy(id) {
      destroy.run({ model, id });
    },
    async revokeByGrantId(grantId) {
      revokeByGrant.run({ model, grantId });
    },
  });
}
