import 'server-only';
// Scheduled changes and time-boxed reactivations on the job machinery
// (docs/decisions/0110-scheduled-changes-are-jobs.md, 0111-time-boxed-reactivation.md):
// the expiry a reactivation leaves behind, and the one place an execution is announced (webhooks).

import type { Transaction } from 'kysely';
import { EXPIRY_REASON } from '@/lib/schedule/reactivation-policy';
import type { AuditDatabase } from '@/lib/server/audit/db';
import { enqueueWebhookEvent } from '@/lib/server/webhooks/outbox';
import type { User } from '@/lib/users/types';
import type { ClaimedItem, NewJob, RunnableJob } from './job-store';

/**
 * The deactivation that ends a time-boxed reactivation: by the same requester, with the same
 * ticket, at `until`, and only if the user is still at the version the reactivation left.
 */
export function expiryOf(
  reactivation: { actor_sub: string; actor_email: string | null; ticket: string | null },
  user: Pick<User, 'id' | 'userName' | 'meta'>,
  until: string,
): NewJob & { kind: 'expiry'; runAt: string } {
  return {
    kind: 'expiry',
    runAt: until,
    actor: { sub: reactivation.actor_sub, email: reactivation.actor_email },
    action: 'deactivate',
    method: 'PATCH',
    reason: EXPIRY_REASON,
    reasonCode: null,
    ticket: reactivation.ticket,
    targets: [{ id: user.id, userName: user.userName, expectVersion: user.meta.version }],
    token: null,
  };
}

export type ScheduleExecution = {
  job: Pick<
    RunnableJob,
    'id' | 'kind' | 'action' | 'method' | 'actor_sub' | 'actor_email' | 'reason' | 'reason_code' | 'ticket' | 'run_at'
  >;
  item: ClaimedItem;
  outcome: 'succeeded' | 'skipped';
  detail: string | null;
  auditRecordId: string | null;
};

/**
 * Called in the transaction that records a scheduled change's or an expiry's result, so its
 * webhook event (`schedule.executed`, `reactivation.expired`; docs/decisions/0100-webhook-outbox.md)
 * is queued exactly when the result is. A skip is an event too: the receiver learns it did nothing.
 */
export async function recordScheduleExecuted(
  tx: Transaction<AuditDatabase>,
  { job, item, outcome, detail, auditRecordId }: ScheduleExecution,
  opts: { now?: Date; urls?: readonly string[] } = {},
): Promise<void> {
  const now = opts.now ?? new Date();
  await enqueueWebhookEvent(
    tx,
    {
      type: job.kind === 'expiry' ? 'reactivation.expired' : 'schedule.executed',
      timestamp: now.toISOString(),
      data: {
        actor: { sub: job.actor_sub, email: job.actor_email },
        target: { id: item.targetId, userName: item.userName },
        reasonCode: job.reason_code,
        ticket: job.ticket,
        reason: job.reason,
        method: job.method,
        callIdentity: 'service-identity',
        auditRecordId,
        jobId: job.id,
        action: job.action,
        runAt: job.run_at,
        outcome,
        detail,
      },
    },
    { now, urls: opts.urls },
  );
}
