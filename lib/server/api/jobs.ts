import 'server-only';
// The bulk jobs API (docs/decisions/0070-durable-jobs.md): start a job, dry
// run one, read, cancel, retry, revert, and download its results. Every
// user's change is made later by the worker, through changeActivation.

import { can, type Action } from '@/lib/authz';
import type { ActivationAction } from '@/lib/audit-vocabulary';
import type { CreateJobBody, DryRunBody, JobDetail, JobList } from '@/lib/jobs/types';
import { createJobBodySchema, dryRunBodySchema, jobResultsQuerySchema } from '@/lib/server/jobs/schemas';
import { pagedCsvStream } from '@/lib/server/audit/csv';
import type { JobStore } from '@/lib/server/jobs/job-store';
import { classify, selectedIds, tooMany, usersById, usersForLines, usersMatching, type Refusal } from '@/lib/server/jobs/resolve-targets';
import { log } from '@/lib/server/log';
import { PolicyRefusal, protectionOf } from '@/lib/server/protection';
import { SECURITY_INCIDENT_CODE } from '@/lib/change-reason';
import { mayReactivate } from '@/lib/users/lifecycle-rules';
import type { User } from '@/lib/users/types';
import { acceptedReason } from './change-reason';
import { lastDeactivations } from './history';
import { openAudit } from './observe-and-reconcile';
import { ApiFailure, apiRoute, type ApiContext, type ApiDeps } from './handler';
import { reactivationEnd, type ScheduleDeps } from './schedule';

export type JobRouteDeps = {
  jobStore(): Promise<JobStore>;
  /** Seals an access token for one job's row. */
  seal(jobId: string, accessToken: string, scimBaseUrl?: string): string;
  /** Tells this process's worker there is work. */
  wake(): void;
  maxUsers: number;
  /** A time-boxed bulk reactivation's rules (docs/decisions/0111-time-boxed-reactivation.md); none: every reactivation is permanent. */
  schedule?: Pick<ScheduleDeps, 'policy' | 'hourMs' | 'now'>;
};

type IdParams = { id: string };

/** A list of 10,000 ids or lines is about 400 kB of JSON. */
const BULK_BODY_BYTES = 1024 * 1024;
/** When the session says nothing about the token's lifetime. */
const ASSUMED_TOKEN_S = 15 * 60;
const ID_PATTERN = /^[0-9a-f-]{36}$/;

const jobAction = (action: ActivationAction): Action => (action === 'deactivate' ? 'jobs:deactivate' : 'jobs:reactivate');

