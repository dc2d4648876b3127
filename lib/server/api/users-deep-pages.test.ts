// GET /api/users past the provider's startIndex limit: continued by keyset (`id gt` the cursor).
import { beforeEach, describe, expect, it } from 'vitest';
import { sendJson } from '@/lib/server/scim/testing/upstream';
import type { UserPage } from '@/lib/users/types';
import { callRoute, testDeps, upstreamAndAuditForThisFile } from './testing/harness';
import { createUserRoutes } from './users';

const { upstream, audit } = upstreamAndAuditForThisFile();
const ids = Array.from({ length: 12 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);
const MAX_START = 4;

/** Salesforce-like: lists in id order, `id gt "x"` (alone or and-ed), startIndex past MAX_START refused. */
function keysetServer(refusal: unknown = { Errors: [{ description: 'Start index too big', code: 400 }] }) {
  upstream().handle((req, res) => {
    const q = new URLSearchParams(req.query);
    const startIndex = Number(q.get('startIndex') ?? 1);
    const count = Number(q.get('count') ?? 100);
    if (startIndex > MAX_START) return sendJson(res, 400, refusal);
    const after = /id gt "([^"]+)"/.exec(q.get('filter') ?? '')?.[1];
    const odd = (q.get('filter') ?? '').includes('userName co "odd"');
    const matching = ids.filter((id) => (!after || id > after) && (!odd || Number(id.slice(1)) % 2 === 1));
    const rows = matching.slice(startIndex - 1, startIndex - 1 + count);
    return sendJson(res, 200, {
      totalResults: matching.length,
      startIndex,
      itemsPerPage: rows.length,
      Resources: rows.map((id) => ({ id, userName: `${id}@example.com`, active: true, meta: { resourceType: 'User' } })),
    });
  });
}

const routesFor = (deepPagesRefusedAs?: 'any-400') =>
  createUserRoutes({
    ...testDeps({ upstream, role: () => 'admin', auditStore: async () => audit() }),
    deepPagesRefusedAs,
  });
const list = async (query: string, routes = routesFor()) => callRoute(routes.list, 'GET', `/api/users${query}`, {});
const filters = () => upstream().requests.map((r) => new URLSearchParams(r.query).get('filter'));

beforeEach(() => keysetServer());

describe('GET /api/users deep pages', () => {
  it('continues by keyset after the cursor when the provider says the start index is too big', async () => {
    const res = await list('?startIndex=7&count=3&after=u04,u06');
    expect(res.status).toBe(200);
    const page = (await res.json()) as UserPage;
    expect(page.users.map((u) => u.id)).toEqual(['u07', 'u08', 'u09']);
    // Counted as if by offset: rows 7–9 of 12.
    expect(page).toMatchObject({ startIndex: 7, totalResults: 12, keyset: true });
    expect(filters()).toEqual([null, 'id gt "u06"']);
  });

  it('keeps the search: the keyset clause is and-ed with it', async () => {
    const page = (await (await list('?q=odd&startIndex=5&count=2&after=u07')).json()) as UserPage;
    expect(page.users.map((u) => u.id)).toEqual(['u09', 'u11']);
    expect(page.totalResults).toBe(6);
    expect(filters()[1]).toMatch(/^\(.*userName co "odd".*\) and id gt "u07"$/);
  });

  it('reads by offset while the provider allows it, cursor or not', async () => {
    const page = (await (await list('?startIndex=4&count=3&after=u03')).json()) as UserPage;
    expect(page.users.map((u) => u.id)).toEqual(['u04', 'u05', 'u06']);
    expect(page.keyset).toBeUndefined();
    expect(upstream().requests).toHaveLength(1);
  });

  it('without a cursor, passes the refusal on', async () => {
    const res = await list('?startIndex=7&count=3');
    expect(res.status).toBe(400);
    expect(upstream().requests).toHaveLength(1);
  });

  it('takes any 400 for the limit only where the profile says so', async () => {
    keysetServer({ Errors: [{ description: 'INVALID_QUERY', code: 400 }] });
    expect((await list('?startIndex=7&count=3&after=u06')).status).toBe(400);
    const res = await list('?startIndex=7&count=3&after=u06', routesFor('any-400'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as UserPage).users[0]?.id).toBe('u07');
  });

  it('refuses a cursor that is not an id, before calling the provider', async () => {
    const res = await list('?startIndex=7&count=3&after=u06,a%20b');
    expect(res.status).toBe(400);
    expect(upstream().requests).toHaveLength(0);
  });
});
