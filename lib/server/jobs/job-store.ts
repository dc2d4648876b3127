import 'server-only';
// Over 250 lines on purpose: all of the jobs' SQL, leases and fencing in one module, so
// the claim protocol (docs/decisions/0070-durable-jobs.md) can be read in one place.
// Bulk jobs and their items in the audit database: every query the job tables
// get, for both dialects (docs/decisions/0070-durable-jobs.md). Items are
// claimed with leases; a result is written only by the claim that holds the
// item (`attempts` fences a late result after a lease was taken over).

import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';
import type { UpcomingChange } from '@/lib/schedule/types';
import {
  JOB_ITEM_STATES,
  type JobCounts,
  type JobItemState,
  type JobKind,
  type JobResult,
  type JobState,
  type JobSummary,
} from '@/lib/jobs/types';
import { dialectOf, type AuditDatabase, type JobItemTable, type JobTable } from '@/lib/server/audit/db';
import { env } from '@/lib/server/env';
import { jobFinishedEvent } from '@/lib/server/webhooks/events';
import { enqueueWebhookEvent } from '@/lib/server/webhooks/outbox';

export type NewJob = {
  actor: { sub: string; email: string | null };
  action: ActivationAction;
  method: ActivationMethod;
  reason: string | null;
  reasonCode?: string | null;
  ticket?: string | null;
  targets: readonly { id: string; userName: string | null; expectVersion?: string | null }[];
  revertsJobId?: string | null;
  /**
   * Seals the token for the new job's id (the id is the ciphertext's associated data). Null for a
   * scheduled change or an expiry: those run only with the service identity (0110-scheduled-changes-are-jobs.md).
   */
  token: { seal: (jobId: string) => string; expiresAt: string } | null;
  /** Default 'bulk'; a 'scheduled' change or an 'expiry' waits in state `scheduled` until `runAt`. */
  kind?: JobKind;
  runAt?: string | null;
  timeZone?: string | null;
  /** A time-boxed reactivation: each user reactivated gets an expiry job at this instant. */
  reactivateUntil?: string | null;
};

/** A user's scheduled change or expiry in any state, for History. */
export type ScheduledItem = UpcomingChange & {
  state: JobItemState;
  jobState: JobState;
  detail: string | null;
  finishedAt: string | null;
  startedAt: string | null;
  ranLate: boolean;
};

/** What the worker needs to run a job's items. */
export type RunnableJob = Pick<
  Selectable<JobTable>,
  | 'id'
  | 'actor_sub'
  | 'actor_email'
  | 'action'
  | 'method'
  | 'reason'
  | 'reason_code'
  | 'ticket'
  | 'backoff_level'
  | 'kind'
  | 'reactivate_until'
  | 'run_at'
> & {
  /** Null for a scheduled change or an expiry, which need the service identity. */
  token_sealed: string | null;
};

export type ClaimedItem = {
  jobId: string;
  seq: number;
  targetId: string;
  userName: string | null;
  attempts: number;
  /** Under a known write rate: not sent before this instant (its slot in the job's shared schedule). */
  sendAt?: string;
  expectVersion?: string | null;
};

export type ItemResult = {
  state: Exclude<JobItemState, 'queued' | 'running'>;
  upstreamStatus?: number | null;
  detail?: string | null;
  /** Learnt from the provider when the job was started from ids. */
  userName?: string | null;
};

const INSERT_BATCH = 500;
const EMPTY_COUNTS = (): JobCounts => Object.fromEntries(JOB_ITEM_STATES.map((s) => [s, 0])) as JobCounts;

