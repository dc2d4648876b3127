import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSandboxDb } from '../db';
import { ScimError } from './errors';
import { normalizeUser, type Json } from './resource';
import { openUserStore } from './store';

const BASE = 'http://localhost:4010/scim/v2';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'scim-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('openUserStore', () => {
  it('seeds once, persists writes across reopen, and resets to the seed', () => {
    const dir = tempDir();
    let db = openSandboxDb(dir);
    let store = openUserStore(db, { seedCount: 20, baseUrl: BASE, now: () => Date.UTC(2026, 5, 1) });
    expect(store.all()).toHaveLength(20);
    const first = store.all()[0];
    expect(first?.resource.meta).toMatchObject({ location: `${BASE}/Users/${first?.resource.id}`, version: 'W/"1"' });

    const id = first?.resource.id as string;
    const updated = store.update(id, { ...normalizeUser(first?.resource), active: false });
    expect(updated.version).toBe(2);
    expect((updated.resource.meta as Json).lastModified).toBe('2026-06-01T00:00:00.000Z');
    const created = store.create(normalizeUser({ userName: 'New.Person@example.com' }));
    db.close();

    db = openSandboxDb(dir);
    store = openUserStore(db, { seedCount: 20, baseUrl: 'http://127.0.0.1:9/scim/v2' });
    expect(store.all()).toHaveLength(21);
    expect(store.get(id)?.resource).toMatchObject({
      active: false,
      meta: { version: 'W/"2"', location: `http://127.0.0.1:9/scim/v2/Users/${id}` },
    });
    expect(store.get(created.resource.id as string)?.userNameLower).toBe('new.person@example.com');

    store.reset();
    expect(store.all()).toHaveLength(20);
    expect(store.get(id)?.resource.active).toBe(true);
    db.close();
  });

  it('refuses a duplicate userName case-insensitively and changes nothing', () => {
    const db = openSandboxDb(tempDir());
    const store = openUserStore(db, { seedCount: 3, baseUrl: BASE });
    const err = (() => {
      try {
        store.create(normalizeUser({ userName: 'ZOE.OBRIEN@example.com' }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ScimError);
    expect((err as ScimError).status).toBe(409);
    expect((err as ScimError).scimType).toBe('uniqueness');
    expect(store.all()).toHaveLength(3);
    db.close();
  });

  it('removes users and never reuses their ids', () => {
    const db = openSandboxDb(tempDir());
    const store = openUserStore(db, { seedCount: 3, baseUrl: BASE });
    const a = store.create(normalizeUser({ userName: 'a@example.com' }));
    store.remove(a.resource.id as string);
    expect(store.get(a.resource.id as string)).toBeUndefined();
    const b = store.create(normalizeUser({ userName: 'b@example.com' }));
    expect(b.resource.id).not.toBe(a.resource.id);
    expect(store.all().map((r) => r.resource.id)).toEqual([...store.all().map((r) => r.resource.id as string)].sort());
    db.close();
  });
});
