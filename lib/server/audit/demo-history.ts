import 'server-only';
// A few weeks of plausible past changes for the demo's audit log, so the
// overview's chart and each user's History mean something on first start.
// Only `npm run demo` calls it (scripts/seed-demo-audit.ts), only on a local
// SQLite log that holds no records yet; every seeded row is marked: audit
// records have request ids starting `seed-`, observations ids starting `seed-`.
// The records agree with the sandbox's users: a seeded change's after-version
// is the user's current version, so the console recognises the state as its
// own and History reads as one story.

import type { Kysely } from 'kysely';
import type { AuditDatabase, AuditRecordTable, ObservationTable } from './db';

export const SEED_PREFIX = 'seed-';

export type DemoUser = { id: string; userName: string; active: boolean; version: string | null; lastModified: string | null };

const ADMIN = { sub: 'demo-admin', email: 'admin@example.com' };
const HELPDESK = { sub: 'demo-helpdesk', email: 'helpdesk@example.com' };
// Each with a code of the default REASON_CODES (lib/change-reason.ts) and, for some, a ticket.
type DemoReason = { code: string; text: string; ticket: string | null };
const DEACTIVATION_REASONS: DemoReason[] = [
  { code: 'Leaver', text: 'Left the company', ticket: 'HR-1042' },
  { code: 'Contractor ended', text: 'Contract ended', ticket: null },
  { code: 'Leave of absence', text: 'Extended leave', ticket: 'HR-1077' },
  { code: 'Security incident', text: 'Security review: account shared with a contractor', ticket: 'SEC-311' },
  { code: 'Other', text: 'Moved to a subsidiary with its own tenant', ticket: null },
  { code: 'Other', text: 'Duplicate account', ticket: 'IT-2291' },
];
const REACTIVATION_REASONS: DemoReason[] = [
  { code: 'Leave of absence', text: 'Back from leave', ticket: null },
  { code: 'Other', text: 'Rehired', ticket: 'HR-1120' },
  { code: 'Restored after a mistake', text: 'Deactivated by mistake', ticket: 'IT-2304' },
  { code: 'Contractor ended', text: 'Contract extended', ticket: null },
];
const FAILURES = [
  { status: 429, detail: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.' },
  {
    status: 500,
    detail: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1862038475-12345 (-1219840232)',
  },
  { status: 403, detail: 'Insufficient access rights on cross-reference id' },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic hash, so the same users give the same history. */
function pick(i: number, salt: number, n: number): number {
  let h = Math.imul(i + 1, 2654435761) ^ Math.imul(salt + 7, 40503);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return ((h ^ (h >>> 13)) >>> 0) % n;
}

/** A weekday working-hours moment `daysAgo` days back (UTC), never in the future. */
function workingTime(now: number, daysAgo: number, i: number): number {
  const day = new Date(now - daysAgo * DAY);
  const weekday = day.getUTCDay();
  const shift = weekday === 0 ? 2 : weekday === 6 ? 1 : 0; // weekends move back to Friday
  const base = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate() - shift,
    8 + pick(i, 1, 9),
    pick(i, 2, 60),
    pick(i, 3, 60),
  );
  return Math.min(base, now - HOUR);
}

/**
 * Seeds `days` days of history; null (and nothing written) when the log already
 * holds records, so it can never mix into a log with real entries.
 */
export async function seedDemoHistory(
  db: Kysely<AuditDatabase>,
  users: readonly DemoUser[],
  { now = Date.now(), days = 21 }: { now?: number; days?: number } = {},
): Promise<{ records: number; observations: number } | null> {
  const existing = await db.selectFrom('audit_records').select('id').limit(1).executeTakeFirst();
  if (existing) return null;

  const inactive = users.filter((u) => !u.active);
  const active = users.filter((u) => u.active);
  const records: Omit<AuditRecordTable, 'seq'>[] = [];
  const observations: Omit<ObservationTable, 'seq'>[] = [];
  let n = 0;
  const record = (
    at: number,
    user: DemoUser,
    action: 'deactivate' | 'reactivate',
    outcome: { state: 'succeeded' | 'failed'; afterVersion: string | null; status: number; error?: string },
    actor = ADMIN,
    reason: DemoReason | null = null,
  ) => {
    n += 1;
    const id = `${SEED_PREFIX}${String(n).padStart(4, '0')}`;
    const succeeded = outcome.state === 'succeeded';
    records.push({
      id: `${id}-${user.id}`,
      request_id: id,
      created_at: new Date(at).toISOString(),
      finished_at: new Date(at + 400 + pick(n, 4, 900)).toISOString(),
      actor_sub: actor.sub,
      actor_email: actor.email,
      target_id: user.id,
      target_user_name: user.userName,
      action,
      method: action === 'deactivate' && pick(n, 5, 4) === 0 ? 'DELETE' : 'PATCH',
      reason: reason?.text ?? null,
      reason_code: reason?.code ?? null,
      ticket: reason?.ticket ?? null,
      state: outcome.state,
      before_active: action === 'deactivate' ? 1 : 0,
      before_version: `W/"seed-${n}"`,
      after_active: succeeded ? (action === 'deactivate' ? 0 : 1) : null,
      after_version: succeeded ? outcome.afterVersion : null,
      upstream_status: outcome.status,
      error_detail: outcome.error ?? null,
      job_id: null,
      session_id: null,
      provider: null,
      call_identity: 'admin-token',
    });
  };

  // Inactive users: most were deactivated through the console, a few elsewhere.
  inactive.slice(0, 40).forEach((user, i) => {
    const at = workingTime(now, 1 + pick(i, 10, days - 1), i);
    if (i % 5 === 4) {
      observations.push({
        id: `${SEED_PREFIX}obs-${i}-${user.id}`,
        observed_at: new Date(at).toISOString(),
        target_id: user.id,
        target_user_name: user.userName,
        active: 0,
        version: user.version,
        // As the provider has it now: the console compares all three when it next reads the user.
        last_modified: user.lastModified,
        source: 'outside',
        activation_id: null,
        previous_active: 1,
        previous_version: `W/"seed-obs-${i}"`,
      });
      return;
    }
    const reason = DEACTIVATION_REASONS[pick(i, 11, DEACTIVATION_REASONS.length)]!;
    if (i % 7 === 3) {
      // A first attempt the provider refused, then the retry that went through.
      const failure = FAILURES[pick(i, 12, FAILURES.length)]!;
      record(
        at - 20 * 60_000,
        user,
        'deactivate',
        { state: 'failed', afterVersion: null, status: failure.status, error: failure.detail },
        ADMIN,
        reason,
      );
    }
    record(at, user, 'deactivate', { state: 'succeeded', afterVersion: user.version, status: 200 }, ADMIN, reason);
  });

  // Active users: some were away and came back (deactivated, reactivated days later).
  active.slice(0, 12).forEach((user, i) => {
    const back = 1 + pick(i, 20, days - 5);
    const away = back + 2 + pick(i, 21, 3);
    record(
      workingTime(now, away, i + 100),
      user,
      'deactivate',
      { state: 'succeeded', afterVersion: `W/"seed-away-${i}"`, status: 200 },
      ADMIN,
      DEACTIVATION_REASONS[2]!,
    );
    record(
      workingTime(now, back, i + 200),
      user,
      'reactivate',
      { state: 'succeeded', afterVersion: user.version, status: 200 },
      i % 2 ? HELPDESK : ADMIN,
      REACTIVATION_REASONS[pick(i, 22, REACTIVATION_REASONS.length)]!,
    );
  });

  // Two recent failures nobody has retried yet: the overview's "Needs attention".
  active.slice(12, 14).forEach((user, i) => {
    const failure = FAILURES[i % FAILURES.length]!;
    record(
      workingTime(now, 1 + i, i + 300),
      user,
      'deactivate',
      { state: 'failed', afterVersion: null, status: failure.status, error: failure.detail },
      ADMIN,
      DEACTIVATION_REASONS[i]!,
    );
  });

  records.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
  observations.sort((a, b) => (a.observed_at < b.observed_at ? -1 : 1));
  await db.transaction().execute(async (trx) => {
    if (records.length) await trx.insertInto('audit_records').values(records).execute();
    if (observations.length) await trx.insertInto('audit_observations').values(observations).execute();
  });
  return { records: records.length, observations: observations.length };
}
