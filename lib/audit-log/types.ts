// Client-safe shapes of the audit log API (GET /api/audit, /api/audit/export).
// No server-only: the /audit page parses its URL with the same schema
// (zod/mini, so the browser does not download zod's full build).
import * as z from 'zod/mini';
import {
  AUDIT_ACTIONS,
  AUDIT_STATES,
  type ActivationMethod,
  type AuditAction,
  type AuditState,
  type CallIdentity,
} from '@/lib/audit-vocabulary';

// URL parameters arrive as '' when a filter box is cleared: that means "no filter".
const optional = <S extends z.ZodMiniType>(schema: S) =>
  z.pipe(
    z.transform((v: unknown) => (v === '' ? undefined : v)),
    z.optional(schema),
  );

/** `YYYY-MM-DD` (a whole UTC day) or an ISO 8601 date-time with an offset. */
const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be YYYY-MM-DD or an ISO 8601 date-time' });

const filterFields = {
  /** The actor's email or OIDC subject, exact. */
  actor: optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(320))),
  /** The target's userName, exact. */
  target: optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(256))),
  /** An activation change, or a sign-in or sign-out. */
  action: optional(z.enum(AUDIT_ACTIONS)),
  outcome: optional(z.enum(AUDIT_STATES)),
  /** A bulk job's id: its records only. */
  job: optional(z.string().check(z.trim(), z.uuid())),
  /** Inclusive. */
  from: optional(dateOrDateTime),
  /** Inclusive: a date means the whole day; a date-time is the last instant included. */
  to: optional(dateOrDateTime),
};

const rangeInOrder = (f: { from?: string; to?: string }): boolean => !f.from || !f.to || auditRange(f).from! < auditRange(f).to!;
const rangeMessage = { path: ['to'], message: 'must not be before from' };

/** Filters of the audit page and the CSV export. */
export const auditFilterSchema = z.object(filterFields).check(z.refine(rangeInOrder, rangeMessage));
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = z
  .object({
    ...filterFields,
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: optional(z.string().check(z.maxLength(200), z.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API'))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  })
  .check(z.refine(rangeInOrder, rangeMessage));

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
};

export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };
