import 'server-only';
// The audit store's records as the rest of the server sees them, and the one
// place rows of the database become those records.

import type { Selectable } from 'kysely';
import {
  isActivationAction,
  type ActivationAction,
  type ActivationMethod,
  type AuditAction,
  type AuditState,
  type CallIdentity,
  type ObservationSource,
  type SessionAction,
} from '@/lib/audit-vocabulary';
import type { AuditRecordTable, ObservationTable } from './db';

type ActiveAndVersion = { active: boolean | null; version: string | null };

/** What the write path records before it calls the provider. */
export type PendingAudit = {
  requestId: string;
  actor: { sub: string; email: string | null };
  target: { id: string; userName: string | null };
  action: ActivationAction;
  method: ActivationMethod;
  reason: string | null;
  reasonCode?: string | null;
  ticket?: string | null;
  before: ActiveAndVersion;
  /** The bulk job this change belongs to. */
  jobId?: string | null;
  /** Whose credential makes the call. */
  identity?: CallIdentity | null;
};

/** A sign-in or sign-out: who, when, through which provider, which session. Never a token. */
export type SessionEvent = {
  action: SessionAction;
  actor: { sub: string; email: string | null };
  provider: string;
  sessionId: string;
};

/** What the write path records after the provider answered (or did not). */
export type FinalOutcome = {
  state: 'succeeded' | 'failed';
  upstreamStatus: number | null;
  after?: ActiveAndVersion;
  errorDetail?: string | null;
};

export type AuditRecord = {
  id: string;
  requestId: string;
  createdAt: string;
  finishedAt: string | null;
  actor: { sub: string; email: string | null };
  target: { id: string; userName: string | null };
  action: AuditAction;
  /** Null for a sign-in or sign-out. */
  method: ActivationMethod | null;
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
  state: AuditState;
  before: ActiveAndVersion;
  after: ActiveAndVersion;
  upstreamStatus: number | null;
  errorDetail: string | null;
  jobId: string | null;
  /** A sign-in's or sign-out's session id and provider; null for a change. */
  sessionId: string | null;
  provider: string | null;
  /** Whose credential made the call; null for records older than 0007. */
  identity: CallIdentity | null;
};

/** A record of an activation change (not a sign-in or sign-out). */
export type ActivationRecord = AuditRecord & { action: ActivationAction; method: ActivationMethod };
export const isActivationRecord = (r: AuditRecord): r is ActivationRecord => isActivationAction(r.action);

/** What a read of a user shows; the fields an observation compares. */
export type ObservedUser = {
  id: string;
  userName: string | null;
  active: boolean | null;
  version: string | null;
  lastModified: string | null;
};

export type Observation = {
  id: string;
  observedAt: string;
  target: { id: string; userName: string | null };
  active: boolean | null;
  version: string | null;
  lastModified: string | null;
  source: ObservationSource;
  activationId: string | null;
  previous: ActiveAndVersion;
};

// Booleans are 0/1 integers: the same column type in SQLite and PostgreSQL.
export const toInt = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 1 : 0);
export const toBool = (n: number | null) => (n === null ? null : n === 1);

export function toRecord(row: Selectable<AuditRecordTable>): AuditRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    actor: { sub: row.actor_sub, email: row.actor_email },
    target: { id: row.target_id, userName: row.target_user_name },
    action: row.action,
    // A session row keeps its provider id in the NOT NULL method column; the record shows no method.
    method: isActivationAction(row.action) ? (row.method as ActivationMethod) : null,
    reason: row.reason,
    reasonCode: row.reason_code,
    ticket: row.ticket,
    state: row.state,
    before: { active: toBool(row.before_active), version: row.before_version },
    after: { active: toBool(row.after_active), version: row.after_version },
    upstreamStatus: row.upstream_status,
    errorDetail: row.error_detail,
    jobId: row.job_id,
    sessionId: row.session_id,
    provider: row.provider,
    identity: row.call_identity,
  };
}

export function toObservation(row: Omit<Selectable<ObservationTable>, 'seq'>): Observation {
  return {
    id: row.id,
    observedAt: row.observed_at,
    target: { id: row.target_id, userName: row.target_user_name },
    active: toBool(row.active),
    version: row.version,
    lastModified: row.last_modified,
    source: row.source,
    activationId: row.activation_id,
    previous: { active: toBool(row.previous_active), version: row.previous_version },
  };
}
