import 'server-only';
// GET /api/users/:id/history: what the console did to a user and what it saw
// change outside, newest first. Database only, except that records left
// pending by a crash are first settled by reading the user.

import { isActivationRecord, type ActivationRecord, type AuditRecord, type Observation } from '@/lib/server/audit/records';
import { assertScimId } from '@/lib/server/scim/url';
import type { AuditStore } from '@/lib/server/audit/store';
import { lastDeactivation } from '@/lib/users/deactivation-summary';
import type { ScheduledItem } from '@/lib/server/jobs/job-store';
import type { DeactivationSummary, HistoryEntry, HistoryResponse, HistorySchedule } from '@/lib/users/types';
import { apiRoute, type ApiDeps } from './handler';
import { AUDIT_READ_UNAVAILABLE_MESSAGE, openAudit, reconcileTarget } from './observe-and-reconcile';

const HISTORY_LIMIT = 200;

/** `scheduled`: the user's scheduled changes and expiries, when the console has them (0110-scheduled-changes-are-jobs.md). */
export function createHistoryRoutes(deps: ApiDeps, scheduled?: (targetId: string) => Promise<ScheduledItem[]>) {
  return {
    get: apiRoute<{ id: string }>(deps, {}, async (ctx, { id }) => {
      // Helpdesk included: history of any user they may view (docs/decisions/0033-history-and-audit-api.md).
      ctx.authorize('history:read');
      const targetId = assertScimId(id);
      const audit = await openAudit(ctx.auditStore, AUDIT_READ_UNAVAILABLE_MESSAGE);
      await reconcileTarget({ audit, scim: ctx.scim, targetId, requestId: ctx.requestId });
      const [records, observations, schedule] = await Promise.all([
        audit.listForTarget(targetId, HISTORY_LIMIT),
        audit.listObservations(targetId, HISTORY_LIMIT),
        scheduled ? scheduled(targetId) : [],
      ]);
      const body: HistoryResponse = { entries: buildHistory(records, observations, HISTORY_LIMIT, schedule) };
      return Response.json(body);
    }),
  };
}

function recordKind(r: ActivationRecord): HistoryEntry['kind'] {
  if (r.state === 'succeeded') return r.action === 'deactivate' ? 'deactivated' : 'reactivated';
  return r.state;
}

/**
 * Merges activation records with the changes seen outside the console.
 * Observations made by the console's own reads of its own changes ('console',
 * 'reconcile') and the first sighting of a user are not events; an outside
 * observation identical to the one before it (two instances seeing the same
 * change at once) is shown once.
 */
export function buildHistory(
  records: readonly AuditRecord[],
  observations: readonly Observation[],
  limit = HISTORY_LIMIT,
  scheduled: readonly ScheduledItem[] = [],
): HistoryEntry[] {
  const scheduleOf = (s: ScheduledItem): HistorySchedule => ({
    kind: s.kind,
    runAt: s.runAt,
    timeZone: s.timeZone,
    late: s.ranLate,
    state: s.state,
    detail: s.detail,
  });
  const byJob = new Map(scheduled.map((s) => [s.jobId, s]));
  // A sign-in or sign-out is the admin's own event, never a user's history.
  const entries: HistoryEntry[] = records.filter(isActivationRecord).map((r) => ({
    id: r.id,
    at: r.createdAt,
    kind: recordKind(r),
    method: r.method,
    actor: { sub: r.actor.sub, email: r.actor.email },
    action: r.action,
    reason: r.reason,
    reasonCode: r.reasonCode,
    ticket: r.ticket,
    versionBefore: r.before.version,
    versionAfter: r.after.version,
    activeBefore: r.before.active,
    activeAfter: r.after.active,
    error: r.state === 'failed' || r.state === 'reconciled' ? r.errorDetail : null,
    // The provider answered DELETE and then had no such user: removed, not deactivated (RFC servers).
    ...(r.state === 'succeeded' && r.method === 'DELETE' && r.after.active === null && r.errorDetail === null
      ? { removed: true as const }
      : {}),
    ...(r.jobId && byJob.has(r.jobId) ? { schedule: scheduleOf(byJob.get(r.jobId)!) } : {}),
  }));
  // When each was scheduled, and (skipped, cancelled) how it ended without a change; a change it made is its audit record above.
  for (const s of scheduled) {
    const common = {
      method: s.method,
      actor: s.actor,
      action: s.action,
      reason: s.reason,
      reasonCode: s.reasonCode,
      ticket: s.ticket,
      versionBefore: null,
      versionAfter: null,
      activeBefore: null,
      activeAfter: null,
      error: null,
      schedule: scheduleOf(s),
    };
    entries.push({ id: `${s.jobId}:${s.seq}:scheduled`, at: s.createdAt, kind: 'scheduled', ...common });
    if ((s.state === 'skipped' || s.state === 'cancelled') && s.finishedAt) {
      entries.push({ id: `${s.jobId}:${s.seq}:ended`, at: s.finishedAt, kind: 'schedule-ended', ...common });
    }
  }
  // Oldest first, to compare each with the one before it.
  const chronological = [...observations].reverse();
  chronological.forEach((o, i) => {
    const prior = chronological[i - 1];
    if (o.source !== 'outside') return;
    if (prior && prior.version === o.version && prior.active === o.active && prior.lastModified === o.lastModified) return;
    entries.push({
      id: o.id,
      at: o.observedAt,
      kind: 'outside-change',
      method: null,
      actor: null,
      action: null,
      reason: null,
      reasonCode: null,
      ticket: null,
      versionBefore: o.previous.version,
      versionAfter: o.version,
      activeBefore: o.previous.active,
      activeAfter: o.active,
      error: null,
    });
  });
  markChangedBack(entries);
  return entries.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1)).slice(0, limit);
}

/**
 * "Why is this user off?" for many users in two queries (a list page): each
 * target's summary from the same History rules as its page (buildHistory, then
 * lastDeactivation), fed only what can matter: its latest deactivation record
 * and its observations. Null where the console has no record of a deactivation.
 */
export async function lastDeactivations(audit: AuditStore, targetIds: readonly string[]): Promise<Map<string, DeactivationSummary | null>> {
  const { records, observations } = await audit.deactivationEvidence(targetIds, HISTORY_LIMIT);
  const out = new Map<string, DeactivationSummary | null>();
  for (const id of targetIds) {
    const entries = buildHistory(
      records.filter((r) => r.target.id === id),
      observations.filter((o) => o.target.id === id),
    );
    out.set(id, lastDeactivation(entries));
  }
  return out;
}

/**
 * An identity provider's sync (or another admin) undoing the console: the first outside change
 * after a console change that moved `active`, which puts `active` back to what it was before it.
 */
function markChangedBack(entries: HistoryEntry[]): void {
  const moved = (e: HistoryEntry) => e.activeAfter !== null && e.activeBefore !== e.activeAfter;
  let last: HistoryEntry | null = null;
  for (const e of [...entries].sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1))) {
    if (e.kind === 'outside-change') {
      const consoleChange = last && last.kind !== 'outside-change' ? last : null;
      if (
        consoleChange &&
        moved(e) &&
        e.activeAfter === consoleChange.activeBefore &&
        (e.activeBefore ?? consoleChange.activeAfter) === consoleChange.activeAfter
      )
        e.changedBack = true;
      if (moved(e)) last = e;
    } else if ((e.kind === 'deactivated' || e.kind === 'reactivated') && e.activeBefore !== null && moved(e)) last = e;
  }
}
