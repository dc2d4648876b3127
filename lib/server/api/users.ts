import 'server-only';
// The users API: list, read, and change activation (PATCH or DELETE) through
// the one write path, lib/server/change-activation.ts.

import { changeActivation, type ActivationResult } from '@/lib/server/change-activation';
import { ScimError } from '@/lib/server/scim/errors';
import { keysetFilter, refusesDeepStartIndex } from '@/lib/server/scim/deep-pages';
import { buildUserFilter } from '@/lib/server/scim/filter';
import { assertScimId } from '@/lib/server/scim/url';
import type { UserCounts, UserStatus } from '@/lib/users/types';
import { acceptedReason } from './change-reason';
import { apiRoute, type ApiContext, type ApiDeps } from './handler';
import { afterListRead, afterUserRead, openAudit } from './observe-and-reconcile';
import { withLifecycle } from './user-lifecycle';
import { activationBodySchema, deleteBodySchema, userCountsParamsSchema, userListParamsSchema } from './schemas';

type IdParams = { id: string };

export function createUserRoutes(deps: ApiDeps) {
  const protectedUsers = () => deps.protectedUsers ?? [];
  /** What a change answers: the user after it, with its lifecycle as every read has it. */
  const answer = async (ctx: ApiContext, result: ActivationResult) =>
    Response.json({ ...result, user: result.user ? (await withLifecycle(ctx, [result.user], protectedUsers()))[0] : null });

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
      const result = await changeActivation({
        ...(await writeScope(ctx)),
        protectedUsers: protectedUsers(),
        id: userId,
        active: body.active,
        method: 'PATCH',
        ...acceptedReason(body, deps.reasonPolicy),
      });
      return answer(ctx, result);
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
      return answer(ctx, result);
    }),
  };
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
