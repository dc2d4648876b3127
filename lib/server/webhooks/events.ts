import 'server-only';
// Which audit outcomes and job ends are webhook events, and what each says: a change that
// happened (succeeded, or reconciled to the state asked for), never an attempt that failed.

import type { JobSummary } from '@/lib/jobs/types';
import type { AuditRecord } from '@/lib/server/audit/records';
import type { WebhookEvent } from './outbox';

/** The event an activation record's final outcome produces, or null when nothing changed. */
export function activationEvent(record: AuditRecord): WebhookEvent | null {
  if (record.action !== 'deactivate' && record.action !== 'reactivate') return null;
  const happened =
    record.state === 'succeeded' ||
    (record.state === 'reconciled' &&
      (record.after.active === null ? record.method === 'DELETE' : record.after.active === (record.action === 'reactivate')));
  if (!happened) return null;
  return {
    type: record.action === 'deactivate' ? 'user.deactivated' : 'user.reactivated',
    timestamp: record.finishedAt ?? record.createdAt,
    data: {
      actor: record.actor,
      target: record.target,
      reasonCode: record.reasonCode,
      ticket: record.ticket,
      reason: record.reason,
      method: record.method,
      callIdentity: record.identity,
      auditRecordId: record.id,
      jobId: record.jobId,
      outcome: record.state,
      activeAfter: record.after.active,
    },
  };
}

/** A bulk job ended (every user done, or cancelled): its counts; each user's change had its own event. */
export function jobFinishedEvent(job: JobSummary): WebhookEvent {
  return {
    type: 'job.finished',
    timestamp: job.finishedAt ?? job.createdAt,
    data: {
      actor: job.actor,
      target: null,
      reasonCode: job.reasonCode,
      ticket: job.ticket,
      reason: job.reason,
      method: job.method,
      callIdentity: null,
      auditRecordId: null,
      jobId: job.id,
      action: job.action,
      state: job.state,
      total: job.total,
      counts: job.counts,
      revertsJobId: job.revertsJobId,
    },
  };
}
