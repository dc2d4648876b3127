import 'server-only';
// The users and audit APIs' input schemas. Server only, so zod never reaches
// the browser; the pages parse their URLs with plain validators that accept
// exactly what these accept (components/users/list-params.ts,
// components/audit/audit-params.ts; schemas.test.ts checks both agree).

import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_STATES } from '@/lib/audit-vocabulary';
import { REASON_CODE_MAX, REASON_MAX, TICKET_MAX } from '@/lib/change-reason';
import { auditRange, type AuditFilter } from '@/lib/audit-log/types';
import { SORT_ORDERS, USER_LIST_DEFAULTS, USER_LIST_LIMITS, USER_SORT_BYS, USER_STATUSES, type UserListParams } from '@/lib/users/types';

// --- users ------------------------------------------------------------------------

const boundedInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
// Control characters (tab and line breaks aside) and bidi overrides/isolates can
// hide or reorder what a reviewer of the audit log reads ("Trojan Source").
const UNSAFE_REASON_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const safeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !UNSAFE_REASON_CHARS.test(s), {
      error: 'must not contain control characters or bidirectional overrides (U+202A–U+202E, U+2066–U+2069)',
    })
    .optional();

/**
 * Why a change is made, in every body that changes users (single, bulk, scheduled). The shapes
 * only; the configured list and ticket rules are lib/server/api/change-reason.ts#acceptedReason.
 */
export const reasonFields = { reason: safeText(REASON_MAX), reasonCode: safeText(REASON_CODE_MAX), ticket: safeText(TICKET_MAX) };

export const userListParamsSchema = z.object({
  q: z.string().trim().max(USER_LIST_LIMITS.qMaxLength).default(USER_LIST_DEFAULTS.q),
  status: z.enum(USER_STATUSES).default(USER_LIST_DEFAULTS.status),
  startIndex: boundedInt(1, USER_LIST_LIMITS.startIndexMax).default(USER_LIST_DEFAULTS.startIndex),
  count: boundedInt(1, USER_LIST_LIMITS.countMax).default(USER_LIST_DEFAULTS.count),
  sortBy: z.enum(USER_SORT_BYS).optional(),
  sortOrder: z.enum(SORT_ORDERS).optional(),
  after: z.string().max(USER_LIST_LIMITS.afterMaxLength).optional(),
}) satisfies z.ZodType<UserListParams, unknown>;

export const userCountsParamsSchema = z.object({ q: userListParamsSchema.shape.q });

export const activationBodySchema = z.object({
  active: z.boolean(),
  ...reasonFields,
  // A time-boxed reactivation (docs/decisions/0111-time-boxed-reactivation.md): hours from now, or until an instant.
  hours: z.number().positive().max(8760).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

export const deleteBodySchema = z.object(reasonFields);

// --- audit ------------------------------------------------------------------------

// URL parameters arrive as '' when a filter box is cleared: that means "no filter".
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v: unknown) => (v === '' ? undefined : v), schema.optional());

/** `YYYY-MM-DD` (a whole UTC day) or an ISO 8601 date-time with an offset. */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be YYYY-MM-DD or an ISO 8601 date-time' });

const filterFields = {
  /** The actor's email or OIDC subject, exact. */
  actor: optional(z.string().trim().min(1).max(320)),
  /** The target's userName, exact. */
  target: optional(z.string().trim().min(1).max(256)),
  /** An activation change, or a sign-in or sign-out. */
  action: optional(z.enum(AUDIT_ACTIONS)),
  outcome: optional(z.enum(AUDIT_STATES)),
  /** A bulk job's id: its records only. */
  job: optional(z.string().trim().pipe(z.uuid())),
  /** Exact: one code of REASON_CODES (older records may carry codes since removed from the list). */
  reasonCode: optional(z.string().trim().min(1).max(REASON_CODE_MAX)),
  /** Exact. */
  ticket: optional(z.string().trim().min(1).max(TICKET_MAX)),
  /** Inclusive. */
  from: optional(dateOrDateTime),
  /** Inclusive: a date means the whole day; a date-time is the last instant included. */
  to: optional(dateOrDateTime),
  /** Changes whose webhook event is not delivered to every receiver (docs/decisions/0100-webhook-outbox.md). */
  webhooks: optional(z.literal('undelivered')),
};

const rangeInOrder = (f: { from?: string; to?: string }): boolean => !f.from || !f.to || auditRange(f).from! < auditRange(f).to!;
const rangeMessage = { path: ['to'], message: 'must not be before from' };

/** Filters of the audit page and the CSV export. */
export const auditFilterSchema = z.object(filterFields).refine(rangeInOrder, rangeMessage) satisfies z.ZodType<AuditFilter, unknown>;

export const auditQuerySchema = z
  .object({
    ...filterFields,
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: optional(
      z
        .string()
        .max(200)
        .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API'),
    ),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(rangeInOrder, rangeMessage);
