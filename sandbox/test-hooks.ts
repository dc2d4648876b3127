// Test hooks for the console's own tests, mounted only when SANDBOX_TEST_HOOKS=1.
//
// HTTP API (under /__test; no token needed):
//   POST   /__test/reset     reseed the users to the deterministic seed, clear faults and the request log → 204
//   POST   /__test/faults    JSON { kind, count, method?, latencyMs?, status?, retryAfter? } → 204
//            kind 'latency'          wait latencyMs (default 1000), then answer normally
//                 'slow-response'    carry the request out at once, then hold the answer latencyMs
//                                    (default 1000): a change the client may never hear about
//                 'status'           answer a SCIM Error with `status` (default 500)
//                 'rate-limit'       answer 429 with Retry-After: retryAfter (default 1) seconds
//                 'salesforce-limit' answer 403 [{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"…"}]
//                 'hang'             never answer (until the client gives up, or reset)
//            applies to the next `count` SCIM requests (only those with `method`, if given);
//            several faults queue up, the oldest matching one applies first
//   DELETE /__test/faults    clear pending faults → 204
//   GET    /__test/requests  JSON array of the SCIM requests seen, oldest first:
//            { method, path, query, authorization, ifMatch, status }
//            path: below /scim/v2 (e.g. "/Users/005…"); query: decoded parameters as an object;
//            authorization: whether an Authorization header was sent (never its value);
//            status: the answer's status, null while unanswered
//   DELETE /__test/requests  clear the log → 204
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorBody, ScimError } from './scim/errors';
import { requestUrl } from './scim/handler';
import { readBody, sendEmpty, sendJson } from './scim/http-io';
import type { UserStore } from './scim/store';

const faultSchema = z.object({
  kind: z.enum(['latency', 'slow-response', 'status', 'rate-limit', 'salesforce-limit', 'hang']),
  count: z.number().int().min(1).max(10_000),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfter: z.number().int().min(0).max(86_400).optional(),
});
type Fault = z.infer<typeof faultSchema> & { remaining: number };

export type LoggedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: boolean;
  ifMatch: string | null;
  status: number | null;
};

// Bounds memory when a long e2e run never clears the log.
const MAX_LOG = 5_000;

export function createTestHooks(opts: { store: UserStore }) {
  let faults: Fault[] = [];
  let log: LoggedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const releaseHanging = () => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  };

  const takeFault = (method: string): Fault | undefined => {
    const fault = faults.find((f) => f.remaining > 0 && (f.method === undefined || f.method === method));
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  };

  async function intercept(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<boolean> {
    const url = requestUrl(req, subpath);
    const method = req.method ?? 'GET';
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization !== undefined,
      ifMatch: req.headers['if-match'] ?? null,
      status: null,
    };
    log.push(entry);
    if (log.length > MAX_LOG) log = log.slice(-MAX_LOG);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const fault = takeFault(method);
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

  async function handle(req: IncomingMessage, res: ServerResponse, subpath: string): Promise<void> {
    const path = requestUrl(req, subpath).pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const fail = (status: number, detail: string) => sendJson(res, status, { error: detail });
    if (path === '/reset' && method === 'POST') {
      req.resume();
      opts.store.reset();
      faults = [];
      log = [];
      releaseHanging();
      return sendEmpty(res, 204);
    }
    if (path === '/faults' && method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
      } catch {
        return fail(400, 'Body must be JSON');
      }
      const fault = faultSchema.safeParse(parsed);
      if (!fault.success) return fail(400, fault.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      faults.push({ ...fault.data, remaining: fault.data.count });
      return sendEmpty(res, 204);
    }
    if (path === '/faults' && method === 'DELETE') {
      faults = [];
      return sendEmpty(res, 204);
    }
    if (path === '/requests' && method === 'GET') return sendJson(res, 200, log);
    if (path === '/requests' && method === 'DELETE') {
      log = [];
      return sendEmpty(res, 204);
    }
    return fail(404, `No test hook ${method} ${path}`);
  }

  return { handle, intercept };
}
