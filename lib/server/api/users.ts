import 'server-only';
// The users API: list, read, and change activation (PATCH or DELETE) through
// the one write path, lib/server/change-activation.ts.

import { changeActivation, type ActivationResult } from '@/lib/server/change-activation';
import { ScimError } from '@/lib/server/scim/errors';
import { keysetFilter, refusesDeepStartIndex } from '@/lib/server/scim/deep-pages';
import { buildUserFilter } from '@/lib/server/scim/filter';
import { assertScimId } from '@/lib/server/scim/url';
import type { User, UserCounts, UserStatus } from '@/lib/users/types';
import { acceptedReason } from './change-reason';
import { log } from '@/lib/server/log';
import { ApiFailure, apiRoute, type ApiContext, type ApiDeps } from './handler';
import { cancelExpiries, reactivationEnd, scheduleExpiry, type ScheduleDeps } from './schedule';
import { afterListRead, afterUserRead, openAudit } from './observe-and-reconcile';
import { withLifecycle } from './user-lifecycle';
import { activationBodySchema, deleteBodySchema, userCountsParamsSchema, userListParamsSchema } from './schemas';

type IdParams = { id: string };

/** `schedule`: time-boxed reactivations (docs/decisions/0111-time-boxed-reactivation.md); without it every reactivation is permanent. */
export function createUserRoutes(deps: ApiDeps, schedule?: ScheduleDeps) {
  const protectedUsers = () => deps.protectedUsers ?? [];
  /** What a change answers: the user after it, with its lifecycle as every read has it. */
  const answer = async (ctx: ApiContext, result: ActivationResult, extra: { until?: string | null } = {}) =>
    Response.json({ ...result, ...extra, user: result.user ? (await withLifecycle(ctx, [result.user], protectedUsers()))[0] : null });

  return {
    list: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('users:list');
      const params = ctx.query(userListParamsSchema);
      const caps = await ctx.capabilitiesOrFallback();
      const filter = buildUserFilter(params);
      const count = Math.min(params.count, caps.maxResults);
      const cursor = params.after?.split(',').at(-1);
      if (cursor !== undefined) assertScimId(cursor);
      const page = await ctx.scim
        .listUsers({
          filter,
          startIndex: params.startIndex,
          count,
          // A provider that does not sort may reject sortBy (RFC 7644 §3.4.2.3): dropped, so the list still loads.
          ...(caps.sort && params.sortBy ? { sortBy: params.sortBy, sortOrder: params.sortOrder } : {}),
        })
        .catch(async (error: unknown) => {
          // Too deep for the provider: the rows after the cursor, in id order (docs/decisions/0053-deep-pages-by-keyset.md).
          if (!cursor || !refusesDeepStartIndex(error, params.startIndex, deps.deepPagesRefusedAs === 'any-400')) throw error;
          const rest = await ctx.scim.listUsers({ filter: keysetFilter(filter, cursor), startIndex: 1, count });
          return { ...rest, startIndex: params.startIndex, totalResults: params.startIndex - 1 + rest.totalResults, keyset: true };
        });
      await afterListRead(ctx, page.users);
      return Response.json({ ...page, users: await withLifecycle(ctx, page.users, protectedUsers()) });
    }),

    /** Totals for a search (count=0 reads): all, and inactive; active is the difference. */
    counts: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('users:list');
      const { q } = ctx.query(userCountsParamsSchema);
      const total = (status: UserStatus) =>
        ctx.scim.listUsers({ filter: buildUserFilter({ q, status }), startIndex: 1, count: 0 }).then((page) => page.totalResults);
      const [all, inactive] = await Promise.all([
        total('all'),
        // A provider that cannot filter by active still gives the total.
        total('inactive').catch(() => null),
      ]);
      const body: UserCounts = { all, inactive, active: inactive === null ? null : Math.max(0, all - inactive) };
      return Response.json(body);
    }),

    get: apiRoute<IdParams>(deps, {}, async (ctx, { id }) => {
      ctx.authorize('users:read');
      const userId = assertScimId(id);
      const read = await ctx.scim.getUser(userId).catch(async (error: unknown) => {
        // Gone upstream: a record left pending on it is settled as "not found".
        if (error instanceof ScimError && error.status === 404) await afterUserRead(ctx, userId, null);
        throw error;
      });
      const { user, etag } = read;
      await afterUserRead(ctx, userId, user);
      const tag = etag ?? user.meta.version;
      const [withStatus] = await withLifecycle(ctx, [user], protectedUsers());
      return Response.json({ user: withStatus }, { headers: tag ? { ETag: tag } : {} });
    }),

    patch: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('users:deactivate', 'users:reactivate');
      const userId = assertScimId(id);
      const body = await ctx.body(activationBodySchema);
      ctx.authorize(body.active ? 'users:reactivate' : 'users:deactivate');
      if (!body.active && (body.hours !== undefined || body.until !== undefined)) {
        throw new ApiFailure(400, 'Only a reactivation can be time-boxed.');
      }
      // Checked before anything changes: helpdesk may not reactivate permanently where a service identity exists.
      const until = body.active ? reactivationEnd(ctx.actor.role, body, schedule) : null;
      const reason = acceptedReason(body, deps.reasonPolicy);
      const result = await changeActivation({
        ...(await writeScope(ctx)),
        protectedUsers: protectedUsers(),
        id: userId,
        active: body.active,
        method: 'PATCH',
        ...reason,
      });
      if (schedule && result.auditRecordId !== null && result.user) {
        await afterChange(ctx, schedule, result.user, until, reason.ticket);
      }
      // Nothing changed (already active): no end was set either.
      return answer(ctx, result, { until: result.auditRecordId !== null ? until : null });
    }),

    remove: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('users:delete');
      const userId = assertScimId(id);
      const body = await ctx.body(deleteBodySchema);
      const result = await changeActivation({
        ...(await writeScope(ctx)),
        protectedUsers: protectedUsers(),
        id: userId,
        active: false,
        method: 'DELETE',
        ...acceptedReason(body, deps.reasonPolicy),
      });
      if (schedule && result.auditRecordId !== null) {
        await cancelExpiries(schedule, userId, 'The user was deactivated through the console.').catch((error: unknown) =>
          log.error('expiry not cancelled after a deactivation', { requestId: ctx.requestId, error }),
        );
      }
      return answer(ctx, result);
    }),
  };
}

