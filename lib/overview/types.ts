// Client-safe shapes of what the overview page reads from the audit log on the
// server (lib/server/audit/overview.ts). Its totals are GET /api/users/counts (lib/users/use-user-counts.ts).
import type { ActivationAction, AuditState } from '@/lib/audit-vocabulary';

export type DailyChanges = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  deactivations: number;
  reactivations: number;
  /** Console changes that did not take: failed, or reconciled to a state other than the one they meant to leave. */
  failures: number;
  /** Changes made elsewhere, counted on the day the console noticed them. */
  outside: number;
};

export type OverviewChange = {
  /** Audit record id, or observation id for an outside change. */
  id: string;
  at: string;
  kind: ActivationAction | 'outside';
  target: { id: string; userName: string | null };
  /** Who, for console changes; null for outside changes. */
  actorEmail: string | null;
  /** Console changes: the record's state; outside changes: 'succeeded'. */
  outcome: AuditState;
  /** The active flag the change left (null when not known, e.g. a failed change). */
  activeAfter: boolean | null;
  reason: string | null;
  error: string | null;
};
