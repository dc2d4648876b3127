import 'server-only';
// The bulk jobs API's input schemas; the shapes they produce are the
// client-safe types in lib/jobs/types.ts (the routes assign one to the other).

import { z } from 'zod';
import { ACTIVATION_ACTIONS, ACTIVATION_METHODS } from '@/lib/audit-vocabulary';
import { JOB_ITEM_STATES } from '@/lib/jobs/types';
import { reasonFields } from '@/lib/server/api/schemas';

const MAX_IDS = 10_000;

const userStatusSchema = z.enum(['all', 'active', 'inactive']);

/** Who a job or dry run is about: ids (a selection), a search (all matching, resolved on the server), or pasted lines. */
const idsSchema = z.object({ ids: z.array(z.string().min(1).max(256)).min(1).max(MAX_IDS) });
const querySchema = z.object({ query: z.object({ q: z.string().trim().max(200).default(''), status: userStatusSchema.default('all') }) });
const linesSchema = z.object({ lines: z.array(z.string().max(320)).min(1).max(MAX_IDS) });

/** How long a reactivation lasts (docs/decisions/0111-time-boxed-reactivation.md): hours from now, or until an instant. */
export const reactivationEndFields = {
  hours: z.number().positive().max(8760).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
};

const jobFields = {
  action: z.enum(ACTIVATION_ACTIONS),
  method: z.enum(ACTIVATION_METHODS).optional(),
  ...reasonFields,
};

export const createJobBodySchema = z.object({ ...jobFields, ...reactivationEndFields, users: z.union([idsSchema, querySchema]) });

/** POST /api/schedule (docs/decisions/0110-scheduled-changes-are-jobs.md). */
export const createScheduleBodySchema = z.object({
  ...jobFields,
  runAt: z.iso.datetime({ offset: true }),
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+\-\/]+$/)
    .optional(),
  users: z.union([idsSchema, querySchema]),
});

export const cancelScheduleBodySchema = z.object({ seq: z.number().int().min(0) });

export const reactivationBodySchema = z.object(reactivationEndFields);

export const dryRunBodySchema = z.object({ action: z.enum(ACTIVATION_ACTIONS), users: z.union([idsSchema, querySchema, linesSchema]) });

export const jobResultsQuerySchema = z.object({
  after: z.coerce.number().int().min(-1).default(-1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  state: z.enum(JOB_ITEM_STATES).optional(),
});