/**
 * After a change through the console: a time-boxed reactivation gets its expiry (replacing any
 * earlier one); a permanent reactivation or a deactivation ends a waiting expiry of the user.
 */
async function afterChange(ctx: ApiContext, schedule: ScheduleDeps, user: User, until: string | null, ticket: string | null) {
  try {
    if (until) await scheduleExpiry(schedule, { actor: ctx.actor, ticket }, user, until);
    else
      await cancelExpiries(
        schedule,
        user.id,
        user.active ? 'Replaced by a permanent reactivation.' : 'The user was deactivated through the console.',
      );
  } catch (error) {
    log.error('reactivation end not recorded', { requestId: ctx.requestId, userId: user.id, error });
    if (until) {
      throw new ApiFailure(
        500,
        'The user was reactivated, but the end of the reactivation could not be recorded: deactivate them by hand when it should end.',
      );
    }
  }
}

/** What the write path needs from the request: who asks, with which token, and the version they saw. */
async function writeScope(ctx: ApiContext) {
  return {
    scim: ctx.scim,
    audit: await openAudit(ctx.auditStore),
    capabilities: await ctx.capabilitiesOrFallback(),
    actor: ctx.actor,
    requestId: ctx.requestId,
    ifMatch: ctx.request.headers.get('if-match') ?? undefined,
  };
}
