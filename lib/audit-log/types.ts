// Client-safe shapes of the audit log API (GET /api/audit, /api/audit/export).
// Plain types, no zod: the browser bundles this file. The API's schemas are in
// lib/server/api/schemas.ts.
import type { ActivationMethod, AuditAction, AuditState, CallIdentity } from '@/lib/audit-vocabulary';
import type { WebhookDeliveryState } from '@/lib/webhooks/types';

/** Filters of the audit page and the CSV export; dates are `YYYY-MM-DD` or ISO 8601 date-times with an offset. */
export type AuditFilter = {
  actor?: string;
  target?: string;
  /** An activation change, or a sign-in or sign-out. */
  action?: AuditAction;
  outcome?: AuditState;
  job?: string;
  reasonCode?: string;
  ticket?: string;
  from?: string;
  to?: string;
  /** `undelivered`: only changes whose webhook event some receiver has not acknowledged yet (or never did). */
  webhooks?: 'undelivered';
};

/** The filter's dates as UTC ISO bounds: created_at >= from and created_at < to. */
export function auditRange(filter: { from?: string; to?: string }): { from: string | null; to: string | null } {
  const day = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  const from = filter.from ? new Date(day(filter.from) ? `${filter.from}T00:00:00Z` : filter.from).toISOString() : null;
  let to: string | null = null;
  if (filter.to) {
    // Exclusive upper bound: the next day for a date, the next millisecond for a date-time.
    const end = day(filter.to) ? Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000 : Date.parse(filter.to) + 1;
    to = new Date(end).toISOString();
  }
  return { from, to };
}

/** One activation attempt made through the console, or a sign-in or sign-out (its target is the actor's own subject). */
export type AuditEntry = {
  id: string;
  /** When the attempt started (the pending record), UTC ISO 8601. */
  at: string;
  /** When its outcome was recorded or reconciled; null while pending. */
  finishedAt: string | null;
  requestId: string;
  actor: { sub: string; email: string | null };
  target: { id: string; userName: string | null };
  action: AuditAction;
  /** Null for a sign-in or sign-out. */
  method: ActivationMethod | null;
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
  outcome: AuditState;
  activeBefore: boolean | null;
  activeAfter: boolean | null;
  versionBefore: string | null;
  versionAfter: string | null;
  upstreamStatus: number | null;
  error: string | null;
  /** The bulk job this change was part of. */
  jobId: string | null;
  /** A sign-in's or sign-out's session id; null for a change. */
  sessionId: string | null;
  /** The sign-in provider's id; null for a change. */
  provider: string | null;
  /** Whose credential made the call (admin token or service identity); null for older records. */
  identity: CallIdentity | null;
  /** Its webhook event's deliveries, one per receiver; empty when none was sent (no receiver, or nothing changed). */
  webhooks: WebhookDeliverySummary[];
};

/** The webhook event of a change, at one receiver (named by its origin only: a URL's path may hold a secret). */
export type WebhookDeliverySummary = { receiver: string; state: WebhookDeliveryState; attempts: number; lastError: string | null };

export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };
