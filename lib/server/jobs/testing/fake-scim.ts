// Tests only: a small SCIM provider over the test upstream, with users in a
// map, `eq` filters, queued faults and a count of writes in flight, so job
// tests can see exactly what reached the provider.
import type { ServerResponse } from 'node:http';
import { sendJson, type SeenRequest, type TestUpstream } from '@/lib/server/scim/testing/upstream';

export type FakeUser = { id: string; userName: string; email: string; active: boolean; version: number };
type Fault = (req: SeenRequest, res: ServerResponse) => boolean;

/** holdFirst: the first n writes are held until all n have arrived (proves n were in flight at once). */
export function fakeScim(upstream: TestUpstream, opts: { writeDelayMs?: number; holdFirst?: number } = {}) {
  const users = new Map<string, FakeUser>();
  const faults: { method: string; fault: Fault }[] = [];
  const writes: { method: string; id: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let held: (() => void)[] = [];
  const wire = (u: FakeUser) => ({
    id: u.id,
    userName: u.userName,
    emails: [{ value: u.email, primary: true }],
    active: u.active,
    meta: { version: `W/"${u.version}"`, resourceType: 'User' },
  });

  upstream.handle(async (req, res) => {
    const queued = faults.findIndex((f) => f.method === req.method);
    if (queued >= 0) {
      const { fault } = faults.splice(queued, 1)[0]!;
      if (fault(req, res)) return;
    }
    if (req.path === '/Users' && req.method === 'GET') {
      const params = new URLSearchParams(req.query);
      const filter = params.get('filter') ?? '';
      const wanted = [...filter.matchAll(/(userName|emails\.value) eq "([^"]*)"/g)].map((m) => m[2]!.toLowerCase());
      let list = [...users.values()];
      if (wanted.length) list = list.filter((u) => wanted.includes(u.userName.toLowerCase()) || wanted.includes(u.email.toLowerCase()));
      const co = /userName co "([^"]*)"/.exec(filter);
      if (co) list = list.filter((u) => u.userName.includes(co[1]!));
      if (/active eq false/.test(filter)) list = list.filter((u) => !u.active);
      if (/active eq true/.test(filter)) list = list.filter((u) => u.active);
      const start = Number(params.get('startIndex') ?? 1);
      const count = Number(params.get('count') ?? 100);
      const page = list.slice(start - 1, start - 1 + count);
      return sendJson(res, 200, { totalResults: list.length, startIndex: start, itemsPerPage: page.length, Resources: page.map(wire) });
    }
    const id = decodeURIComponent(req.path.split('/')[2] ?? '');
    const u = users.get(id);
    if (!u) return sendJson(res, 404, { status: '404', detail: 'User not found' });
    if (req.method === 'GET') return sendJson(res, 200, wire(u));
    writes.push({ method: req.method, id });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (opts.holdFirst && writes.length <= opts.holdFirst) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length === opts.holdFirst) {
          for (const release of held) release();
          held = [];
        }
      });
    }
    await new Promise((resolve) => setTimeout(resolve, opts.writeDelayMs ?? 5));
    inFlight--;
    if (req.method === 'PATCH') u.active = JSON.parse(req.body).Operations[0].value.active;
    else u.active = false;
    u.version++;
    if (req.method === 'PATCH') return sendJson(res, 200, wire(u));
    res.statusCode = 204;
    res.end();
  });

  return {
    users,
    writes,
    get maxInFlight() {
      return maxInFlight;
    },
    seed(n: number, inactive: (i: number) => boolean = () => false) {
      for (let i = 0; i < n; i++) {
        const id = `u${String(i).padStart(4, '0')}`;
        users.set(id, { id, userName: `user${i}@example.com`, email: `user${i}@mail.example.com`, active: !inactive(i), version: 1 });
      }
    },
    /** The next request with this method is answered by `fault` (true: it answered). */
    fault(method: string, fault: Fault) {
      faults.push({ method, fault });
    },
    rateLimit(method: string, retryAfter?: number) {
      faults.push({
        method,
        fault: (_req, res) => {
          sendJson(res, 429, { status: '429', detail: 'slow down' }, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
          return true;
        },
      });
    },
    salesforceLimit(method: string) {
      faults.push({
        method,
        fault: (_req, res) => {
          sendJson(res, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
          return true;
        },
      });
    },
    fail(method: string, status: number, detail: string) {
      faults.push({
        method,
        fault: (_req, res) => {
          sendJson(res, status, { status: String(status), detail });
          return true;
        },
      });
    },
  };
}
