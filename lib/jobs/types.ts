// Client-safe shapes of the bulk jobs API (/api/jobs…). No server-only: the
// /users toolbar and the /jobs pages build and read them
// (docs/decisions/0070-durable-jobs.md).
import { z } from 'zod';
import { ACTIVATION_ACTIONS, ACTIVATION_METHODS, type ActivationAction, type ActivationMethod } from '@/lib/audit-vocabulary';

/** running → done, or cancelled; paused while the starting admin's token has lapsed (0071-whose-token-runs-a-job.md). */
export const JOB_STATES = ['running', 'paused', 'cancelled', 'done'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_ITEM_STATES = ['queued', 'running', 'succeeded', 'skipped', 'failed', 'cancelled'] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];
export const FINAL_JOB_ITEM_STATES = ['succeeded', 'skipped', 'failed', 'cancelled'] as const satisfies readonly JobItemState[];

const MAX_IDS = 10_000;

const userStatusSchema = z.enum(['all', 'active', 'inactive']);

/** Who a job or dry run is about: ids (a selection), a search (all matching, resolved on the server), or pasted lines. */
const idsSchema = z.object({ ids: z.array(z.string().min(1).max(256)).min(1).max(MAX_IDS) });
const querySchema = z.object({ query: z.object({ q: z.string().trim().max(200).default(''), status: userStatusSchema.default('all') }) });
const linesSchema = z.object({ lines: z.array(z.string().max(320)).min(1).max(MAX_IDS) });

const jobFields = {
  action: z.enum(ACTIVATION_ACTIONS),
  method: z.enum(ACTIVATION_METHODS).optional(),
  reason: z.string().trim().max(500).optional(),
};

export const createJobBodySchema = z.object({ ...jobFields, users: z.union([idsSchema, querySchema]) });
export type CreateJobBody = z.infer<typeof createJobBodySchema>;

export const dryRunBodySchema = z.object({ action: z.enum(ACTIVATION_ACTIONS), users: z.union([idsSchema, querySchema, linesSchema]) });
export type DryRunBody = z.infer<typeof dryRunBodySchema>;

/** What a dry run says will happen to one user or line. */
export const PLANNED_OUTCOMES = [
  'will deactivate',
  'will reactivate',
  'already inactive — skipped',
  'already active — skipped',
  'not found',
  'ambiguous',
  'not allowed',
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

export const jobResultsQuerySchema = z.object({
  after: z.coerce.number().int().min(-1).default(-1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  state: z.enum(JOB_ITEM_STATES).optional(),
});

export type JobList = { jobs: JobSummary[] };

export const isJobActive = (state: JobState) => state === 'running' || state === 'paused';
