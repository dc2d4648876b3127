import 'server-only';
// Scheduled changes and time-boxed reactivations (docs/decisions/0110-scheduled-changes-are-jobs.md,
// 0111-time-boxed-reactivation.md): list, schedule and cancel changes; a user's upcoming changes;
// extend a reactivation or make it permanent. The changes themselves are made later by the job
// worker, through changeActivation, with the service identity.

import type { Role } from '@/lib/authz';
import { NO_SERVICE_IDENTITY_NOTE, reactivationProblem, type ReactivationPolicy } from '@/lib/schedule/reactivation-policy';
import type { CreateScheduleBody, ScheduleList } from '@/lib/schedule/types';
import type { JobStore } from '@/lib/server/jobs/job-store';
import { expiryOf } from '@/lib/server/jobs/schedule';
import { cancelScheduleBodySchema, createScheduleBodySchema, reactivationBodySchema } from '@/lib/server/jobs/schemas';
import { selectedIds, usersById, usersMatching } from '@/lib/server/jobs/resolve-targets';
import { log } from '@/lib/server/log';
import { assertScimId } from '@/lib/server/scim/url';
import type { User } from '@/lib/users/types';
import { acceptedReason } from './change-reason';
import { ApiFailure, apiRoute, type ApiDeps } from './handler';

export type ScheduleDeps = {
  jobStore(): Promise<JobStore>;
  /** Tells this process's worker there is work. */
  wake(): void;
  maxUsers: number;
  /** Whether a service identity exists, and helpdesk's limit. */
  policy: ReactivationPolicy;
  /** The length of an hour of the `For` choices (REACTIVATION_HOUR_SECONDS; tests shorten it). */
  hourMs: number;
  now?: () => Date;
};

/** A change may be scheduled up to a year ahead. */
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;
const ID_PATTERN = /^[0-9a-f-]{36}$/;

/**
 * When a reactivation asked for by `role` ends: `hours` from now, `until` an instant, or (neither)
 * never. A 400 or 403 naming the rule it breaks (lib/schedule/reactivation-policy.ts).
 */
export function reactivationEnd(
  role: Role,
  body: { hours?: number; until?: string },
  deps: Pick<ScheduleDeps, 'policy' | 'hourMs' | 'now'> | undefined,
): string | null {
  const policy = deps?.policy ?? { timeBoxed: false, helpdeskMaxHours: 0 };
  if (body.hours !== undefined && body.until !== undefined) throw new ApiFailure(400, 'Give hours or until, not both.');
  const now = (deps?.now ?? (() => new Date()))().getTime();
  const hourMs = deps?.hourMs ?? 3_600_000;
  let end: number | null = null;
  if (body.hours !== undefined) end = now + body.hours * hourMs;
  else if (body.until !== undefined) end = Date.parse(body.until);
  if (end !== null && !policy.timeBoxed) throw new ApiFailure(400, NO_SERVICE_IDENTITY_NOTE);
  // Hours as the rule counts them; a moment of slack for the time the request took to arrive.
  const hours = end === null ? null : Math.max(0, end - now - 1000) / hourMs;
  if (end !== null && end <= now) throw new ApiFailure(400, 'The reactivation must end in the future.');
  const problem = reactivationProblem(role, policy, hours);
  if (problem) throw new ApiFailure(end === null ? 403 : 400, problem);
  return end === null ? null : new Date(end).toISOString();
}

/** After a reactivation through the console: its expiry, replacing any earlier one of this user. */
export async function scheduleExpiry(
  deps: ScheduleDeps,
  reactivation: { actor: { sub: string; email: string | null }; ticket: string | null },
  user: User,
  until: string,
): Promise<void> {
  const store = await deps.jobStore();
  await store.replaceExpiry(
    expiryOf({ actor_sub: reactivation.actor.sub, actor_email: reactivation.actor.email, ticket: reactivation.ticket }, user, until),
  );
}

/** A deactivation through the console ends any time-boxed reactivation of the user: its expiry is cancelled. */
export async function cancelExpiries(deps: ScheduleDeps, userId: string, detail: string): Promise<void> {
  const store = await deps.jobStore();
  for (const open of await store.upcoming({ targetId: userId })) {
    if (open.kind === 'expiry') await store.cancelScheduled(open.jobId, open.seq, detail);
  }
}

