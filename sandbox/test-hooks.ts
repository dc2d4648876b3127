// Test hooks for the console's own tests, mounted only when SANDBOX_TEST_HOOKS=1
// (which needs a loopback SANDBOX_HOST; see config.ts and docs/decisions/0090-sandbox-test-hooks-guard.md).
//
// Every hook answers only when the Host header is the sandbox's own (localhost, 127.0.0.1 or [::1]
// with its port, or the public URL's host): a DNS-rebinding page cannot reach it. Every hook but
// the reads (GET) needs `Content-Type: application/json` (415 otherwise), which no cross-site form
// or simple request can send. No token is needed. Answers 421 for a foreign Host.
//
// HTTP API (under /__test):
//   POST   /__test/reset     reseed the users to the deterministic seed, clear faults, the request log,
//                            the write counts, group changes and options → 204
//   POST   /__test/faults    JSON { kind, count?, method?, latencyMs?, status?, retryAfter? } → 204
//            kind 'latency'          wait latencyMs (default 1000), then answer normally
//                 'slow-response'    carry the request out at once, then hold the answer latencyMs
//                                    (default 1000): a change the client may never hear about
//                 'status'           answer a SCIM Error with `status` (default 500)
//                 'rate-limit'       answer 429 with Retry-After: retryAfter (default 1) seconds
//                 'salesforce-limit' answer 403 [{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"…"}]
//                 'hang'             never answer (until the client gives up, or reset)
//            with `count`: applies to the next `count` SCIM requests (only those with `method`, if
//            given); several counted faults queue up, the oldest matching one applies first.
//            without `count`: applies to EVERY matching SCIM request until DELETE /faults or reset
//            ("20 ms latency on every call", "the provider is down"). A standing latency adds to
//            whatever else applies; a counted fault wins over a standing non-latency one.
//   DELETE /__test/faults    clear all faults, counted and standing → 204
//   GET    /__test/requests  JSON array of the SCIM requests seen, oldest first (the last 5,000):
//            { method, path, query, authorization, ifMatch, status, time }
//            path: below the SCIM base (e.g. "/Users/005…"); query: decoded parameters as an object;
//            authorization: whether an Authorization header was sent (never its value);
//            status: the answer's status, null while unanswered; time: arrival, ISO 8601
//   DELETE /__test/requests  clear the log and the write counts → 204
//   GET    /__test/writes    JSON { "<user id>": { writes, succeeded } }: PUT/PATCH/DELETE requests on
//            /Users/<id> since the last reset or clear, and how many of them answered 2xx (not
//            bounded like the log, so "each user written exactly once" holds for any job size)
//   POST   /__test/accounts/<email>/groups  JSON { groups: string[] } → 204 (404 unknown account):
//            the demo account's groups at the issuer from now on; the next ID token and userinfo
//            (e.g. at the next refresh) carry them. Reset restores the accounts' own groups.
//   POST   /__test/options   JSON { noActiveFilter?: boolean, maxStartIndex?: number } → 204: switch
//            provider behaviour at run time (as SANDBOX_NO_ACTIVE_FILTER=1 and SANDBOX_MAX_START_INDEX);
//            reset restores the configured values
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { findAccountByEmail, type GroupOverrides } from './oidc/accounts';
import { errorBody, ScimError } from './scim/errors';
import { requestUrl } from './scim/handler';
import { readBody, sendEmpty, sendJson } from './scim/http-io';
import type { UserStore } from './scim/store';

const faultSchema = z.object({
  kind: z.enum(['latency', 'slow-response', 'status', 'rate-limit', 'salesforce-limit', 'hang']),
  count: z.number().int().min(1).max(100_000).optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfter: z.number().int().min(0).max(86_400).optional(),
});
/** A fault as POST /__test/faults takes it. */
export type FaultRequest = z.infer<typeof faultSchema>;
type Fault = FaultRequest & { remaining: number };

const groupsSchema = z.object({ groups: z.array(z.string().min(1).max(200)).max(100) });
const optionsSchema = z
  .object({ noActiveFilter: z.boolean().optional(), maxStartIndex: z.number().int().min(1).max(1_000_000).optional() })
  .strict();

export type LoggedRequest = {
  method: string;
  /** Below the SCIM base ('/Users/…'). */
  path: string;
  /** The SCIM base path it came in under: '/scim/v2', or Salesforce's '/services/scim/v2' (salesforce flavor). */
  base: string;
  query: Record<string, string>;
  authorization: boolean;
  ifMatch: string | null;
  status: number | null;
  time: string;
};

export type WriteCount = { writes: number; succeeded: number };

/** Provider behaviour the hooks may switch at run time. */
export type RuntimeOptions = { noActiveFilter: boolean; maxStartIndex: number };

// Bounds memory when a long e2e run never clears the log.
const MAX_LOG = 5_000;
const MAX_HOOK_BODY = 64 * 1024;
const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

