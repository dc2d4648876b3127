// The users: parsed objects in memory (so a filter over 100,000 users takes
// milliseconds), written through to SQLite in a transaction on every change
// (so state survives restarts). Memory changes only after SQLite accepted the write.
import type { SandboxDb } from '../db';
import { ScimError } from './errors';
import type { Json } from './resource';
import { schemasFor } from './resource';
import { ENTERPRISE_SCHEMA } from './schema';
import { seedDay, seedUser, userId } from './seed';

export type UserRecord = {
  readonly seq: number;
  readonly version: number;
  /** The full SCIM resource, meta.location included. Treat as immutable; writes replace it. */
  readonly resource: Json;
  readonly userNameLower: string;
  readonly emailsLower: string[];
};

export type UserStore = {
  readonly baseUrl: string;
  /** Bumped on every change; lets callers cache derived orderings. */
  readonly generation: number;
  /** All users ordered by id (= seq), the default order. */
  all(): readonly UserRecord[];
  get(id: string): UserRecord | undefined;
  /** `attrs`: canonical writable attributes (see normalizeUser). Throws 409 uniqueness. */
  create(attrs: Json): UserRecord;
  /** Replaces the writable attributes; bumps version and lastModified. Throws 404, 409. */
  update(id: string, attrs: Json): UserRecord;
  /** Removes the user for good (the rfc flavor's DELETE). Throws 404. */
  remove(id: string): void;
  /** Back to the deterministic seed. */
  reset(): void;
};

type Row = { seq: number; version: number; json: string };

export function openUserStore(db: SandboxDb, opts: { seedCount: number; baseUrl: string; now?: () => number }): UserStore {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const now = opts.now ?? Date.now;
  db.exec(`
    CREATE TABLE IF NOT EXISTS scim_users (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS scim_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const insert = db.prepare('INSERT INTO scim_users (seq, id, version, json) VALUES (?, ?, ?, ?)');
  const updateRow = db.prepare('UPDATE scim_users SET version = ?, json = ? WHERE seq = ?');
  const deleteRow = db.prepare('DELETE FROM scim_users WHERE seq = ?');
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM scim_state WHERE key = ?');
  const setState = db.prepare('INSERT INTO scim_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');

  let records: UserRecord[] = [];
  const byId = new Map<string, UserRecord>();
  const byUserName = new Map<string, string>();
  let generation = 0;

  const toRecord = (seq: number, version: number, stored: Json): UserRecord => {
    const id = stored.id as string;
    const meta = { ...(stored.meta as Json), location: `${baseUrl}/Users/${id}`, version: `W/"${version}"` };
    const resource: Json = { ...stored, meta };
    const emails = Array.isArray(resource.emails) ? (resource.emails as Json[]) : [];
    return {
      seq,
      version,
      resource,
      userNameLower: String(resource.userName).toLowerCase(),
      emailsLower: emails
        .map((e) => e.value)
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase()),
    };
  };

  /** What goes to SQLite: everything but the location, which depends on the public URL of this run. */
  const toStored = (r: UserRecord): string => {
    const { location: _location, ...meta } = r.resource.meta as Json;
    void _location;
    return JSON.stringify({ ...r.resource, meta });
  };

  const index = (r: UserRecord) => {
    byId.set(r.resource.id as string, r);
    byUserName.set(r.userNameLower, r.resource.id as string);
  };
  const unindex = (r: UserRecord) => {
    byId.delete(r.resource.id as string);
    if (byUserName.get(r.userNameLower) === r.resource.id) byUserName.delete(r.userNameLower);
  };

  const load = () => {
    const rows = db.prepare<[], Row>('SELECT seq, version, json FROM scim_users ORDER BY seq').all();
    records = rows.map((row) => toRecord(row.seq, row.version, JSON.parse(row.json) as Json));
    byId.clear();
    byUserName.clear();
    records.forEach(index);
    generation += 1;
  };

  const seed = db.transaction(() => {
    db.exec('DELETE FROM scim_users');
    const day = seedDay(now());
    for (let i = 0; i < opts.seedCount; i += 1) {
      const user = seedUser(i, day);
      insert.run(i + 1, user.id, 1, JSON.stringify(user));
    }
    setState.run('nextSeq', String(opts.seedCount + 1));
    setState.run('seeded', '1');
  });

  if (!getState.get('seeded')) seed();
  load();

  const assertUnique = (userName: unknown, selfId?: string) => {
    const holder = byUserName.get(String(userName).toLowerCase());
    if (holder !== undefined && holder !== selfId) {
      throw new ScimError(409, 'uniqueness', `userName "${String(userName)}" is already taken (userNames are unique, case-insensitively)`);
    }
  };

  /** readOnly manager.displayName comes from the manager's own record. */
  const withManagerName = (attrs: Json): Json => {
    const ext = attrs[ENTERPRISE_SCHEMA] as Json | undefined;
    const manager = ext?.manager as Json | undefined;
    if (!ext || !manager || typeof manager.value !== 'string') return attrs;
    const m = byId.get(manager.value);
    const displayName = m ? (m.resource.displayName ?? m.resource.userName) : undefined;
    return { ...attrs, [ENTERPRISE_SCHEMA]: { ...ext, manager: { ...manager, ...(displayName ? { displayName } : {}) } } };
  };

  const build = (id: string, attrs: Json, meta: Json): Json => ({ schemas: schemasFor(attrs), id, ...withManagerName(attrs), meta });
  const posOf = (seq: number) => {
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = (records[mid] as UserRecord).seq;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const mustGet = (id: string) => {
    const r = byId.get(id);
    if (!r) throw new ScimError(404, undefined, `User "${id}" not found`);
    return r;
  };

  const store: UserStore = {
    baseUrl,
    get generation() {
      return generation;
    },
    all: () => records,
    get: (id) => byId.get(id),
    create(attrs) {
      assertUnique(attrs.userName);
      const seq = Number(getState.get('nextSeq')?.value ?? records.length + 1);
      const id = userId(seq);
      const at = new Date(now()).toISOString();
      const record = toRecord(seq, 1, build(id, attrs, { resourceType: 'User', created: at, lastModified: at }));
      db.transaction(() => {
        insert.run(seq, id, 1, toStored(record));
        setState.run('nextSeq', String(seq + 1));
      })();
      records.push(record);
      index(record);
      generation += 1;
      return record;
    },
    update(id, attrs) {
      const old = mustGet(id);
      assertUnique(attrs.userName, id);
      const version = old.version + 1;
      const meta = { ...(old.resource.meta as Json), lastModified: new Date(now()).toISOString() };
      const record = toRecord(old.seq, version, build(id, attrs, meta));
      updateRow.run(version, toStored(record), old.seq);
      unindex(old);
      records[posOf(old.seq)] = record;
      index(record);
      generation += 1;
      return record;
    },
    remove(id) {
      const old = mustGet(id);
      deleteRow.run(old.seq);
      unindex(old);
      records.splice(posOf(old.seq), 1);
      generation += 1;
    },
    reset() {
      seed();
      load();
    },
  };
  return store;
}
