import 'server-only';
// Over 250 lines on purpose: the one SCIM client (timeouts, redirects refused, capped
// bodies, the only retries) reads best as one file; reshaping lives in ./schemas.ts.
// The one way the console talks to the SCIM provider: the configured base
// only, the admin's own token, a timeout, no redirects, a capped body, and the
// only retry policy in the system (docs/decisions/0014-scim-retries.md).

import type { CallIdentity } from '@/lib/audit-vocabulary';
import type { SortOrder, User, UserPage, UserSortBy } from '@/lib/users/types';
import { readCappedText } from '@/lib/server/http/read-capped';
import { withDeadline } from '@/lib/server/http/deadline';
import { log } from '@/lib/server/log';
import { ScimError } from './errors';
import { parseScimErrorBody, PATCH_OP_SCHEMA, reshapeUser, reshapeUserPage } from './schemas';
import { buildScimUrl, userUrl } from './url';
import { SCIM_MAX_ATTEMPTS, SCIM_MAX_RETRY_DELAY_MS } from './retry-policy';
import type { ServiceTokenSource } from './service-token';
import { providerHealth, type ProviderHealth } from './provider-health';

export type ScimClientOptions = {
  baseUrl: string;
  /** The signed-in admin's access token; omitted only for the unauthenticated health probe. */
  accessToken?: string;
  /** The console's own credential (SCIM_AUTH=service, or unattended work): used instead of accessToken. */
  serviceToken?: ServiceTokenSource;
  timeoutMs: number;
  requestId?: string;
  fetch?: typeof fetch;
  /** Total tries for a retryable failure, the first included. */
  maxAttempts?: number;
  /** A Retry-After longer than this is not waited out: the caller gets the 429. */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  maxBodyBytes?: number;
  /** The PatchOp form the provider accepts (provider profile); default Salesforce's no-path form. */
  patchShape?: 'no-path' | 'path';
  /** Where the ServiceProviderConfig answers first (provider profile); the other path is the fallback. */
  discoveryPath?: 'ServiceProviderConfig' | 'ServiceProviderConfigs';
  /** Where each attempt's outcome is recorded, for the "provider unavailable" banner; default this process's. */
  health?: ProviderHealth;
};

export type ScimResponse = { status: number; headers: Headers; body: unknown };

