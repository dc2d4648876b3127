import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz';
import { sendJson, startTestUpstream, type TestUpstream } from '@/lib/server/scim/testing/upstream';
import type { OverviewResponse } from '@/lib/overview/types';
import { createOverviewRoute } from './overview';
import { callRoute, testDeps } from './testing/harness';

let upstream: TestUpstream;
let role: Role = 'helpdesk';

const GET = createOverviewRoute(testDeps({ upstream: () => upstream, role: () => role }));
const get = () => callRoute(GET, 'GET', '/api/overview', {});

/** A provider with 7 active and 3 inactive users, answering totals only. */
function provider(status = 200) {
  upstream.handle((req, res) => {
    if (status !== 200) return sendJson(res, status, { status: String(status), detail: 'provider trouble' });
    const filter = new URLSearchParams(req.query).get('filter');
    const totalResults = filter === 'active eq true' ? 7 : filter === 'active eq false' ? 3 : 10;
    return sendJson(res, 200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults, Resources: [] });
  });
}

beforeAll(async () => {
  upstream = await startTestUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  role = 'helpdesk';
  provider();
});

describe('GET /api/overview', () => {
  it.each<Role>(['admin', 'helpdesk', 'auditor'])('answers the active and inactive totals from count=0 queries, for %s', async (r) => {
    role = r;
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as OverviewResponse).totals).toEqual({ active: 7, inactive: 3 });
    const queries = upstream.requests.map((q) => Object.fromEntries(new URLSearchParams(q.query)));
    expect(queries).toEqual(
      expect.arrayContaining([
        { filter: 'active eq true', startIndex: '1', count: '0' },
        { filter: 'active eq false', startIndex: '1', count: '0' },
      ]),
    );
    expect(upstream.requests.every((q) => q.path === '/Users' && q.headers.authorization === 'Bearer tok')).toBe(true);
  });

  it('is closed to people without a role, calling nothing upstream', async () => {
    role = 'none';
    expect((await get()).status).toBe(403);
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes the provider’s failure on as an error, never as zero', async () => {
    provider(503);
    expect((await get()).status).toBe(502);
  });
});