export function createScheduleRoutes(deps: ApiDeps, schedule: ScheduleDeps) {
  const now = () => (schedule.now ?? (() => new Date()))();
  const who = (actor: { email: string | null; sub: string }) => actor.email ?? actor.sub;

  async function openExpiry(userId: string) {
    const store = await schedule.jobStore();
    const expiry = (await store.upcoming({ targetId: userId })).find((c) => c.kind === 'expiry');
    if (!expiry) throw new ApiFailure(404, 'This user has no time-boxed reactivation.');
    return { store, expiry };
  }

  return {
    list: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('schedule:read');
      const body: ScheduleList = { changes: await (await schedule.jobStore()).upcoming() };
      return Response.json(body);
    }),

    create: apiRoute(deps, { mutating: true, maxBodyBytes: 1024 * 1024 }, async (ctx) => {
      ctx.authorize('schedule:manage');
      const body: CreateScheduleBody = await ctx.body(createScheduleBodySchema);
      if (!schedule.policy.timeBoxed) throw new ApiFailure(400, NO_SERVICE_IDENTITY_NOTE);
      const method = body.action === 'deactivate' ? (body.method ?? 'PATCH') : 'PATCH';
      if (method === 'DELETE') ctx.authorize('users:delete');
      const runAt = Date.parse(body.runAt);
      if (runAt <= now().getTime()) throw new ApiFailure(400, 'Choose a time in the future.');
      if (runAt > now().getTime() + MAX_AHEAD_MS) throw new ApiFailure(400, 'Changes can be scheduled at most a year ahead.');
      const reason = acceptedReason(body, deps.reasonPolicy);

      let users: User[];
      if ('ids' in body.users) {
        const ids = selectedIds(body.users.ids, schedule.maxUsers);
        const found = await usersById(ctx.scim, ids);
        const missing = ids.find((id) => !found.get(id));
        if (missing !== undefined) throw new ApiFailure(400, `No user with id ${JSON.stringify(missing)}.`);
        users = ids.map((id) => found.get(id)!);
      } else {
        const caps = await ctx.capabilitiesOrFallback();
        users = await usersMatching(ctx.scim, body.users.query, { pageSize: caps.maxResults, max: schedule.maxUsers });
      }
      if (users.length === 0) throw new ApiFailure(400, 'No users to change.');

      const id = await (
        await schedule.jobStore()
      ).create({
        kind: 'scheduled',
        runAt: new Date(runAt).toISOString(),
        timeZone: body.timeZone ?? null,
        actor: { sub: ctx.actor.sub, email: ctx.actor.email },
        action: body.action,
        method,
        ...reason,
        targets: users.map((u) => ({ id: u.id, userName: u.userName })),
        token: null,
      });
      log.info('change scheduled', { requestId: ctx.requestId, jobId: id, sub: ctx.actor.sub, action: body.action, users: users.length });
      return Response.json({ id }, { status: 201 });
    }),

    /** Cancels one user's waiting change (a scheduled change, or an expiry: that makes the reactivation permanent). */
    cancel: apiRoute<{ id: string }>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('schedule:manage');
      const { seq } = await ctx.body(cancelScheduleBodySchema);
      if (!ID_PATTERN.test(id)) throw new ApiFailure(404, 'No such scheduled change.');
      const store = await schedule.jobStore();
      if (!(await store.cancelScheduled(id, seq, `Cancelled by ${who(ctx.actor)}`))) {
        throw new ApiFailure(409, 'This change is no longer waiting: it has run or was cancelled.');
      }
      log.info('scheduled change cancelled', { requestId: ctx.requestId, jobId: id, seq, sub: ctx.actor.sub });
      return Response.json({ id, seq });
    }),

    /** One user's waiting changes, soonest first (their page: `Reactivated until …`). */
    forUser: apiRoute<{ id: string }>(deps, {}, async (ctx, { id }) => {
      ctx.authorize('users:read');
      const userId = assertScimId(id);
      const body: ScheduleList = { changes: await (await schedule.jobStore()).upcoming({ targetId: userId }) };
      return Response.json(body);
    }),

    /** Extend: the reactivation now ends `hours` from now (or `until`), under the same limits as reactivating. */
    extend: apiRoute<{ id: string }>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('users:reactivate');
      const userId = assertScimId(id);
      const body = await ctx.body(reactivationBodySchema);
      if (body.hours === undefined && body.until === undefined) throw new ApiFailure(400, 'Give hours or until.');
      const until = reactivationEnd(ctx.actor.role, body, schedule)!;
      const { store, expiry } = await openExpiry(userId);
      if (!(await store.reschedule(expiry.jobId, until))) throw new ApiFailure(409, 'This reactivation has just ended.');
      log.info('reactivation extended', { requestId: ctx.requestId, jobId: expiry.jobId, until, sub: ctx.actor.sub });
      return Response.json({ until });
    }),

    /** Make permanent (admins): the expiry is cancelled. */
    makePermanent: apiRoute<{ id: string }>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('schedule:manage');
      const userId = assertScimId(id);
      await ctx.body(reactivationBodySchema);
      const { store, expiry } = await openExpiry(userId);
      if (!(await store.cancelScheduled(expiry.jobId, expiry.seq, `Made permanent by ${who(ctx.actor)}`))) {
        throw new ApiFailure(409, 'This reactivation has just ended.');
      }
      log.info('reactivation made permanent', { requestId: ctx.requestId, jobId: expiry.jobId, sub: ctx.actor.sub });
      return Response.json({ until: null });
    }),
  };
}