export function createTestHooks(opts: {
  store: UserStore;
  groups: GroupOverrides;
  /** Host headers that name this sandbox (lowercase host:port). */
  ownHosts: ReadonlySet<string>;
  options: RuntimeOptions;
  /** The configured options, restored by reset. */
  defaults: RuntimeOptions;
}) {
  let faults: Fault[] = [];
  let log: LoggedRequest[] = [];
  let writes = new Map<string, WriteCount>();
  const hanging = new Set<ServerResponse>();

  const releaseHanging = () => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  const matches = (f: Fault, method: string) => f.method === undefined || f.method === method;

  /** The standing latency to add, then the fault that decides the answer (counted first, else standing). */
  const takeFaults = (method: string): { delayMs: number; fault: Fault | undefined } => {
    const standing = faults.filter((f) => f.count === undefined && matches(f, method));
    const delayMs = standing.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.latencyMs ?? 1000), 0);
    const counted = faults.find((f) => f.count !== undefined && f.remaining > 0 && matches(f, method));
    if (counted) {
      counted.remaining -= 1;
      faults = faults.filter((f) => f.count === undefined || f.remaining > 0);
      return { delayMs, fault: counted };
    }
    return { delayMs, fault: standing.find((f) => f.kind !== 'latency') };
  };

  const countWrite = (method: string, path: string, res: ServerResponse) => {
    const m = /^\/Users\/([^/]+)$/.exec(path);
    if (!m?.[1] || !WRITE_METHODS.has(method)) return;
    let id: string;
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      return;
    }
    const count = writes.get(id) ?? { writes: 0, succeeded: 0 };
    count.writes += 1;
    writes.set(id, count);
    const counted = writes;
    res.on('finish', () => {
      // A clear between arrival and answer starts a new count; this answer belongs to the old one.
      if (counted === writes && res.statusCode >= 200 && res.statusCode < 300) count.succeeded += 1;
    });
  };

  async function intercept(req: IncomingMessage, res: ServerResponse, subpath: string, base = '/scim/v2'): Promise<boolean> {
    const url = requestUrl(req, subpath);
    const method = req.method ?? 'GET';
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      base,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization !== undefined,
      ifMatch: req.headers['if-match'] ?? null,
      status: null,
      time: new Date().toISOString(),
    };
    log.push(entry);
    if (log.length > MAX_LOG) log = log.slice(-MAX_LOG);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    countWrite(method, url.pathname, res);

    const { delayMs, fault } = takeFaults(method);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!fault) return false;
    switch (fault.kind) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
        return false;
      case 'slow-response': {
        // Writes are applied now; only the answer waits, as when a provider is slow to reply.
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        res.end = ((...args: unknown[]) => {
          setTimeout(() => end(...args), fault.latencyMs ?? 1000);
          return res;
        }) as typeof res.end;
        return false;
      }
      case 'hang':
        req.resume();
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return true;
      case 'rate-limit': {
        req.resume();
        const error = new ScimError(429, 'tooMany', 'Too many requests (injected by the sandbox test hooks)');
        sendJson(res, 429, errorBody(error), { 'Retry-After': String(fault.retryAfter ?? 1) });
        return true;
      }
      case 'salesforce-limit':
        req.resume();
        res.writeHead(403, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]));
        return true;
      case 'status': {
        req.resume();
        const status = fault.status ?? 500;
        sendJson(res, status, errorBody(new ScimError(status, undefined, `Injected failure (status ${status})`)));
        return true;
      }
    }
  }

  /** Why this request may not use the hooks, or null. */
  function refusal(req: IncomingMessage, method: string): { status: number; detail: string } | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!opts.ownHosts.has(host)) {
      return { status: 421, detail: `Test hooks answer only to this sandbox's own Host (got "${req.headers.host ?? ''}")` };
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (method !== 'GET' && method !== 'HEAD' && type !== 'application/json') {
      return { status: 415, detail: 'Test hooks that change anything need Content-Type: application/json' };
    }
    return null;
  }

  async function readJsonBody(req: IncomingMessage): Promise<unknown> {
    const text = (await readBody(req, MAX_HOOK_BODY)).toString('utf8');
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
    const path = requestUrl(req, subpath).pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const fail = (status: number, detail: string) => sendJson(res, status, { error: detail });
    const refused = refusal(req, method);
    if (refused) {
      req.resume();
      return fail(refused.status, refused.detail);
    }
    let body: unknown = undefined;
    if (method === 'POST') {
      try {
        body = await readJsonBody(req);
      } catch {
        return fail(400, 'Body must be JSON');
      }
    } else {
      req.resume();
    }
    const invalid = (error: z.ZodError) => fail(400, error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));

    if (path === '/reset' && method === 'POST') {
      opts.store.reset();
      faults = [];
      log = [];
      writes = new Map();
      opts.groups.clear();
      Object.assign(opts.options, opts.defaults);
      releaseHanging();
      return sendEmpty(res, 204);
    }
    if (path === '/faults' && method === 'POST') {
      const fault = faultSchema.safeParse(body);
      if (!fault.success) return invalid(fault.error);
      faults.push({ ...fault.data, remaining: fault.data.count ?? Infinity });
      return sendEmpty(res, 204);
    }
    if (path === '/faults' && method === 'DELETE') {
      faults = [];
      return sendEmpty(res, 204);
    }
    if (path === '/requests' && method === 'GET') return sendJson(res, 200, log);
    if (path === '/requests' && method === 'DELETE') {
      log = [];
      writes = new Map();
      return sendEmpty(res, 204);
    }
    if (path === '/writes' && method === 'GET') return sendJson(res, 200, Object.fromEntries(writes));
    const groupsPath = /^\/accounts\/([^/]+)\/groups$/.exec(path);
    if (groupsPath?.[1] && method === 'POST') {
      const email = safeDecode(groupsPath[1]);
      const account = email === null ? undefined : findAccountByEmail(email);
      if (!account) return fail(404, `No demo account ${email ?? groupsPath[1]}`);
      const parsed = groupsSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      opts.groups.set(account, parsed.data.groups);
      return sendEmpty(res, 204);
    }
    if (path === '/options' && method === 'POST') {
      const parsed = optionsSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      Object.assign(opts.options, Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)));
      return sendEmpty(res, 204);
    }
    return fail(404, `No test hook ${method} ${path}`);
  }

  return { handle, intercept };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
