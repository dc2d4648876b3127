import 'server-only';
// Runs bulk jobs: claims items with leases, sends each through the one write
// path (changeActivation) with at most `maxConcurrency` in flight, backs the
// whole job off on a rate limit, and settles an item an earlier claim may
// have sent by reading the user instead of sending again
// (docs/decisions/0070-durable-jobs.md).

import { randomUUID } from 'node:crypto';
import type { ActivationMethod } from '@/lib/audit-vocabulary';
import { ApiFailure } from '@/lib/server/api/handler';
import type { AuditStore } from '@/lib/server/audit/store';
import { changeActivation, type ActivationResult } from '@/lib/server/change-activation';
import { log } from '@/lib/server/log';
import { createPollPause } from '@/lib/server/poll-pause';
import { PolicyRefusal } from '@/lib/server/protection';
import { getUserOrNull, type ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import type { ProviderCapabilities } from '@/lib/users/types';
import type { ClaimedItem, ItemResult, JobStore, RunnableJob } from './job-store';
import type { JobCredential } from './token-seal';
import { expiryOf, recordScheduleExecuted } from './schedule';

export type WorkerDeps = {
  jobs: JobStore;
  audit: AuditStore;
  scimClient(opts: { accessToken: string; requestId: string; scimBaseUrl?: string }): ScimClient;
  /**
   * The console's own SCIM identity, when configured: jobs then run with it and
   * never pause for a lapsed admin token (docs/decisions/0071-whose-token-runs-a-job.md).
   */
  serviceClient?: (requestId: string) => ScimClient | null;
  /** What the provider supports (the safe fallback when it cannot be asked). */
  capabilities(client: ScimClient): Promise<ProviderCapabilities>;
  /** The job's access token (and its session's SCIM base, if it had its own), or null when it cannot be opened. */
  openToken(jobId: string, sealed: string): JobCredential | null;
  maxConcurrency: number;
  leaseMs: number;
  /** PROTECTED_USERS: a job's item for one of them (or for its own admin) ends skipped, with the reason. */
  protectedUsers: readonly string[];
  /** The provider profile's documented write limit, if any (docs/decisions/0073-known-write-rate.md). */
  writesPerMinute?: number | null;
  /**
   * The scheduler's tick: how often due scheduled changes and expiries are released to be claimed
   * (SCHEDULER_TICK_SECONDS); one released later than two ticks after it was due ran late.
   */
  scheduleTickMs?: number;
  random?: () => number;
  /** Tests: a fake clock (the job store's) and its sleep. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** How often an idle worker looks for work (a job started in this process wakes it at once). */
const POLL_MS = 500;
/** A running job pauses this long before its token lapses, so no call starts with a token about to expire. */
const TOKEN_MARGIN_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;
const BASE_BACKOFF_MS = 1_000;

/** A known limit is planned at 90%: a write starts after its user's read, so starts jitter by a read's time. */
const RATE_HEADROOM = 0.9;

/** The spacing of a job's writes under a known per-minute limit; undefined without one. */
export function writeIntervalMs(writesPerMinute: number | null | undefined): number | undefined {
  return writesPerMinute ? Math.ceil(60_000 / (writesPerMinute * RATE_HEADROOM)) : undefined;
}

/** The whole job's wait after its `level`-th rate limit in a row: Retry-After when longer, else doubling, with jitter. */
export function backoffMs(level: number, retryAfterS: number | undefined, random: () => number = Math.random): number {
  const doubling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, level - 1));
  const jittered = Math.round(doubling * (0.8 + 0.4 * random()));
  return Math.min(MAX_BACKOFF_MS, Math.max(jittered, (retryAfterS ?? 0) * 1000));
}

/** A 429, or Salesforce's 403 REQUEST_LIMIT_EXCEEDED (the SCIM client reports both as 429): never a user's failure. */
const rateLimited = (error: unknown) => isScimError(error) && error.status === 429;
/** The provider refused the job's token (expired early, revoked): the job waits for its admin. */
const tokenRefused = (error: unknown) => isScimError(error) && error.kind === 'upstream' && error.status === 401;

