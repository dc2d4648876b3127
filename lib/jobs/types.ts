// Client-safe shapes of the bulk jobs API (/api/jobs…), plain types with no
// zod (the browser bundles this file); the server's schemas are in
// lib/server/jobs/schemas.ts (docs/decisions/0070-durable-jobs.md).
import type { ActivationAction, ActivationMethod } from '@/lib/audit-vocabulary';

/**
 * running → done, or cancelled; paused while the starting admin's token has lapsed (0071-whose-token-runs-a-job.md);
 * a scheduled change or an expiry waits in `scheduled` until it is due (0110-scheduled-changes-are-jobs.md).
 */
export const JOB_STATES = ['scheduled', 'running', 'paused', 'cancelled', 'done'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A bulk job; a change scheduled for later; the deactivation that ends a time-boxed reactivation. */
export const JOB_KINDS = ['bulk', 'scheduled', 'expiry'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_ITEM_STATES = ['queued', 'running', 'succeeded', 'skipped', 'failed', 'cancelled'] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];

type UserQuery = { q: string; status: 'all' | 'active' | 'inactive' };

/** POST /api/jobs: who (a selection of ids, or every user matching a search, resolved on the server) and what. */
export type CreateJobBody = {
  action: ActivationAction;
  method?: ActivationMethod;
  reason?: string;
  reasonCode?: string;
  ticket?: string;
  /** A time-boxed reactivation: hours from now, or until an instant (docs/decisions/0111-time-boxed-reactivation.md). */
  hours?: number;
  until?: string;
  users: { ids: string[] } | { query: UserQuery };
};

/** POST /api/jobs/dry-run: as a job, or pasted lines (userName, email or id). */
export type DryRunBody = { action: ActivationAction; users: { ids: string[] } | { query: UserQuery } | { lines: string[] } };

/** What a dry run says will happen to one user or line. */
export const PLANNED_OUTCOMES = [
  'will deactivate',
  'will reactivate',
  'already inactive — skipped',
  'already active — skipped',
  'not found',
  'ambiguous',
  'not allowed',
  // PROTECTED_USERS, or the admin's own account: the console does not deactivate it (docs/decisions/0106-protected-accounts.md).
  'protected',
] as const;
export type PlannedOutcome = (typeof PLANNED_OUTCOMES)[number];

export type PlannedChange = {
  /** The line as typed, for a list; the userName otherwise. */
  input: string;
  /** Null when not found or ambiguous. */
  id: string | null;
  userName: string | null;
  outcome: PlannedOutcome;
};

export type DryRun = {
  action: ActivationAction;
  items: PlannedChange[];
  counts: Partial<Record<PlannedOutcome, number>>;
  /** Lines dropped because an earlier line named the same user. */
  duplicates: number;
  /** The ids a job would change (the `will …` items). */
  ids: string[];
};

export type JobCounts = Record<JobItemState, number>;

export type JobSummary = {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  actor: { sub: string; email: string | null };
  action: ActivationAction;
  method: ActivationMethod;
  reason: string | null;
  reasonCode: string | null;
  ticket: string | null;
  state: JobState;
  revertsJobId: string | null;
  total: number;
  counts: JobCounts;
  /** The job waits for a rate limit until then. */
  notBefore: string | null;
};

export type JobResult = {
  seq: number;
  targetId: string;
  userName: string | null;
  state: JobItemState;
  upstreamStatus: number | null;
  /** The provider's message for a failure; why a user was skipped. */
  detail: string | null;
  finishedAt: string | null;
};

export type JobDetail = {
  job: JobSummary;
  results: JobResult[];
  /** Pass as `after` for the next page of results. */
  nextAfter: number | null;
  /** Whether the viewer started it (only they can resume a paused job). */
  startedByViewer: boolean;
};

export type JobList = { jobs: JobSummary[] };

export const isJobActive = (state: JobState) => state === 'running' || state === 'paused';
