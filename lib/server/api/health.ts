import 'server-only';
// GET /api/health: is the console up, can it reach its database and the SCIM
// provider. Unauthenticated, so it says "ok"/"error" and nothing more.

import { env } from '@/lib/server/env';
import { log } from '@/lib/server/log';
import type { AuditStore } from '@/lib/server/audit/store';
import { createScimClient, type ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import { healthProbeBase } from '@/lib/server/scim/session-base';
import { requestIdsFrom } from '@/lib/server/request-id';

/** scim `not-checked`: Salesforce's instance URL mode before any session has named its org (no base to probe). */
export type Health = { console: 'ok'; database: 'ok' | 'error'; scim: 'ok' | 'error' | 'not-checked' };

/** Anonymous callers share one answer this long, so a flood of health checks is not a flood of SCIM requests. */
export const HEALTH_CACHE_MS = 10_000;

export function createHealthRoute(deps: {
  auditStore(): Promise<AuditStore>;
  scim(requestId: string): ScimClient | null;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  // The check in flight or its recent result: concurrent callers wait for the same one.
  let cached: { at: number; health: Promise<Health> } | null = null;

  async function check(requestId: string, clientRequestId: string | undefined): Promise<Health> {
    const probe = deps.scim(requestId);
    const [database, scim] = await Promise.all([
      deps
        .auditStore()
        .then((s) => s.ping())
        .then(
          () => 'ok' as const,
          (error: unknown) => (log.error('health: database', { requestId, clientRequestId, error }), 'error' as const),
        ),
      probe === null
        ? Promise.resolve('not-checked' as const)
        : probe.getServiceProviderConfig().then(
            () => 'ok' as const,
            // Any HTTP answer below 500 (401 without a token, say) proves the provider is reachable.
            (error: unknown) =>
              isScimError(error) && error.kind === 'upstream' && error.status < 500
                ? ('ok' as const)
                : (log.warn('health: scim', { requestId, clientRequestId, error }), 'error' as const),
          ),
    ]);
    return { console: 'ok', database, scim };
  }

  return async function GET(request: Request): Promise<Response> {
    const { requestId, clientRequestId } = requestIdsFrom(request.headers);
    if (!cached || now() - cached.at >= HEALTH_CACHE_MS) cached = { at: now(), health: check(requestId, clientRequestId) };
    const body = await cached.health;
    const { database, scim } = body;
    const ok = database === 'ok' && scim !== 'error';
    return Response.json(body, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store', 'x-request-id': requestId } });
  };
}

export const defaultHealthScim = (requestId: string) => {
  const baseUrl = healthProbeBase();
  // No token and one attempt: a probe, not a retrying client.
  return baseUrl === null
    ? null
    : createScimClient({ baseUrl, requestId, timeoutMs: Math.min(env.SCIM_TIMEOUT_MS, 5_000), maxAttempts: 1 });
};
