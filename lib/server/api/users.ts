import 'server-only';
// The users API: list, read, change activation (PATCH or DELETE). Every
// change is written to the audit log as `pending` before the upstream call,
// and completed with its outcome after it.

import { log } from '@/lib/server/log';
import type { AuditStore } from '@/lib/server/audit/store';
import { getUserOrNull, type ScimClient } from '@/lib/server/scim/client';
import { ScimError, isScimError } from '@/lib/server/scim/errors';
import { buildUserFilter } from '@/lib/server/scim/filter';
import { assertScimId } from '@/lib/server/scim/url';
import { activationBodySchema, deleteBodySchema, userListParamsSchema, type ProviderCapabilities, type User } from '@/lib/users/types';
import { ApiFailure, apiRoute, json, type Actor, type ApiContext, type ApiDeps } from './handler';
import {
  AUDIT_UNAVAILABLE_MESSAGE,
  observeQuietly,
  openAudit,
  openAuditQuietly,
  reconcileSweep,
  reconcileTarget,
} from './observe-and-reconcile';

type IdParams = { id: string };

export const STALE_MESSAGE = 'This user changed since you loaded it.';
export const UNCONFIRMED_MESSAGE = 'The SCIM provider did not confirm the change; it will be checked again when this user is next viewed.';
export { AUDIT_UNAVAILABLE_MESSAGE };

export function createUserRoutes(deps: ApiDeps) {
  return {
    list: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('users:list');
      const params = ctx.query(userListParamsSchema);
      const caps = await ctx.capabilitiesOrFallback();
      const page = await ctx.scim.listUsers({
        filter: buildUserFilter(params),
        startIndex: params.startIndex,
        count: Math.min(params.count, caps.maxResults),
        // A provider that does not sort may reject sortBy (RFC 7644 §3.4.2.3): dropped, so the list still loads.
        ...(caps.sort && params.sortBy ? { sortBy: params.sortBy, sortOrder: params.sortOrder } : {}),
      });
      // One read of the latest observations, at most one insert; stale pending
      // records of listed users are settled from this very read.
      const audit = await openAuditQuietly(ctx.auditStore, ctx.requestId);
      await reconcileSweep({ audit, scim: ctx.scim, requestId: ctx.requestId, known: page.users });
      await observeQuietly(audit, page.users, ctx.requestId);
      return json(page);
    }),

    get: apiRoute<IdParams>(deps, {}, async (ctx, { id }) => {
      ctx.authorize('users:read');
      const userId = assertScimId(id);
      const audit = await openAuditQuietly(ctx.auditStore, ctx.requestId);
      let read: Awaited<ReturnType<ScimClient['getUser']>>;
      try {
        read = await ctx.scim.getUser(userId);
      } catch (error) {
        // Gone upstream: a record left pending on it is settled as "not found".
        if (error instanceof ScimError && error.status === 404)
          await reconcileTarget({ audit, scim: ctx.scim, targetId: userId, requestId: ctx.requestId, current: null });
        throw error;
      }
      const { user, etag } = read;
      await reconcileTarget({ audit, scim: ctx.scim, targetId: userId, requestId: ctx.requestId, current: user });
      await observeQuietly(audit, [user], ctx.requestId);
      const tag = etag ?? user.meta.version;
      return json({ user }, { headers: tag ? { ETag: tag } : {} });
    }),

    patch: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('users:deactivate', 'users:reactivate');
      const userId = assertScimId(id);
      const body = await ctx.body(activationBodySchema);
      ctx.authorize(body.active ? 'users:reactivate' : 'users:deactivate');
      return json({ user: await changeFromRequest(ctx, userId, body.active, 'PATCH', body.reason) });
    }),

    remove: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('users:delete');
      const userId = assertScimId(id);
      const body = await ctx.body(deleteBodySchema);
      return json({ user: await changeFromRequest(ctx, userId, false, 'DELETE', body.reason) });
    }),
  };
}

/** The one write path, fed from a route's context. */
async function changeFromRequest(ctx: ApiContext, id: string, active: boolean, method: 'PATCH' | 'DELETE', reason: string | undefined) {
  return changeActivation({
    scim: ctx.scim,
    audit: await openAudit(ctx.auditStore),
    capabilities: await ctx.capabilitiesOrFallback(),
    actor: ctx.actor,
    requestId: ctx.requestId,
    id,
    active,
    method,
    reason: reason ?? null,
    ifMatch: ctx.request.headers.get('if-match') ?? undefined,
  });
}

export type ChangeActivation = {
  scim: ScimClient;
  audit: AuditStore;
  capabilities: ProviderCapabilities;
  actor: Pick<Actor, 'sub' | 'email'>;
  requestId: string;
  id: string;
  active: boolean;
  method: 'PATCH' | 'DELETE';
  reason: string | null;
  /** The version the admin saw (PATCH and DELETE); a mismatch is a 412 with the fresh user. */
  ifMatch?: string;
};