export type ScimClient = {
  /** Whose credential this client's calls carry, for the audit record. */
  readonly identity: CallIdentity;
  /** The SCIM base this client calls: what per-provider caches are keyed by. */
  readonly baseUrl: string;
  getUser(id: string): Promise<{ user: User; etag: string | null }>;
  listUsers(params: { filter?: string; startIndex: number; count: number; sortBy?: UserSortBy; sortOrder?: SortOrder }): Promise<UserPage>;
  /** PATCH replace active; null when the provider answers 204 without a body. */
  setActive(id: string, active: boolean, opts?: { ifMatch?: string }): Promise<{ user: User | null; status: number }>;
  deleteUser(id: string, opts?: { ifMatch?: string }): Promise<{ status: number }>;
  /** The raw ServiceProviderConfig: the profile's path first (default singular), then the other. */
  getServiceProviderConfig(): Promise<unknown>;
  /** Whether Salesforce's plural `/ServiceProviderConfigs` answers 200: a Salesforce-style provider. */
  servesPluralServiceProviderConfig(): Promise<boolean>;
};

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const RETRYABLE_GET_STATUSES = new Set([502, 503, 504]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createScimClient(options: ScimClientOptions): ScimClient {
  const fetchImpl = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? SCIM_MAX_ATTEMPTS;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? SCIM_MAX_RETRY_DELAY_MS;
  const sleep = options.sleep ?? defaultSleep;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const health = options.health ?? providerHealth;

  async function send(
    method: 'GET' | 'PATCH' | 'DELETE',
    url: URL,
    init: { body?: unknown; ifMatch?: string } = {},
  ): Promise<ScimResponse> {
    const headers: Record<string, string> = { Accept: 'application/scim+json, application/json' };
    if (options.accessToken && !options.serviceToken) headers.Authorization = `Bearer ${options.accessToken}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/scim+json';
    if (init.ifMatch) headers['If-Match'] = init.ifMatch;
    if (options.requestId) headers['X-Request-Id'] = options.requestId;
    const idempotent = method === 'GET';

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let error: ScimError;
      let serviceToken: string | undefined;
      try {
        if (options.serviceToken) {
          serviceToken = await options.serviceToken.get();
          headers.Authorization = `Bearer ${serviceToken}`;
        }
        // The deadline covers the body too: a provider that stalls mid-body times out like one that never answers.
        const { res, text } = await withDeadline(options.timeoutMs, async (signal) => {
          const res = await fetchImpl(url, {
            method,
            headers,
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
            redirect: 'manual',
            signal,
          });
          if (res.status >= 300 && res.status < 400) {
            await res.body?.cancel().catch(() => {});
            throw new ScimError({
              status: 502,
              kind: 'redirect',
              detail: `The SCIM provider answered with a redirect (${res.status}); check SCIM_BASE_URL.`,
            });
          }
          if (res.status < 500) health.success();
          return { res, text: await readCapped(res, maxBodyBytes) };
        });
        if (res.ok) return { status: res.status, headers: res.headers, body: parseJson(text, true) };
        error = errorFromResponse(res.status, parseJson(text, false), res.headers);
      } catch (e) {
        error = toScimError(e, options.timeoutMs);
      }
      if (error.kind !== 'service-token') health.failure(error);
      // A revoked or rotated service token: the next call fetches a new one.
      if (serviceToken && error.kind === 'upstream' && error.status === 401) options.serviceToken!.invalidate(serviceToken);

      // 429 (and Salesforce's limit) means "not processed": safe to retry for every
      // method. 5xx and network failures may have been processed: GET only.
      const retryable =
        error.status === 429 ||
        (idempotent && (error.kind === 'network' || (error.kind === 'upstream' && RETRYABLE_GET_STATUSES.has(error.status))));
      const delay = retryable && attempt < maxAttempts ? retryDelay(error, attempt, maxRetryDelayMs) : null;
      log.warn('scim call failed', {
        requestId: options.requestId,
        method,
        path: url.pathname,
        status: error.status,
        kind: error.kind,
        attempt,
        ms: Date.now() - started,
        retryInMs: delay,
      });
      if (delay === null) throw error;
      await sleep(delay);
    }
  }

  async function getUser(id: string) {
    const res = await send('GET', userUrl(options.baseUrl, id));
    return { user: reshapeUser(res.body), etag: res.headers.get('etag') };
  }

  return {
    identity: options.serviceToken ? 'service-identity' : 'admin-token',
    baseUrl: options.baseUrl,
    getUser,
    async listUsers({ filter, startIndex, count, sortBy, sortOrder }) {
      const url = buildScimUrl(options.baseUrl, ['Users'], {
        filter,
        startIndex,
        count,
        sortBy,
        sortOrder: sortBy ? sortOrder : undefined,
      });
      const res = await send('GET', url);
      return reshapeUserPage(res.body, { startIndex });
    },
    async setActive(id, active, opts = {}) {
      // Salesforce's no-path form by default (RFC 7644 §3.5.2.3 servers accept it too); `path` where a profile says so.
      const operation =
        options.patchShape === 'path' ? { op: 'replace', path: 'active', value: active } : { op: 'replace', value: { active } };
      const body = { schemas: [PATCH_OP_SCHEMA], Operations: [operation] };
      const res = await send('PATCH', userUrl(options.baseUrl, id), { body, ifMatch: opts.ifMatch });
      return { user: res.body === null ? null : reshapeUser(res.body), status: res.status };
    },
    async deleteUser(id, opts = {}) {
      const res = await send('DELETE', userUrl(options.baseUrl, id), { ifMatch: opts.ifMatch });
      return { status: res.status };
    },
    async getServiceProviderConfig() {
      const [first, second] =
        options.discoveryPath === 'ServiceProviderConfigs'
          ? ['ServiceProviderConfigs', 'ServiceProviderConfig']
          : ['ServiceProviderConfig', 'ServiceProviderConfigs'];
      try {
        return (await send('GET', buildScimUrl(options.baseUrl, [first]))).body;
      } catch (e) {
        if (!(e instanceof ScimError) || e.status !== 404) throw e;
        return (await send('GET', buildScimUrl(options.baseUrl, [second]))).body;
      }
    },
    async servesPluralServiceProviderConfig() {
      return send('GET', buildScimUrl(options.baseUrl, ['ServiceProviderConfigs'])).then(
        (res) => res.status === 200,
        () => false,
      );
    },
  };
}

/** One user, or null when the provider says it does not exist (404): after an RFC DELETE, or for reconciliation. */
export async function getUserOrNull(scim: Pick<ScimClient, 'getUser'>, id: string): Promise<User | null> {
  try {
    return (await scim.getUser(id)).user;
  } catch (error) {
    if (error instanceof ScimError && error.status === 404) return null;
    throw error;
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const text = await readCappedText(res.body, maxBytes);
  if (text === null) throw tooLarge();
  return text;
}

const tooLarge = () => new ScimError({ status: 502, kind: 'bad-response', detail: 'The SCIM provider sent a response that is too large.' });

function parseJson(text: string, strict: boolean): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    if (strict) throw new ScimError({ status: 502, kind: 'bad-response', detail: 'The SCIM provider sent a response that is not JSON.' });
    return null;
  }
}

function errorFromResponse(status: number, body: unknown, headers: Headers): ScimError {
  const parsed = parseScimErrorBody(body);
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  if (status === 403 && parsed.code === 'REQUEST_LIMIT_EXCEEDED') {
    return new ScimError({ status: 429, detail: parsed.detail ?? 'The SCIM provider’s request limit was exceeded.', retryAfter });
  }
  return new ScimError({
    status,
    scimType: parsed.scimType,
    detail: parsed.detail ?? `The SCIM provider answered ${status}.`,
    retryAfter: status === 429 ? retryAfter : undefined,
  });
}

function toScimError(e: unknown, timeoutMs: number): ScimError {
  if (e instanceof ScimError) return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ScimError({ status: 504, kind: 'timeout', detail: `The SCIM provider did not answer within ${formatSeconds(timeoutMs)}.` });
  }
  return new ScimError({ status: 502, kind: 'network', detail: 'The SCIM provider could not be reached.' });
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Retry-After when given (null when longer than the cap), else capped exponential backoff with full jitter. */
function retryDelay(error: ScimError, attempt: number, maxMs: number): number | null {
  if (error.retryAfter !== undefined) {
    const ms = error.retryAfter * 1000;
    return ms <= maxMs ? ms : null;
  }
  const ceiling = Math.min(maxMs, 250 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