export function createJobWorker(deps: WorkerDeps) {
  const owner = randomUUID();
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const writeInterval = writeIntervalMs(deps.writesPerMinute);
  const inFlight = new Map<string, Promise<void>>();
  const serviceMode = (deps.serviceClient?.('job-worker') ?? null) !== null;
  const tickMs = deps.scheduleTickMs ?? 30_000;
  let nextRelease = 0;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  // A wake-up that comes while a tick runs (an item ended mid-claim) makes the loop look again at once.
  const pollPause = createPollPause();
  const wake = pollPause.wake;

  /** Claims what fits and starts it; returns how many items were started. */
  async function tick(): Promise<number> {
    if (Date.now() >= nextRelease) {
      nextRelease = Date.now() + tickMs;
      const due = await deps.jobs.releaseDue(2 * tickMs);
      if (due.length) log.info('scheduled changes due', { jobs: due });
    }
    if (!serviceMode) {
      const paused = await deps.jobs.pauseLapsed(TOKEN_MARGIN_MS);
      if (paused.length) log.info('jobs paused: the starting admin must sign in to resume', { jobs: paused });
    }
    let started = 0;
    for (const job of await deps.jobs.runnable()) {
      const want = deps.maxConcurrency - inFlight.size;
      if (want <= 0) break;
      const items = await deps.jobs.claim(job.id, owner, {
        want,
        maxInFlight: deps.maxConcurrency,
        leaseMs: deps.leaseMs,
        writeIntervalMs: writeInterval,
      });
      for (const item of items) {
        const key = `${item.jobId}:${item.seq}`;
        const run = runItem(job, item)
          .catch((error: unknown) => log.error('job item crashed', { jobId: item.jobId, seq: item.seq, error }))
          .finally(() => {
            inFlight.delete(key);
            wake();
          });
        inFlight.set(key, run);
        started++;
      }
    }
    return started;
  }

  async function runItem(job: RunnableJob, item: ClaimedItem): Promise<void> {
    // Its slot under the provider's known write rate (the lease is renewed meanwhile: it counts as in flight).
    const wait = item.sendAt ? Date.parse(item.sendAt) - now() : 0;
    if (wait > 0) await sleep(wait);
    const requestId = `job-${job.id}-${item.seq}-${item.attempts}`;
    const service = deps.serviceClient?.(requestId) ?? null;
    const token = service || job.token_sealed === null ? null : deps.openToken(job.id, job.token_sealed);
    if (!service && !token) {
      log.warn('job token cannot be opened; pausing the job', { jobId: job.id });
      await deps.jobs.release(item, owner);
      await deps.jobs.pause(job.id);
      return;
    }
    const scim = service ?? deps.scimClient({ ...token!, requestId });
    const active = job.action === 'reactivate';
    const method: ActivationMethod = active ? 'PATCH' : job.method;
    try {
      // Claimed before: an earlier attempt may have sent the change (a crash, a lease taken over).
      const settled = item.attempts > 1 ? await settleEarlierAttempt(job, item, scim, active, method) : null;
      if (settled) {
        await deps.jobs.complete(item, owner, settled);
        return;
      }
      let change: ActivationResult;
      try {
        change = await changeActivation({
          scim,
          audit: deps.audit,
          capabilities: await deps.capabilities(scim),
          actor: { sub: job.actor_sub, email: job.actor_email },
          protectedUsers: deps.protectedUsers,
          requestId,
          id: item.targetId,
          active,
          method,
          reason: job.reason,
          reasonCode: job.reason_code,
          ticket: job.ticket,
          jobId: job.id,
          skipWhenAlready: true,
          // An expiry acts only on the version its reactivation left: anything else was changed outside the console.
          ifMatch: job.kind === 'expiry' ? (item.expectVersion ?? undefined) : undefined,
        });
      } catch (error) {
        const stale = job.kind === 'expiry' && error instanceof ApiFailure && error.status === 412;
        if (!stale) throw error;
        const current = error.extra.current;
        const detail =
          current && !current.active
            ? 'The user was deactivated outside the console meanwhile; the expiry did nothing.'
            : 'The user was changed outside the console since the reactivation; the expiry did nothing.';
        await deps.jobs.complete(item, owner, { state: 'skipped', detail }, (tx) =>
          recordScheduleExecuted(tx, { job, item, outcome: 'skipped', detail, auditRecordId: null }),
        );
        return;
      }
      const { user, auditRecordId } = change;
      const result: ItemResult =
        auditRecordId !== null
          ? { state: 'succeeded', userName: user?.userName }
          : {
              state: 'skipped',
              detail:
                job.kind === 'expiry'
                  ? 'The user was already inactive; the expiry did nothing.'
                  : `already ${active ? 'active' : 'inactive'}`,
              userName: user?.userName,
            };
      await deps.jobs.complete(item, owner, result, (tx) =>
        job.kind === 'bulk'
          ? Promise.resolve()
          : recordScheduleExecuted(tx, {
              job,
              item,
              outcome: result.state === 'succeeded' ? 'succeeded' : 'skipped',
              detail: result.detail ?? null,
              auditRecordId,
            }),
      );
      // A time-boxed reactivation: this user goes off again at the job's end time, unless changed meanwhile.
      if (auditRecordId !== null && active && job.reactivate_until && user) {
        await deps.jobs.replaceExpiry(expiryOf(job, user, job.reactivate_until));
      }
      if (job.backoff_level > 0) await deps.jobs.clearBackoff(job.id);
    } catch (error) {
      if (rateLimited(error) || (error instanceof ApiFailure && error.status === 503)) {
        const level = job.backoff_level + 1;
        const wait = backoffMs(level, isScimError(error) ? error.retryAfter : undefined, random);
        log.warn('job backs off', { jobId: job.id, level, waitMs: wait, status: isScimError(error) ? error.status : 503 });
        await deps.jobs.release(item, owner);
        await deps.jobs.backOff(job.id, wait, level);
        return;
      }
      if (tokenRefused(error)) {
        log.warn('the provider refused the job token; pausing the job', { jobId: job.id });
        await deps.jobs.release(item, owner);
        await deps.jobs.pause(job.id);
        return;
      }
      // The console's own rule, not the provider's answer: nothing was sent, and a retry would not change it.
      if (error instanceof PolicyRefusal) await deps.jobs.complete(item, owner, { state: 'skipped', detail: error.message });
      else await deps.jobs.complete(item, owner, failure(error));
    }
  }

  /**
   * What an earlier claim of this item did, from this job's audit records of
   * the user: a success stands; a record still pending is settled by reading
   * the user (applied: the item succeeded; not: it is sent now).
   */
  async function settleEarlierAttempt(
    job: RunnableJob,
    item: ClaimedItem,
    scim: ScimClient,
    active: boolean,
    method: ActivationMethod,
  ): Promise<ItemResult | null> {
    // The user's latest records: the earlier claim ended at most a lease ago, so its records are among them.
    const records = (await deps.audit.listForTarget(item.targetId)).filter((r) => r.jobId === job.id);
    if (records.some((r) => r.state === 'succeeded' || (r.state === 'reconciled' && r.after.active === active))) {
      return { state: 'succeeded', detail: 'made by an earlier attempt of this job' };
    }
    const pending = records.filter((r) => r.state === 'pending');
    if (pending.length === 0) return null;
    const seen = await getUserOrNull(scim, item.targetId);
    const applied = seen === null ? method === 'DELETE' : seen.active === active;
    const detail = `Read back when the job resumed: the change was ${applied ? '' : 'not '}in place.`;
    for (const r of pending) {
      await deps.audit.reconcile(r.id, { after: seen ? { active: seen.active, version: seen.meta.version } : null, detail });
    }
    log.info('job item settled by reading the user', { jobId: job.id, seq: item.seq, applied });
    return applied ? { state: 'succeeded', detail: 'confirmed by reading the user when the job resumed' } : null;
  }

  async function loop() {
    while (running) {
      try {
        await tick();
      } catch (error) {
        log.error('job worker tick failed', { error });
      }
      await pollPause.pause(POLL_MS);
    }
  }

  return {
    owner,
    wake,
    tick,
    start() {
      if (running) return;
      running = true;
      heartbeat = setInterval(
        () => {
          if (inFlight.size > 0)
            deps.jobs.heartbeat(owner, deps.leaseMs).catch((error: unknown) => log.error('job lease renewal failed', { error }));
        },
        Math.max(500, Math.floor(deps.leaseMs / 3)),
      );
      heartbeat.unref?.();
      loopDone = loop();
    },
    /** Stops claiming; resolves when the items in flight have finished. */
    async stop() {
      running = false;
      wake();
      if (heartbeat) clearInterval(heartbeat);
      await loopDone;
      await Promise.all(inFlight.values());
    },
    /** Tests: claims and runs until nothing is left to claim now, then waits for what is in flight. */
    async drain() {
      for (;;) {
        const started = await tick();
        if (started === 0 && inFlight.size === 0) return;
        if (inFlight.size > 0) await Promise.race(inFlight.values());
      }
    },
  };
}

export type JobWorker = ReturnType<typeof createJobWorker>;

function failure(error: unknown): ItemResult {
  if (error instanceof ApiFailure) return { state: 'failed', upstreamStatus: null, detail: error.message };
  if (isScimError(error)) return { state: 'failed', upstreamStatus: error.kind === 'upstream' ? error.status : null, detail: error.detail };
  log.error('job item failed unexpectedly', { error });
  return { state: 'failed', upstreamStatus: null, detail: 'unexpected error' };
}
