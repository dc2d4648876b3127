// Client-safe shapes of what the overview page reads from the audit log on the
// server (lib/server/audit/overview.ts). Its totals are GET /api/users/counts (lib/users/use-user-counts.ts).

export type DailyChanges = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  deactivations: number;
  reactivations: number;
  /** Console changes that did not take: failed, or reconciled to the state they meant to leave. */
  failures: number;
  /** Changes made elsewhere, counted on the day the console noticed them. */
  outside: number;
};

export type OverviewChange = {
  /** Audit record id, or observation id for an outside change. */
  id: string;
  at: string;
  kind: 'deactivate' | 'reactivate' | 'outside';
  target: { id: string; userName: string | null };
  /** Who, for console changes; null for outside changes. */
  actorEmail: string | null;
  /** Console changes: the record's state; outside changes: 'succeeded'. */
  outcome: 'pending' | 'succeeded' | 'failed' | 'reconciled';
  /** Outside changes: the active flag before → after, where it moved. */
  activeAfter: boolean | null;
  reason: string | null;
  error: string | null;
};
