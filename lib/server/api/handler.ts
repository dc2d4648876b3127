import 'server-only';
// The one wrapper every console API route goes through: request id,
// mutation guards, authentication, authorization, and error mapping. Route
// files stay thin; nothing here relies on proxy.ts.

import { safeParse, type core, type infer as Infer } from 'zod/mini';
import { readCappedText } from '@/lib/server/http/read-capped';
import { can, type Action, type Role } from '@/lib/authz';
import { log } from '@/lib/server/log';
import { requestIdsFrom } from '@/lib/server/request-id';
import type { AuditStore } from '@/lib/server/audit/store';
import type { ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import { refusalHint, type RefusalHint } from '@/lib/server/scim/refusal-hints';
import type { RequestSession } from '@/lib/server/session';
import type { ReasonPolicy } from '@/lib/change-reason';
import type { ApiError, ProviderCapabilities, User } from '@/lib/users/types';

export const MAX_BODY_BYTES = 16 * 1024;
const UPSTREAM_REFUSED_MESSAGE = "The SCIM provider refused the console's credentials";

export type ApiDeps = {
  getSession(request: Request): Promise<RequestSession | null>;
  /** `scimBaseUrl`: the session's own SCIM base, where its sign-in learned one (Salesforce's instance_url). */
  scimClient(opts: { accessToken: string; requestId: string; scimBaseUrl?: string }): ScimClient;
  /** What the provider says it supports; throws when it cannot be asked. */
  capabilities(client: ScimClient): Promise<ProviderCapabilities>;
  /** The safest assumptions, for the console's own calls when the provider cannot be asked. */
  fallbackCapabilities(): ProviderCapabilities;
  auditStore(): Promise<AuditStore>;
  /** Origin of CONSOLE_URL: the only origin allowed to change state. */
  consoleOrigin: string;
  /** The provider profile says any 400 on a deep list page is its startIndex limit (default: only one that says so). */
  deepPagesRefusedAs?: 'start-index-400' | 'any-400';
  /** REASON_CODES, TICKET_PATTERN, TICKET_REQUIRED (default: lib/server/api/change-reason.ts#DEFAULT_REASON_POLICY). */
  reasonPolicy?: ReasonPolicy;
  /** PROTECTED_USERS: userNames, emails or ids the console never deactivates (default none). */
  protectedUsers?: readonly string[];
  /** The provider profile's hints after a known refusal (lib/server/scim/refusal-hints.ts); none by default. */
  refusalHints?: readonly RefusalHint[];
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { scimType?: string; current?: User; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export type Actor = { sub: string; email: string | null; name: string | null; role: Role };

export type ApiContext = {
  request: Request;
  requestId: string;
  actor: Actor;
  scim: ScimClient;
  /** What the provider says it supports, asked with this admin's token; throws (502/504) when it cannot be asked. */
  capabilities(): Promise<ProviderCapabilities>;
  /** For the console's own calls (page size, If-Match): the safest assumptions when the provider cannot be asked. */
  capabilitiesOrFallback(): Promise<ProviderCapabilities>;
  auditStore(): Promise<AuditStore>;
  /** Passes when the role may do any of the actions; else a logged 403. */
  authorize(...actions: Action[]): void;
  /** Query string parsed with a zod schema; 400 naming the field. */
  query<S extends core.$ZodType>(schema: S): Infer<S>;
  /** JSON body (mutating routes only, size-capped) parsed with a zod schema; 400 naming the field. */
  body<S extends core.$ZodType>(schema: S): Promise<Infer<S>>;
  /**
   * The admin's access token and its expiry (epoch seconds), for a bulk job that
   * keeps running after this request (docs/decisions/0071-whose-token-runs-a-job.md).
   * Nothing else may hold the token past the request.
   */
  delegatedToken(): { accessToken: string; expiresAt: number | null; scimBaseUrl?: string };
};

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(
  deps: ApiDeps,
  /** maxBodyBytes: a larger cap than MAX_BODY_BYTES, for routes that take a list (bulk jobs). */
  options: { mutating?: boolean; maxBodyBytes?: number },
  handler: (ctx: ApiContext, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    const started = Date.now();
    const { requestId, clientRequestId } = requestIdsFrom(request.headers);
    const path = new URL(request.url).pathname;
    let actor: Actor | null = null;
    let setCookies: string[] = [];
    let response: Response;
    try {
      // Refused requests stop here, before the session, the database or the upstream.
      guardSite(request);
      let rawBody: unknown = undefined;
      if (options.mutating) {
        const cap = options.maxBodyBytes ?? MAX_BODY_BYTES;
        guardMutation(request, deps.consoleOrigin, cap);
        rawBody = await readJsonBody(request, cap);
      }
      const session = await deps.getSession(request);
      if (!session) throw new ApiFailure(401, 'You are not signed in.');
      setCookies = session.setCookies;
      const token = session.token;
      if (token.error || !token.accessToken) {
        throw new ApiFailure(401, 'Your session expired and could not be renewed. Sign in again.');
      }
      const who: Actor = { sub: token.sub, email: token.email ?? null, name: token.name ?? null, role: token.role ?? 'none' };
      actor = who;
      const accessToken = token.accessToken;
      const scimBaseUrl = token.scimBaseUrl;
      const scim = deps.scimClient({ accessToken, requestId, scimBaseUrl });
      let caps: Promise<ProviderCapabilities> | null = null;
      const ctx: ApiContext = {
        request,
        requestId,
        actor: who,
        scim,
        capabilities: () => (caps ??= deps.capabilities(scim)),
        capabilitiesOrFallback: () =>
          ctx.capabilities().catch((error: unknown) => {
            log.warn('ServiceProviderConfig unavailable; using safe defaults', {
              requestId,
              error: isScimError(error) ? error.detail : error,
            });
            return deps.fallbackCapabilities();
          }),
        auditStore: deps.auditStore,
        authorize(...actions) {
          if (actions.some((a) => can(who.role, a))) return;
          log.warn('forbidden', { requestId, sub: who.sub, email: who.email, role: who.role, actions, method: request.method, path });
          throw new ApiFailure(403, 'Your role does not allow this action.');
        },
        query(schema) {
          return parseOr400(schema, Object.fromEntries(new URL(request.url).searchParams));
        },
        async body(schema) {
          if (!options.mutating) throw new Error('body() is for mutating routes');
          return parseOr400(schema, rawBody);
        },
        delegatedToken: () => ({ accessToken, expiresAt: token.accessTokenExpiresAt ?? null, scimBaseUrl }),
      };
      response = await handler(ctx, await context.params);
    } catch (error) {
      response = errorResponse(error, requestId, deps.refusalHints ?? []);
    }
    response.headers.set('x-request-id', requestId);
    response.headers.set('Cache-Control', 'no-store');
    for (const cookie of setCookies) response.headers.append('Set-Cookie', cookie);
    const line = {
      requestId,
      clientRequestId,
      method: request.method,
      path,
      status: response.status,
      ms: Date.now() - started,
      sub: actor?.sub,
      role: actor?.role,
    };
    if (response.status >= 500) log.error('api request', line);
    else log.info('api request', line);
    return response;
  };
}

/**
 * Reads have side effects too (observations recorded, stale pending records
 * settled, tokens refreshed): another site must not trigger them with a link or
 * a top-level navigation (the cookie is SameSite=Lax). Same-site counts as
 * another site: a sibling subdomain is not the console. HEAD would run the GET
 * handler (Next's fallback), so it is refused outright.
 */
function guardSite(request: Request) {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw new ApiFailure(403, 'Cross-site request refused.');
  if (request.method === 'HEAD') throw new ApiFailure(405, 'HEAD is not supported; use GET.', { headers: { Allow: 'GET' } });
}

function guardMutation(request: Request, consoleOrigin: string, maxBytes: number) {
  // Browsers send Origin on every PATCH/DELETE and Sec-Fetch-Site where they
  // support it; a request with neither is not from our pages.
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (site !== null && site !== 'same-origin' && site !== 'none') throw new ApiFailure(403, 'Cross-site request refused.');
  if (origin !== null && origin !== consoleOrigin) throw new ApiFailure(403, 'Cross-origin request refused.');
  if (origin === null && site === null) throw new ApiFailure(403, 'Request refused: no Origin header.');
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiFailure(415, 'Send the request body as application/json.');
  const length = request.headers.get('content-length');
  if (length !== null && Number(length) > maxBytes) throw new ApiFailure(413, `The request body is larger than ${maxBytes} bytes.`);
}

/** Reads at most maxBytes whatever Content-Length claimed (chunked bodies have none). */
async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readCappedText(request.body, maxBytes);
  if (text === null) throw new ApiFailure(413, `The request body is larger than ${maxBytes} bytes.`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'The request body is not valid JSON.');
  }
}

// Any zod schema: the shared DTO schemas are zod/mini (they reach the browser).
function parseOr400<S extends core.$ZodType>(schema: S, input: unknown): Infer<S> {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new ApiFailure(400, `${field}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Upstream statuses the browser can act on pass through; the rest become
 * 502/504. 401 is the console's own "your session ended" (the browser sends
 * the admin to sign in), so the provider refusing the console's token is a 502
 * with the provider's message instead.
 */
function errorResponse(error: unknown, requestId: string, hints: readonly RefusalHint[]): Response {
  let status = 500;
  let message = 'Something went wrong in the console.';
  let scimType: string | undefined;
  let current: User | undefined;
  let headers: Record<string, string> = {};
  if (error instanceof ApiFailure) {
    status = error.status;
    message = error.message;
    scimType = error.extra.scimType;
    current = error.extra.current;
    headers = error.extra.headers ?? {};
  } else if (isScimError(error)) {
    scimType = error.scimType;
    message = error.detail;
    if (error.kind === 'invalid-id') status = 400;
    else if (error.kind !== 'upstream') status = error.status;
    else if (error.status === 401) {
      status = 502;
      message = `${UPSTREAM_REFUSED_MESSAGE}: ${error.detail}`;
    } else if ([400, 403, 404, 409, 412, 429].includes(error.status)) status = error.status;
    else status = 502;
    // A refusal: the provider's words verbatim, then what to do where the cause is known.
    const hint = error.kind === 'upstream' && [400, 403, 409].includes(error.status) ? refusalHint(error.detail, hints) : null;
    if (hint) message = `${message} ${hint}`;
    if (error.status === 429) {
      // Salesforce's limit message says nothing about when to come back.
      message = `${message} The SCIM provider is rate-limiting the console; ${
        error.retryAfter !== undefined ? `try again in ${error.retryAfter} seconds.` : 'try again in a minute.'
      }`;
      if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
    }
  } else {
    log.error('unhandled error', { requestId, error });
  }
  const body: ApiError = { error: { status, message, requestId, ...(scimType ? { scimType } : {}) }, ...(current ? { current } : {}) };
  return Response.json(body, { status, headers });
}
