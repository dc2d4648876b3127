import 'server-only';
// The one write path: every activation change the console makes, from a
// button, goes through changeActivation. Read the user, write the audit record
// `pending`, call the provider, record the outcome
// (docs/decisions/0016-audit-before-change.md). An outcome that never arrives
// is read back here or, after a crash, reconciled later
// (docs/decisions/0032-reconciliation.md).

import { actionFor, type ActivationMethod } from '@/lib/audit-vocabulary';
import type { Role } from '@/lib/authz';
import { ApiFailure, type Actor } from '@/lib/server/api/handler';
import { lastDeactivations } from '@/lib/server/api/history';
import { AUDIT_UNAVAILABLE_MESSAGE, observeQuietly } from '@/lib/server/api/observe-and-reconcile';
import type { FinalOutcome } from '@/lib/server/audit/records';
import type { AuditStore } from '@/lib/server/audit/store';
import { log } from '@/lib/server/log';
import { getUserOrNull, type ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import { mayReactivate } from '@/lib/users/lifecycle-rules';
import type { ProviderCapabilities, User } from '@/lib/users/types';
import { assertMayDeactivate, PolicyRefusal, SECURITY_INCIDENT_MESSAGE } from './protection';

export const STALE_MESSAGE = 'This user changed since you loaded it.';
export const UNCONFIRMED_MESSAGE = 'The SCIM provider did not confirm the change; it will be checked again when this user is next viewed.';

export type ChangeActivation = {
  scim: ScimClient;
  audit: AuditStore;
  capabilities: ProviderCapabilities;
  /** Who asks. With a role, the role's own limits apply too (helpdesk and a Security incident); a bulk job has none. */
  actor: Pick<Actor, 'sub' | 'email'> & { role?: Role };
  /**
   * PROTECTED_USERS: accounts never deactivated here (nor the actor's own). Required, so a
   * button, a bulk job and a scheduled change all meet the rule (lib/server/protection.ts).
   */
  protectedUsers: readonly string[];
  requestId: string;
  id: string;
  active: boolean;
  method: ActivationMethod;
  reason: string | null;
  /** A code of REASON_CODES and a ticket, checked by the caller (lib/server/api/change-reason.ts). */
  reasonCode?: string | null;
  ticket?: string | null;
  /** The version the admin saw (PATCH and DELETE); a mismatch is a 412 with the fresh user. */
  ifMatch?: string;
  /** The bulk job this change is part of: kept on its audit record (docs/decisions/0070-durable-jobs.md). */
  jobId?: string;
  /** A DELETE of a user already inactive is skipped too (bulk: "already inactive — skipped"); a PATCH always is. */
  skipWhenAlready?: boolean;
};

/** What a change produced: the user after it (null: the provider removed it) and its audit record (null: nothing to change). */
export type ActivationResult = { user: User | null; auditRecordId: string | null };

/** Read, audit pending, call, audit the outcome. */
export async function changeActivation(args: ChangeActivation): Promise<ActivationResult> {
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
  if ((method === 'PATCH' || args.skipWhenAlready) && before.active === active) return { user: before, auditRecordId: null };
  await assertAllowed(args, before);

  let recordId: string;
  try {
    recordId = await audit.insertPending({
      requestId: args.requestId,
      actor: { sub: args.actor.sub, email: args.actor.email },
      target: { id, userName: before.userName },
      action: actionFor(active),
      method,
      reason: args.reason,
      reasonCode: args.reasonCode ?? null,
      ticket: args.ticket ?? null,
      before: { active: before.active, version: before.meta.version },
      jobId: args.jobId ?? null,
      identity: scim.identity,
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
  return { user: after, auditRecordId: recordId };
}

/** The console's own rules, before anything is recorded or sent: refused changes are logged, not audited. */
async function assertAllowed(args: ChangeActivation, before: User): Promise<void> {
  try {
    if (!args.active) assertMayDeactivate(before, args.actor, args.protectedUsers);
    else if (args.actor.role && args.actor.role !== 'admin') {
      const last = await lastDeactivations(args.audit, [args.id]).then(
        (m) => m.get(args.id) ?? null,
        (error: unknown) => {
          log.error('audit read failed; reactivation not sent', { requestId: args.requestId, error });
          throw new ApiFailure(503, AUDIT_UNAVAILABLE_MESSAGE);
        },
      );
      if (!mayReactivate(args.actor.role, last)) throw new PolicyRefusal(SECURITY_INCIDENT_MESSAGE);
    }
  } catch (error) {
    if (error instanceof PolicyRefusal)
      log.warn('change refused by the console', {
        requestId: args.requestId,
        sub: args.actor.sub,
        targetId: args.id,
        reason: error.message,
      });
    throw error;
  }
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
async function settleUnconfirmed(args: ChangeActivation, recordId: string, error: unknown): Promise<ActivationResult> {
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
  return { user: seen, auditRecordId: recordId };
}

/** The change already happened: a failed outcome write is logged, and the pending record is reconciled later. */
async function finish(audit: AuditStore, recordId: string, requestId: string, outcome: FinalOutcome) {
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