export function createJobRoutes(deps: ApiDeps, jobs: JobRouteDeps) {
  /** The viewer's token, sealed for one job, with its expiry. */
  const tokenFor = (ctx: ApiContext) => {
    const { accessToken, expiresAt, scimBaseUrl } = ctx.delegatedToken();
    const at = new Date((expiresAt ?? Math.floor(Date.now() / 1000) + ASSUMED_TOKEN_S) * 1000).toISOString();
    return { seal: (jobId: string) => jobs.seal(jobId, accessToken, scimBaseUrl), expiresAt: at };
  };

  async function open(id: string) {
    if (!ID_PATTERN.test(id)) throw new ApiFailure(404, 'No such job.');
    const store = await jobs.jobStore();
    const job = await store.get(id);
    if (!job) throw new ApiFailure(404, 'No such job.');
    return { store, job };
  }

  /**
   * What the write path would refuse, for a dry run: a protected account (or the
   * viewer's own) for a deactivation; for a non-admin's reactivation, a user whose
   * latest deactivation was a Security incident (one audit query for all of them).
   */
  async function refusalFor(ctx: ApiContext, action: ActivationAction, matches: readonly { users: User[] }[]): Promise<Refusal> {
    if (action === 'deactivate') return (user) => (protectionOf(user, ctx.actor, deps.protectedUsers ?? []) ? 'protected' : null);
    if (ctx.actor.role === 'admin') return () => null;
    const inactive = matches.flatMap((m) => m.users).filter((u) => !u.active);
    const last = inactive.length
      ? await lastDeactivations(
          await openAudit(ctx.auditStore),
          inactive.map((u) => u.id),
        )
      : new Map();
    return (user) => (mayReactivate(ctx.actor.role, last.get(user.id) ?? null) ? null : 'not allowed');
  }

  return {
    create: apiRoute(deps, { mutating: true, maxBodyBytes: BULK_BODY_BYTES }, async (ctx) => {
      ctx.authorize('jobs:deactivate', 'jobs:reactivate');
      const body: CreateJobBody = await ctx.body(createJobBodySchema);
      ctx.authorize(jobAction(body.action));
      const method = body.action === 'deactivate' ? (body.method ?? 'PATCH') : 'PATCH';
      if (method === 'DELETE') ctx.authorize('users:delete');
      if (body.action === 'deactivate' && (body.hours !== undefined || body.until !== undefined)) {
        throw new ApiFailure(400, 'Only a reactivation can be time-boxed.');
      }
      const reactivateUntil = body.action === 'reactivate' ? reactivationEnd(ctx.actor.role, body, jobs.schedule) : null;
      const caps = await ctx.capabilitiesOrFallback();

      let targets: { id: string; userName: string | null }[];
      if ('ids' in body.users) {
        targets = selectedIds(body.users.ids, jobs.maxUsers).map((id) => ({ id, userName: null }));
      } else {
        const users = await usersMatching(ctx.scim, body.users.query, { pageSize: caps.maxResults, max: jobs.maxUsers });
        targets = users.map((u) => ({ id: u.id, userName: u.userName }));
      }
      if (targets.length === 0) throw new ApiFailure(400, 'No users to change.');
      // A job carries no role: a helpdesk's reactivation of a Security incident deactivation is refused here, whole.
      if (body.action === 'reactivate' && ctx.actor.role !== 'admin') {
        const last = await lastDeactivations(
          await openAudit(ctx.auditStore),
          targets.map((t) => t.id),
        );
        const refused = targets.filter((t) => !mayReactivate(ctx.actor.role, last.get(t.id) ?? null));
        if (refused.length > 0) {
          const names = refused.slice(0, 5).map((t) => t.userName ?? t.id);
          throw new PolicyRefusal(
            `${refused.length} of these users ${refused.length === 1 ? 'was' : 'were'} deactivated for a ${SECURITY_INCIDENT_CODE}: only an admin can reactivate ${refused.length === 1 ? 'it' : 'them'} (${names.join(', ')}${refused.length > names.length ? ', …' : ''}). Leave ${refused.length === 1 ? 'it' : 'them'} out and start again.`,
          );
        }
      }

      const store = await jobs.jobStore();
      const id = await store.create({
        actor: { sub: ctx.actor.sub, email: ctx.actor.email },
        action: body.action,
        method,
        ...acceptedReason(body, deps.reasonPolicy),
        targets,
        token: tokenFor(ctx),
        reactivateUntil,
      });
      log.info('job started', { requestId: ctx.requestId, jobId: id, sub: ctx.actor.sub, action: body.action, users: targets.length });
      jobs.wake();
      return Response.json({ id }, { status: 202, headers: { Location: `/api/jobs/${id}` } });
    }),

    dryRun: apiRoute(deps, { mutating: true, maxBodyBytes: BULK_BODY_BYTES }, async (ctx) => {
      ctx.authorize('users:list');
      const body: DryRunBody = await ctx.body(dryRunBodySchema);
      const allowed = can(ctx.actor.role, jobAction(body.action));
      const caps = await ctx.capabilitiesOrFallback();
      let matches: { line: string; users: User[] }[];
      if ('lines' in body.users) {
        const lines = body.users.lines.map((l) => l.trim()).filter(Boolean);
        // The same line twice (any case) counts once; the dry run reports the rest as duplicates.
        const firsts = new Map<string, string>();
        for (const l of lines) if (!firsts.has(l.toLowerCase())) firsts.set(l.toLowerCase(), l);
        const unique = [...firsts.values()];
        if (unique.length > jobs.maxUsers) throw tooMany(unique.length, jobs.maxUsers);
        const found = await usersForLines(ctx.scim, unique);
        const run = classify(body.action, found, allowed, await refusalFor(ctx, body.action, found));
        return Response.json({ ...run, duplicates: run.duplicates + (lines.length - unique.length) });
      }
      if ('ids' in body.users) {
        const ids = selectedIds(body.users.ids, jobs.maxUsers);
        const found = await usersById(ctx.scim, ids);
        matches = ids.map((id) => ({ line: id, users: found.get(id) ? [found.get(id)!] : [] }));
      } else {
        const users = await usersMatching(ctx.scim, body.users.query, { pageSize: caps.maxResults, max: jobs.maxUsers });
        matches = users.map((u) => ({ line: u.userName, users: [u] }));
      }
      return Response.json(classify(body.action, matches, allowed, await refusalFor(ctx, body.action, matches)));
    }),

    list: apiRoute(deps, {}, async (ctx) => {
      ctx.authorize('jobs:read');
      const body: JobList = { jobs: await (await jobs.jobStore()).list(50) };
      return Response.json(body);
    }),

    get: apiRoute<IdParams>(deps, {}, async (ctx, { id }) => {
      ctx.authorize('jobs:read');
      const page = ctx.query(jobResultsQuerySchema);
      const { store, job } = await open(id);
      const startedByViewer = job.actor.sub === ctx.actor.sub;
      // Its admin is here with a live token: a paused job resumes, a running one keeps going past the old token's end.
      if (startedByViewer && (job.state === 'running' || job.state === 'paused') && can(ctx.actor.role, jobAction(job.action))) {
        const token = tokenFor(ctx);
        if (job.state === 'paused' || !job.tokenExpiresAt || token.expiresAt > job.tokenExpiresAt) {
          await store.renewToken(id, { sealed: token.seal(id), expiresAt: token.expiresAt });
          if (job.state === 'paused') {
            log.info('job resumed by its admin', { requestId: ctx.requestId, jobId: id });
            jobs.wake();
          }
        }
      }
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the token's expiry stays on the server
      const { tokenExpiresAt, ...summary } = (await store.get(id))!;
      const results = await store.results(id, page);
      const body: JobDetail = { job: summary, ...results, startedByViewer };
      return Response.json(body);
    }),

    cancel: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('jobs:deactivate', 'jobs:reactivate');
      const { store, job } = await open(id);
      ctx.authorize(jobAction(job.action));
      if (!(await store.cancel(id))) throw new ApiFailure(409, 'This job has already ended.');
      log.info('job cancelled', { requestId: ctx.requestId, jobId: id, sub: ctx.actor.sub });
      return Response.json({ id });
    }),

    retry: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('jobs:deactivate', 'jobs:reactivate');
      const { store, job } = await open(id);
      ctx.authorize(jobAction(job.action));
      // The job's audit records name its admin: only they may send more of it, with their own token.
      if (job.actor.sub !== ctx.actor.sub) {
        throw new ApiFailure(403, 'Only the admin who started this job can retry it; start a new job for these users.');
      }
      const token = tokenFor(ctx);
      const n = await store.retryFailed(id, { sealed: token.seal(id), expiresAt: token.expiresAt });
      if (n === 0) throw new ApiFailure(409, 'This job has no failed users to retry.');
      log.info('job retry', { requestId: ctx.requestId, jobId: id, users: n });
      jobs.wake();
      return Response.json({ id, retried: n }, { status: 202 });
    }),

    revert: apiRoute<IdParams>(deps, { mutating: true }, async (ctx, { id }) => {
      ctx.authorize('jobs:revert');
      const { store, job } = await open(id);
      if (job.state === 'running' || job.state === 'paused')
        throw new ApiFailure(409, 'Cancel the job or let it finish before reverting it.');
      const targets = await store.succeededTargets(id);
      if (targets.length === 0) throw new ApiFailure(409, 'This job changed nobody; there is nothing to revert.');
      const action: ActivationAction = job.action === 'deactivate' ? 'reactivate' : 'deactivate';
      const revertId = await store.create({
        actor: { sub: ctx.actor.sub, email: ctx.actor.email },
        action,
        method: 'PATCH',
        reason: `Revert of job ${id}${job.reason ? ` (${job.reason})` : ''}`,
        // The revert answers to the same ticket; its code is not the original's (a revert is not a leaver).
        ticket: job.ticket,
        targets,
        revertsJobId: id,
        token: tokenFor(ctx),
      });
      log.info('job revert started', { requestId: ctx.requestId, jobId: revertId, reverts: id, users: targets.length });
      jobs.wake();
      return Response.json({ id: revertId }, { status: 202 });
    }),

    resultsCsv: apiRoute<IdParams>(deps, {}, async (ctx, { id }) => {
      ctx.authorize('jobs:read');
      const { store, job } = await open(id);
      const stream = pagedCsvStream<number>(
        ['user_name', 'user_id', 'outcome', 'upstream_status', 'detail', 'finished_at', 'job_id'],
        async (after) => {
          const page = await store.results(id, { after: after ?? -1, limit: 1000 });
          return {
            rows: page.results.map((r) => [r.userName, r.targetId, r.state, r.upstreamStatus, r.detail, r.finishedAt, job.id]),
            next: page.nextAfter,
          };
        },
        (error) => log.error('job results export failed mid-stream', { requestId: ctx.requestId, error }),
      );
      return new Response(stream, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="job-${id}.csv"`,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }),
  };
}