/** DESIGN.md §3 "Changing activation": read, audit pending, call, audit outcome. */
export async function changeActivation(args: ChangeActivation): Promise<User | null> {
  const { scim, audit, capabilities, id, method, active } = args;
  // The before-state, and the userName and version the audit record needs.
  const { user: before } = await scim.getUser(id);
  // A change made outside the console since it last looked shows up here, before ours.
  await observeQuietly(audit, [before], args.requestId);

  // Checked here too, for PATCH and DELETE, so a provider without ETag support
  // still gets "changed since you loaded it"; forwarded upstream only where ETags are supported.
  if (args.ifMatch && before.meta.version && args.ifMatch !== before.meta.version) {
    throw new ApiFailure(412, STALE_MESSAGE, { current: before });
  }
  // Already as asked: nothing changes, so nothing is sent and nothing is recorded.
  if (method === 'PATCH' && before.active === active) return before;

  let recordId: string;
  try {
    recordId = await audit.insertPending({
      requestId: args.requestId,
      actor: { sub: args.actor.sub, email: args.actor.email },
      target: { id, userName: before.userName },
      action: active ? 'reactivate' : 'deactivate',
      method,
      reason: args.reason,
      before: { active: before.active, version: before.meta.version },
    });
  } catch (error) {
    log.error('audit write failed; upstream not called', { requestId: args.requestId, error });
    throw new ApiFailure(503, AUDIT_UNAVAILABLE_MESSAGE);
  }

  const ifMatch = capabilities.etag && args.ifMatch ? args.ifMatch : undefined;
  let upstreamStatus: number;
  let returned: User | null = null;
  try {
    if (method === 'PATCH') {
      const res = await scim.setActive(id, active, { ifMatch });
      upstreamStatus = res.status;
      returned = res.user;
    } else {
      upstreamStatus = (await scim.deleteUser(id, { ifMatch })).status;
    }
  } catch (error) {
    if (outcomeUnknown(error)) return settleUnconfirmed(args, recordId, error);
    await finish(audit, recordId, args.requestId, {
      state: 'failed',
      upstreamStatus: isScimError(error) && error.kind === 'upstream' ? error.status : null,
      errorDetail: isScimError(error) ? error.detail : 'unexpected error',
    });
    if (isScimError(error) && error.status === 412) {
      const current = await scim.getUser(id).then(
        (r) => r.user,
        () => undefined,
      );
      throw new ApiFailure(412, STALE_MESSAGE, { current, scimType: error.scimType });
    }
    throw error;
  }

  // The change is made; failing to read it back must not report it as failed.
  let after: User | null;
  let readError: string | null = null;
  try {
    after = returned ?? (await getUserOrNull(scim, id));
  } catch (error) {
    readError = `changed, but reading the user back failed: ${isScimError(error) ? error.detail : 'unexpected error'}`;
    after = method === 'DELETE' && !capabilities.deleteDeactivates ? null : { ...before, active };
  }

  await finish(audit, recordId, args.requestId, {
    state: 'succeeded',
    upstreamStatus,
    after: readError ? { active: null, version: null } : { active: after ? after.active : null, version: after?.meta.version ?? null },
    errorDetail: readError,
  });
  // Even when the record was already reconciled (a very late outcome), this keeps what the call produced.
  if (after && !readError) await observeQuietly(audit, [after], args.requestId, { source: 'console', activationId: recordId });
  return after;
}

/**
 * A timeout, a network failure, an upstream 5xx or an unreadable success: the
 * write may have been applied. A 4xx (429 included) and a redirect were not.
 */
function outcomeUnknown(error: unknown): boolean {
  if (!isScimError(error)) return true;
  if (error.kind === 'upstream') return error.status >= 500;
  return error.kind === 'timeout' || error.kind === 'network' || error.kind === 'bad-response';
}

/**
 * The write's outcome is unknown: read the user back. The requested state (or,
 * after a DELETE, no user at all) is a success; anything else a failure; no
 * answer leaves the record pending for reconciliation (0032-reconciliation.md).
 */
async function settleUnconfirmed(args: ChangeActivation, recordId: string, error: unknown): Promise<User | null> {
  const { scim, audit, id, active, method, requestId } = args;
  const detail = isScimError(error) ? error.detail : 'unexpected error';
  const upstreamStatus = isScimError(error) && error.kind === 'upstream' ? error.status : null;
  let seen: User | null;
  try {
    seen = await getUserOrNull(scim, id);
  } catch (readError) {
    log.warn('write unconfirmed and read-back failed; record left pending', {
      requestId,
      recordId,
      error: detail,
      readError: isScimError(readError) ? readError.detail : readError,
    });
    const status = isScimError(error) && error.kind === 'timeout' ? 504 : 502;
    throw new ApiFailure(status, isScimError(error) ? `${UNCONFIRMED_MESSAGE} (${detail})` : UNCONFIRMED_MESSAGE);
  }
  const applied = seen === null ? method === 'DELETE' : seen.active === active;
  if (!applied) {
    const state = seen === null ? 'the user was not found' : `the user is still ${seen.active ? 'active' : 'inactive'}`;
    await finish(audit, recordId, requestId, {
      state: 'failed',
      upstreamStatus,
      errorDetail: `${detail} (read back afterwards: ${state})`,
    });
    throw error;
  }
  log.warn('write unconfirmed, but the read-back shows it applied', { requestId, recordId, error: detail });
  await finish(audit, recordId, requestId, {
    state: 'succeeded',
    upstreamStatus,
    after: { active: seen ? seen.active : null, version: seen?.meta.version ?? null },
    errorDetail: `The SCIM provider did not confirm the change (${detail}); read back afterwards, it was in place.`,
  });
  if (seen) await observeQuietly(audit, [seen], requestId, { source: 'console', activationId: recordId });
  return seen;
}

/** The change already happened: a failed outcome write is logged, and the pending record is reconciled later. */
async function finish(audit: AuditStore, recordId: string, requestId: string, outcome: Parameters<AuditStore['recordOutcome']>[1]) {
  try {
    if (!(await audit.recordOutcome(recordId, outcome))) {
      log.warn('audit outcome arrived after the record was reconciled; kept as an observation', {
        requestId,
        recordId,
        state: outcome.state,
      });
    }
  } catch (error) {
    log.error('audit outcome write failed; record left pending', { requestId, recordId, error });
  }
}
