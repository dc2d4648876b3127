// Client-safe shapes of the schedule API (/api/schedule…, /api/users/:id/schedule,
// /api/users/:id/reactivation), plain types with no zod (the browser bundles this file).
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';

/** A scheduled change or a time-boxed reactivation's expiry of one user, not run yet. */
export type UpcomingChange = {
  jobId: string;
  /** The user's place in the job (a bulk selection is one job). */
  seq: number;
  kind: 'scheduled' | 'expiry';
  targetId: string;
  userName: string | null;
  action: ActivationAction;
  method: ActivationMethod;
  /** UTC ISO 8601. */
  runAt: string;
  /** The admin's IANA time zone when scheduled. */
  timeZone: string | null;
  createdAt: string;
  /** Who scheduled it, or (an expiry) who reactivated the user. */
  actor: { sub: string; email: string | null };
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
};

export type ScheduleList = { changes: UpcomingChange[] };

/** How long a reactivation lasts: `hours` from now, or `until` an instant; neither is permanent. */
export type ReactivationEnd = { hours?: number; until?: string };

/** POST /api/schedule. */
export type CreateScheduleBody = {
  action: ActivationAction;
  method?: ActivationMethod;
  /** UTC ISO 8601, computed in the browser from the admin's wall-clock choice (lib/schedule/zoned-time.ts). */
  runAt: string;
  timeZone?: string;
  reason?: string;
  reasonCode?: string;
  ticket?: string;
  users: { ids: string[] } | { query: { q: string; status: 'all' | 'active' | 'inactive' } };
};
