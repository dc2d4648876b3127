import 'server-only';
// GET /api/health: is the console up, can it reach its database and the SCIM
// provider. Unauthenticated, so it says "ok"/"error" and nothing more.

import { env } from '@/lib/server/env';
import { log } from '@/lib/server/log';
import type { AuditStore } from '@/lib/server/audit/store';
import { createScimClient, type ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import { requestIdsFrom } from '@/lib/server/request-id';

export type Health = { console: 'ok'; database: 'ok' | 'error'; scim: 'ok' | 'error' };

export function createHealthRoute(deps: { auditStore(): Promise<AuditStore>; scim(requestId: string): ScimClient }) {
  return async function GET(request: Request): Promise<Response> {
    const { requestId, clientRequestId } = requestIdsFrom(request.headers);
    const [database, scim] = await Promise.all([
      deps
        .auditStore()
        .then((s) => s.ping())
        .then(
          () => 'ok' as const,
          (error: unknown) => (log.error('health: database', { requestId, clientRequestId, error }), 'error' as const),
        ),
      deps
        .scim(requestId)
        .getServiceProviderConfig()
        .then(
          () => 'ok' as const,
          // Any HTTP answer below 500 (401 without a token, say) proves the provider is reachable.
          (error: unknown) =>
            isScimError(error) && error.kind === 'upstream' && error.status < 500
              ? ('ok' as const)
              : (log.warn('health: scim', { requestId, clientRequestId, error }), 'error' as const),
        ),
    ]);
    const body: Health = { console: 'ok', database, scim };
    const ok = database === 'ok' && scim === 'ok';
    return Response.json(body, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store', 'x-request-id': requestId } });
  };
}

export const defaultHealthScim = (requestId: string) =>
  // No token and one attempt: a probe, not a retrying client.
  createScimClient({ baseUrl: env.SCIM_BASE_URL, requestId, timeoutMs: Math.min(env.SCIM_TIMEOUT_MS, 5_000), maxAttempts: 1 });
