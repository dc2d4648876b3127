import 'server-only';
// What the API does with the audit store around reads: record meta
// observations, and settle records left pending by a crash. Both are best
// effort on a read: a failure is logged, never turned into a failed read.
// (docs/decisions/0031-append-only-and-observations.md, 0032-reconciliation.md)

import { log } from '@/lib/server/log';
import type { AuditRecord, ObservedUser } from '@/lib/server/audit/records';
import type { AuditStore } from '@/lib/server/audit/store';
import { getUserOrNull, type ScimClient } from '@/lib/server/scim/client';
import { isScimError } from '@/lib/server/scim/errors';
import type { User } from '@/lib/users/types';
import { ApiFailure } from './handler';

export const AUDIT_UNAVAILABLE_MESSAGE = 'Audit log unavailable; nothing was changed.';
export const AUDIT_READ_UNAVAILABLE_MESSAGE = 'Audit log unavailable.';

/** For the write path and the audit routes: no store, no answer (503). */
export async function openAudit(open: () => Promise<AuditStore>, message = AUDIT_UNAVAILABLE_MESSAGE): Promise<AuditStore> {
  try {
    return await open();
  } catch (error) {
    log.error('audit store unavailable', { error });
    throw new ApiFailure(503, message);
  }
}

/** For reads of users: without a store they still answer. */
async function openAuditQuietly(open: () => Promise<AuditStore>, requestId: string): Promise<AuditStore | null> {
  try {
    return await open();
  } catch (error) {
    log.error('audit store unavailable; read not observed', { requestId, error });
    return null;
  }
}

function observedUser(user: User): ObservedUser {
  return { id: user.id, userName: user.userName, active: user.active, version: user.meta.version, lastModified: user.meta.lastModified };
}

export async function observeQuietly(
  audit: AuditStore | null,
  users: readonly User[],
  requestId: string,
  opts?: { source: 'console' | 'reconcile'; activationId: string },
): Promise<void> {
  if (!audit || users.length === 0) return;
  try {
    await audit.observe(users.map(observedUser), opts);
  } catch (error) {
    log.error('audit observation write failed', { requestId, count: users.length, error });
  }
}

function settlementDetail(user: User | null): string {
  const seen =
    user === null
      ? 'the user was not found'
      : `the user was ${user.active ? 'active' : 'inactive'}${user.meta.version ? ` at version ${user.meta.version}` : ''}`;
  return `No outcome was recorded (the console may have stopped mid-call); read back afterwards: ${seen}.`;
}

/** Settles one target's stale records from `user` (already read by the caller) or from a fresh read. */
async function settle(
  audit: AuditStore,
  scim: ScimClient,
  targetId: string,
  stale: AuditRecord[],
  requestId: string,
  current?: User | null,
): Promise<void> {
  if (stale.length === 0) return;
  let user: User | null;
  try {
    user = current !== undefined ? current : await getUserOrNull(scim, targetId);
  } catch (error) {
    log.warn('audit reconciliation: reading the user failed; left pending', {
      requestId,
      targetId,
      error: isScimError(error) ? error.detail : error,
    });
    return;
  }
  let lastSettled: string | null = null;
  for (const record of stale) {
    if (
      await audit.reconcile(record.id, {
        after: user ? { active: user.active, version: user.meta.version } : null,
        detail: settlementDetail(user),
      })
    ) {
      lastSettled = record.id;
      log.warn('audit record reconciled', { requestId, recordId: record.id, targetId, active: user?.active ?? null });
    }
  }
  if (user && lastSettled) await observeQuietly(audit, [user], requestId, { source: 'reconcile', activationId: lastSettled });
}

/**
 * A record still pending after the timeout is settled by reading the user with
 * the token of whoever is looking now: a record cannot be reconciled without
 * some signed-in person's token, so it waits for the next read that touches it.
 * `current` is a read the caller already made (undefined: read it here, and only
 * when something is stale). Never throws.
 */
export async function reconcileTarget(args: {
  audit: AuditStore | null;
  scim: ScimClient;
  targetId: string;
  requestId: string;
  current?: User | null;
}): Promise<void> {
  const { audit } = args;
  if (!audit) return;
  try {
    const stale = await audit.listStalePending({ targetId: args.targetId });
    await settle(audit, args.scim, args.targetId, stale, args.requestId, args.current);
  } catch (error) {
    log.error('audit reconciliation failed', { requestId: args.requestId, targetId: args.targetId, error });
  }
}

/** Upstream reads one sweep may make, so an old backlog cannot stall a page. */
const SWEEP_MAX_READS = 5;

/**
 * Settles stale records across targets (the audit page, a list page). With
 * `known` (a list page), only the users it holds are settled, from that read;
 * without, each target costs one upstream GET, at most SWEEP_MAX_READS per request.
 */
export async function reconcileSweep(args: {
  audit: AuditStore | null;
  scim: ScimClient;
  requestId: string;
  known?: readonly User[];
}): Promise<void> {
  const { audit } = args;
  if (!audit) return;
  try {
    const stale = await audit.listStalePending({ limit: 50 });
    if (stale.length === 0) return;
    const known = new Map((args.known ?? []).map((u) => [u.id, u]));
    const byTarget = new Map<string, AuditRecord[]>();
    for (const r of stale) byTarget.set(r.target.id, [...(byTarget.get(r.target.id) ?? []), r]);
    let reads = SWEEP_MAX_READS;
    for (const [targetId, records] of byTarget) {
      const current = known.get(targetId);
      if (current === undefined && (args.known !== undefined || reads-- <= 0)) continue;
      await settle(audit, args.scim, targetId, records, args.requestId, current);
    }
  } catch (error) {
    log.error('audit reconciliation sweep failed', { requestId: args.requestId, error });
  }
}

/** Where the read ran: enough to open the store and read a user again. */
type ReadScope = { auditStore: () => Promise<AuditStore>; scim: ScimClient; requestId: string };

/**
 * After a list page is read: stale pending records of the listed users are
 * settled from this very read, and what changed is observed (one read of the
 * latest observations, at most one insert).
 */
export async function afterListRead({ auditStore, scim, requestId }: ReadScope, users: readonly User[]): Promise<void> {
  const audit = await openAuditQuietly(auditStore, requestId);
  await reconcileSweep({ audit, scim, requestId, known: users });
  await observeQuietly(audit, users, requestId);
}

/** After one user is read (null: not found upstream): settle its stale records, observe it. */
export async function afterUserRead({ auditStore, scim, requestId }: ReadScope, targetId: string, user: User | null): Promise<void> {
  const audit = await openAuditQuietly(auditStore, requestId);
  await reconcileTarget({ audit, scim, targetId, requestId, current: user });
  if (user) await observeQuietly(audit, [user], requestId);
}