export function createJobStore(
  db: Kysely<AuditDatabase>,
  now: () => Date = () => new Date(),
  options: { /** Where webhook events go (default WEBHOOK_URLS). */ webhookUrls?: readonly string[] } = {},
) {
  const pg = dialectOf(db) === 'postgres';
  const webhookUrls = options.webhookUrls ?? env.WEBHOOK_URLS;
  const iso = (offsetMs = 0) => new Date(now().getTime() + offsetMs).toISOString();

  async function countsFor(ids: string[], on: Kysely<AuditDatabase> | Transaction<AuditDatabase> = db): Promise<Map<string, JobCounts>> {
    const out = new Map(ids.map((id) => [id, EMPTY_COUNTS()]));
    if (ids.length === 0) return out;
    const rows = await on
      .selectFrom('job_items')
      .select(['job_id', 'state', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('job_id', 'in', ids)
      .groupBy(['job_id', 'state'])
      .execute();
    for (const r of rows) out.get(r.job_id)![r.state] = Number(r.n);
    return out;
  }

  function toSummary(row: Selectable<JobTable>, counts: JobCounts): JobSummary {
    return {
      id: row.id,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      actor: { sub: row.actor_sub, email: row.actor_email },
      action: row.action,
      method: row.method,
      reason: row.reason,
      reasonCode: row.reason_code,
      ticket: row.ticket,
      state: row.state,
      revertsJobId: row.reverts_job_id,
      total: row.total,
      counts,
      notBefore: row.not_before,
    };
  }

  return {
    async create(job: NewJob): Promise<string> {
      const id = randomUUID();
      const waits = job.kind !== undefined && job.kind !== 'bulk';
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('jobs')
          .values({
            id,
            kind: job.kind ?? 'bulk',
            run_at: job.runAt ?? null,
            time_zone: job.timeZone ?? null,
            reactivate_until: job.reactivateUntil ?? null,
            started_at: null,
            ran_late: null,
            created_at: iso(),
            finished_at: null,
            actor_sub: job.actor.sub,
            actor_email: job.actor.email,
            action: job.action,
            method: job.method,
            reason: job.reason,
            reason_code: job.reasonCode ?? null,
            ticket: job.ticket ?? null,
            state: waits ? 'scheduled' : 'running',
            reverts_job_id: job.revertsJobId ?? null,
            total: job.targets.length,
            not_before: null,
            backoff_level: 0,
            next_write_at: null,
            token_sealed: job.token?.seal(id) ?? null,
            token_expires_at: job.token?.expiresAt ?? null,
          })
          .execute();
        for (let i = 0; i < job.targets.length; i += INSERT_BATCH) {
          const rows: JobItemTable[] = job.targets.slice(i, i + INSERT_BATCH).map((t, j) => ({
            job_id: id,
            seq: i + j,
            target_id: t.id,
            target_user_name: t.userName,
            state: 'queued',
            attempts: 0,
            lease_owner: null,
            lease_until: null,
            upstream_status: null,
            detail: null,
            finished_at: null,
            expect_version: t.expectVersion ?? null,
          }));
          await tx.insertInto('job_items').values(rows).execute();
        }
      });
      return id;
    },

    async get(id: string): Promise<(JobSummary & { tokenExpiresAt: string | null }) | null> {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const counts = (await countsFor([id])).get(id)!;
      return { ...toSummary(row, counts), tokenExpiresAt: row.token_expires_at };
    },

    /** Bulk jobs, newest first (scheduled changes and expiries are listed on /schedule). */
    async list(limit = 50): Promise<JobSummary[]> {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'bulk')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      const counts = await countsFor(rows.map((r) => r.id));
      return rows.map((r) => toSummary(r, counts.get(r.id)!));
    },

    /** One page of results in job order, after position `after`. */
    async results(
      id: string,
      opts: { after: number; limit: number; state?: JobItemState },
    ): Promise<{ results: JobResult[]; nextAfter: number | null }> {
      let q = db.selectFrom('job_items').selectAll().where('job_id', '=', id).where('seq', '>', opts.after);
      if (opts.state) q = q.where('state', '=', opts.state);
      const rows = await q
        .orderBy('seq')
        .limit(opts.limit + 1)
        .execute();
      const shown = rows.slice(0, opts.limit);
      return {
        results: shown.map((r) => ({
          seq: r.seq,
          targetId: r.target_id,
          userName: r.target_user_name,
          state: r.state,
          upstreamStatus: r.upstream_status,
          detail: r.detail,
          finishedAt: r.finished_at,
        })),
        nextAfter: rows.length > opts.limit ? shown.at(-1)!.seq : null,
      };
    },

    /** Succeeded items, for a revert. */
    async succeededTargets(id: string): Promise<{ id: string; userName: string | null }[]> {
      const rows = await db
        .selectFrom('job_items')
        .select(['target_id', 'target_user_name'])
        .where('job_id', '=', id)
        .where('state', '=', 'succeeded')
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ id: r.target_id, userName: r.target_user_name }));
    },

    /** Queued items are cancelled; items in flight finish. False when the job had already ended. */
    async cancel(id: string): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('jobs')
          .set({ state: 'cancelled' })
          .where('id', '=', id)
          .where('state', 'in', ['running', 'paused'])
          .executeTakeFirst();
        if (res.numUpdatedRows === 0n) return false;
        await tx
          .updateTable('job_items')
          .set({ state: 'cancelled', finished_at: iso(), detail: 'cancelled before it was sent' })
          .where('job_id', '=', id)
          .where('state', '=', 'queued')
          .execute();
        await finishIfDone(tx, id);
        return true;
      });
    },

    /** Failed items go back to the queue of the same job, which runs again with the given token. Returns how many. */
    async retryFailed(id: string, token: { sealed: string; expiresAt: string }): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const items = await tx
          .updateTable('job_items')
          .set({ state: 'queued', detail: null, upstream_status: null, finished_at: null })
          .where('job_id', '=', id)
          .where('state', '=', 'failed')
          .executeTakeFirst();
        const n = Number(items.numUpdatedRows);
        if (n > 0) {
          await tx
            .updateTable('jobs')
            .set({ state: 'running', finished_at: null, token_sealed: token.sealed, token_expires_at: token.expiresAt, not_before: null })
            .where('id', '=', id)
            .execute();
        }
        return n;
      });
    },

    /** The starting admin is back with a fresh token: keep the job going with it (a paused job resumes). */
    async renewToken(id: string, token: { sealed: string; expiresAt: string }): Promise<void> {
      await db
        .updateTable('jobs')
        .set({ token_sealed: token.sealed, token_expires_at: token.expiresAt })
        .where('id', '=', id)
        .where('state', 'in', ['running', 'paused'])
        .execute();
      await db.updateTable('jobs').set({ state: 'running' }).where('id', '=', id).where('state', '=', 'paused').execute();
    },

    /** Running jobs whose token lapses within `marginMs` pause until their admin signs in again. Returns their ids. */
    async pauseLapsed(marginMs: number): Promise<string[]> {
      const rows = await db
        .updateTable('jobs')
        .set({ state: 'paused' })
        .where('state', '=', 'running')
        .where((eb) => eb.or([eb('token_expires_at', 'is', null), eb('token_expires_at', '<=', iso(marginMs))]))
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async pause(id: string): Promise<void> {
      await db.updateTable('jobs').set({ state: 'paused' }).where('id', '=', id).where('state', '=', 'running').execute();
    },

    /** Running jobs not waiting out a backoff, oldest first. */
    async runnable(): Promise<RunnableJob[]> {
      const rows = await db
        .selectFrom('jobs')
        .select([
          'id',
          'actor_sub',
          'actor_email',
          'action',
          'method',
          'reason',
          'reason_code',
          'ticket',
          'backoff_level',
          'token_sealed',
          'kind',
          'reactivate_until',
          'run_at',
        ])
        .where('state', '=', 'running')
        // A bulk job runs with its admin's sealed token or the service identity; the others with the service identity only.
        .where((eb) => eb.or([eb('token_sealed', 'is not', null), eb('kind', '<>', 'bulk')]))
        .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', iso())]))
        .orderBy('created_at')
        .limit(20)
        .execute();
      return rows as RunnableJob[];
    },

    /**
     * Claims up to `want` items of one job for `owner`, keeping the job's items
     * in flight (across every console instance) at most `maxInFlight`. The first
     * statement writes the job row, so claims of one job are serialised: on
     * PostgreSQL by its row lock, on SQLite by the one writer. Queued items and
     * items whose lease expired (an instance died) are taken, in job order.
     * With `writeIntervalMs` (a provider's known write rate) each item also gets
     * the next free slot of the job's schedule, kept in the job row so every
     * instance keeps to the same one (docs/decisions/0073-known-write-rate.md).
     */
    async claim(
      jobId: string,
      owner: string,
      opts: { want: number; maxInFlight: number; leaseMs: number; writeIntervalMs?: number },
    ): Promise<ClaimedItem[]> {
      if (opts.want <= 0) return [];
      return db.transaction().execute(async (tx) => {
        const at = iso();
        const locked = await tx
          .updateTable('jobs')
          .set({ state: 'running' })
          .where('id', '=', jobId)
          .where('state', '=', 'running')
          .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', at)]))
          .executeTakeFirst();
        if (locked.numUpdatedRows === 0n) return [];
        const inFlight = await tx
          .selectFrom('job_items')
          .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
          .where('job_id', '=', jobId)
          .where('state', '=', 'running')
          .where('lease_until', '>', at)
          .executeTakeFirstOrThrow();
        const n = Math.min(opts.want, opts.maxInFlight - Number(inFlight.n));
        if (n <= 0) return [];
        let pick = tx
          .selectFrom('job_items')
          .select('seq')
          .where('job_id', '=', jobId)
          .where((eb) => eb.or([eb('state', '=', 'queued'), eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', at)])]))
          .orderBy('seq')
          .limit(n);
        // The job row lock already serialises claimers; SKIP LOCKED keeps any other writer of these rows from blocking us.
        if (pg) pick = pick.forUpdate().skipLocked();
        const seqs = (await pick.execute()).map((r) => r.seq);
        if (seqs.length === 0) return [];
        const rows = await tx
          .updateTable('job_items')
          .set((eb) => ({
            state: 'running',
            lease_owner: owner,
            lease_until: iso(opts.leaseMs),
            attempts: eb('attempts', '+', 1),
          }))
          .where('job_id', '=', jobId)
          .where('seq', 'in', seqs)
          .returning(['job_id', 'seq', 'target_id', 'target_user_name', 'attempts', 'expect_version'])
          .execute();
        const items = rows
          .map((r) => ({
            jobId: r.job_id,
            seq: r.seq,
            targetId: r.target_id,
            userName: r.target_user_name,
            attempts: r.attempts,
            expectVersion: r.expect_version,
          }))
          .sort((a, b) => a.seq - b.seq);
        const interval = opts.writeIntervalMs;
        if (!interval) return items;
        const job = await tx.selectFrom('jobs').select('next_write_at').where('id', '=', jobId).executeTakeFirstOrThrow();
        const first = Math.max(Date.parse(at), job.next_write_at ? Date.parse(job.next_write_at) : 0);
        const slot = (k: number) => new Date(first + k * interval).toISOString();
        await tx
          .updateTable('jobs')
          .set({ next_write_at: slot(items.length) })
          .where('id', '=', jobId)
          .execute();
        return items.map((item, k) => ({ ...item, sendAt: slot(k) }));
      });
    },

    /** Extends the leases this instance holds (it is alive and still working on them). */
    async heartbeat(owner: string, leaseMs: number): Promise<void> {
      await db
        .updateTable('job_items')
        .set({ lease_until: iso(leaseMs) })
        .where('lease_owner', '=', owner)
        .where('state', '=', 'running')
        .execute();
    },

    /**
     * Writes an item's result if this claim still holds it; ends the job when it was the last.
     * `inTx` runs in the same transaction once the result is written (a scheduled change's
     * execution event, lib/server/jobs/schedule.ts#recordScheduleExecuted).
     */
    async complete(
      item: ClaimedItem,
      owner: string,
      result: ItemResult,
      inTx?: (tx: Transaction<AuditDatabase>) => Promise<void>,
    ): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        await lockJob(tx, item.jobId);
        const res = await tx
          .updateTable('job_items')
          .set({
            state: result.state,
            upstream_status: result.upstreamStatus ?? null,
            detail: result.detail ?? null,
            finished_at: iso(),
            lease_owner: null,
            lease_until: null,
            ...(result.userName ? { target_user_name: result.userName } : {}),
          })
          .where((eb) => eb.and(heldBy(item, owner)))
          .executeTakeFirst();
        if (res.numUpdatedRows === 0n) return false;
        await inTx?.(tx);
        await finishIfDone(tx, item.jobId);
        return true;
      });
    },

    /**
     * A user's time-boxed reactivation ends at `expiry.runAt`: an earlier expiry of theirs still
     * waiting is cancelled (the new reactivation replaces it) and this one created, in one go.
     */
    async replaceExpiry(expiry: NewJob & { kind: 'expiry'; runAt: string }): Promise<string> {
      for (const target of expiry.targets) {
        for (const open of await this.upcoming({ targetId: target.id })) {
          if (open.kind === 'expiry') await this.cancelScheduled(open.jobId, open.seq, 'replaced by a later reactivation');
        }
      }
      return this.create(expiry);
    },

    /** Puts an item back in the queue without a result (rate limit, the token lapsed). */
    async release(item: ClaimedItem, owner: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await lockJob(tx, item.jobId);
        await tx
          .updateTable('job_items')
          .set({ state: 'queued', lease_owner: null, lease_until: null })
          .where((eb) => eb.and(heldBy(item, owner)))
          .execute();
        // A job cancelled meanwhile cancels what was given back.
        await tx
          .updateTable('job_items')
          .set({ state: 'cancelled', finished_at: iso(), detail: 'cancelled before it was sent' })
          .where('job_id', '=', item.jobId)
          .where('seq', '=', item.seq)
          .where('state', '=', 'queued')
          .where((eb) => eb.exists(eb.selectFrom('jobs').select('id').where('id', '=', item.jobId).where('state', '=', 'cancelled')))
          .execute();
        await finishIfDone(tx, item.jobId);
      });
    },

    /**
     * The scheduler's tick: scheduled changes and expiries now due become running jobs, which the
     * worker claims like any other. One conditional UPDATE per job, so however many instances tick,
     * each job is released once. Released more than `lateAfterMs` after it was due (every instance
     * was down, or busy) it is marked late, and History says so. Returns the ids released.
     */
    async releaseDue(lateAfterMs: number): Promise<string[]> {
      const at = iso();
      const lateBefore = iso(-lateAfterMs);
      const rows = await db
        .updateTable('jobs')
        .set({
          state: 'running',
          started_at: at,
          ran_late: sql<number>`case when run_at < ${lateBefore} then 1 else 0 end`,
        })
        .where('state', '=', 'scheduled')
        .where('run_at', '<=', at)
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Changes waiting for their time, soonest first; one user's only when `targetId` is given. */
    async upcoming(opts: { targetId?: string; limit?: number } = {}): Promise<UpcomingChange[]> {
      let q = scheduledItems().where('jobs.state', '=', 'scheduled').where('job_items.state', '=', 'queued');
      if (opts.targetId !== undefined) q = q.where('job_items.target_id', '=', opts.targetId);
      const rows = await q
        .orderBy('jobs.run_at')
        .orderBy('job_items.job_id')
        .orderBy('job_items.seq')
        .limit(opts.limit ?? 500)
        .execute();
      return rows.map(toUpcoming);
    },

    /** A user's scheduled changes and expiries in any state, newest first (History). */
    async scheduledFor(targetId: string, limit = 100): Promise<ScheduledItem[]> {
      const rows = await scheduledItems()
        .where('job_items.target_id', '=', targetId)
        .orderBy('jobs.created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        ...toUpcoming(r),
        state: r.item_state,
        jobState: r.job_state,
        detail: r.detail,
        finishedAt: r.finished_at,
        startedAt: r.started_at,
        ranLate: r.ran_late === 1,
      }));
    },

    /** Cancels one user's change that has not started; the job ends (cancelled) with its last item. False when it was no longer waiting. */
    async cancelScheduled(jobId: string, seq: number, detail: string): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        await lockJob(tx, jobId);
        const res = await tx
          .updateTable('job_items')
          .set({ state: 'cancelled', finished_at: iso(), detail })
          .where('job_id', '=', jobId)
          .where('seq', '=', seq)
          .where('state', '=', 'queued')
          .where((eb) => eb.exists(eb.selectFrom('jobs').select('id').where('id', '=', jobId).where('state', '=', 'scheduled')))
          .executeTakeFirst();
        if (res.numUpdatedRows === 0n) return false;
        const open = await tx
          .selectFrom('job_items')
          .select('seq')
          .where('job_id', '=', jobId)
          .where('state', '=', 'queued')
          .limit(1)
          .executeTakeFirst();
        if (!open) await tx.updateTable('jobs').set({ state: 'cancelled', finished_at: iso() }).where('id', '=', jobId).execute();
        return true;
      });
    },

    /** A waiting expiry moves to `runAt` (Extend). False when it was no longer waiting. */
    async reschedule(jobId: string, runAt: string): Promise<boolean> {
      const res = await db
        .updateTable('jobs')
        .set({ run_at: runAt })
        .where('id', '=', jobId)
        .where('state', '=', 'scheduled')
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },

    /** The whole job waits: no item of it is claimed before `untilMs` from now. */
    async backOff(jobId: string, untilMs: number, level: number): Promise<void> {
      await db
        .updateTable('jobs')
        .set({ not_before: iso(untilMs), backoff_level: level })
        .where('id', '=', jobId)
        .execute();
    },

    async clearBackoff(jobId: string): Promise<void> {
      await db.updateTable('jobs').set({ backoff_level: 0 }).where('id', '=', jobId).where('backoff_level', '>', 0).execute();
    },
  };

  function scheduledItems() {
    return db
      .selectFrom('job_items')
      .innerJoin('jobs', 'jobs.id', 'job_items.job_id')
      .select([
        'job_items.job_id',
        'job_items.seq',
        'job_items.target_id',
        'job_items.target_user_name',
        'job_items.state as item_state',
        'job_items.detail',
        'job_items.finished_at',
        'jobs.kind',
        'jobs.action',
        'jobs.method',
        'jobs.run_at',
        'jobs.time_zone',
        'jobs.created_at',
        'jobs.actor_sub',
        'jobs.actor_email',
        'jobs.reason',
        'jobs.reason_code',
        'jobs.ticket',
        'jobs.state as job_state',
        'jobs.started_at',
        'jobs.ran_late',
      ])
      .where('jobs.kind', '<>', 'bulk');
  }

  function toUpcoming(r: {
    job_id: string;
    seq: number;
    target_id: string;
    target_user_name: string | null;
    kind: JobKind;
    action: ActivationAction;
    method: ActivationMethod;
    run_at: string | null;
    time_zone: string | null;
    created_at: string;
    actor_sub: string;
    actor_email: string | null;
    reason: string | null;
    reason_code: string | null;
    ticket: string | null;
  }): UpcomingChange {
    return {
      jobId: r.job_id,
      seq: r.seq,
      kind: r.kind === 'expiry' ? 'expiry' : 'scheduled',
      targetId: r.target_id,
      userName: r.target_user_name,
      action: r.action,
      method: r.method,
      runAt: r.run_at ?? r.created_at,
      timeZone: r.time_zone,
      createdAt: r.created_at,
      actor: { sub: r.actor_sub, email: r.actor_email },
      reason: r.reason,
      reasonCode: r.reason_code,
      ticket: r.ticket,
    };
  }

  /** The item as this claim left it: a later claim (a lease taken over) has another owner or more attempts. */
  function heldBy(item: ClaimedItem, owner: string) {
    return { job_id: item.jobId, seq: item.seq, state: 'running', lease_owner: owner, attempts: item.attempts } as const;
  }

  /**
   * Serialises the transactions that end items of one job (on PostgreSQL; SQLite
   * has one writer). Without it, two instances finishing the last two items each
   * see the other's item still running and neither marks the job done. Taken
   * first, as claim and cancel take it, so the lock order is always job, then items.
   */
  async function lockJob(tx: Transaction<AuditDatabase>, jobId: string) {
    if (pg) await tx.selectFrom('jobs').select('id').where('id', '=', jobId).forUpdate().execute();
  }

  /**
   * When nothing is queued or in flight: a running or paused job is done; the token is
   * dropped either way. The job's end is announced (`job.finished`) in the same transaction.
   */
  async function finishIfDone(tx: Transaction<AuditDatabase>, jobId: string) {
    const open = await tx
      .selectFrom('job_items')
      .select('seq')
      .where('job_id', '=', jobId)
      .where('state', 'in', ['queued', 'running'])
      .limit(1)
      .executeTakeFirst();
    if (open) return;
    const ended = await tx
      .updateTable('jobs')
      .set({
        state: sql<JobState>`case when state = 'cancelled' then 'cancelled' else 'done' end`,
        finished_at: iso(),
        token_sealed: null,
        token_expires_at: null,
        not_before: null,
      })
      .where('id', '=', jobId)
      .where('finished_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    // A scheduled change or an expiry announces each user's execution instead (./schedule.ts#recordScheduleExecuted).
    if (!ended || ended.kind !== 'bulk' || webhookUrls.length === 0) return;
    const counts = (await countsFor([jobId], tx)).get(jobId)!;
    await enqueueWebhookEvent(tx, jobFinishedEvent(toSummary(ended, counts)), { urls: webhookUrls, now: now() });
  }
}

export type JobStore = ReturnType<typeof createJobStore>;
