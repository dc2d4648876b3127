import 'server-only';
// What the overview page (app/(console)/page.tsx) reads from the audit log:
// changes per UTC day, the latest changes, and what needs someone's attention.
// Plain, portable SQL (substr, case, not exists), so SQLite and PostgreSQL
// answer the same; days are UTC, as the audit log's date filters are.

import { sql, type Kysely, type Selectable } from 'kysely';
import { ACTIVATION_ACTIONS, type ActivationAction } from '@/lib/audit-vocabulary';
import type { AuditDatabase, AuditRecordTable } from './db';
import { toBool } from './records';
import { getAuditDb } from './store';
import type { DailyChanges, OverviewChange } from '@/lib/overview/types';

export type AuditOverview = {
  /** `days` UTC days ending today, oldest first, every day present (zeros included). */
  dailyChanges(days: number): Promise<DailyChanges[]>;
  /** Console changes and outside changes, newest first. */
  latestChanges(limit: number): Promise<OverviewChange[]>;
  /**
   * Console changes still pending (unconfirmed), and failed ones in the last
   * `days` days with no later finished change to the same user; newest first.
   */
  needsAttention(opts: { days: number; limit: number }): Promise<OverviewChange[]>;
};

const DAY_MS = 86_400_000;

/** `days` UTC days ending with the one `now` falls in, oldest first. */
export function utcDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export function createAuditOverview(db: Kysely<AuditDatabase>, now: () => Date = () => new Date()): AuditOverview {
  // A console change "took" when it succeeded, or was reconciled to the state it meant to leave.
  const took = sql<boolean>`(state = 'succeeded' or (state = 'reconciled' and after_active = case when action = 'deactivate' then 0 else 1 end))`;
  const count = (condition: ReturnType<typeof sql>) => sql<number>`cast(sum(case when ${condition} then 1 else 0 end) as integer)`;

  return {
    async dailyChanges(days) {
      const range = utcDays(now(), days);
      const from = `${range[0]}T00:00:00.000Z`;
      const day = sql<string>`substr(created_at, 1, 10)`;
      const records = await db
        .selectFrom('audit_records')
        .select([
          day.as('day'),
          count(sql`action = 'deactivate' and ${took}`).as('deactivations'),
          count(sql`action = 'reactivate' and ${took}`).as('reactivations'),
          count(sql`state = 'failed' or (state = 'reconciled' and not ${took})`).as('failures'),
        ])
        .where('created_at', '>=', from)
        .groupBy(day)
        .execute();
      const observedDay = sql<string>`substr(observed_at, 1, 10)`;
      const outside = await db
        .selectFrom('audit_observations')
        .select([observedDay.as('day'), sql<number>`cast(count(*) as integer)`.as('outside')])
        .where('source', '=', 'outside')
        .where('observed_at', '>=', from)
        .groupBy(observedDay)
        .execute();
      const byDay = new Map(range.map((d) => [d, { day: d, deactivations: 0, reactivations: 0, failures: 0, outside: 0 }]));
      for (const r of records) {
        const row = byDay.get(r.day);
        if (row)
          Object.assign(row, {
            deactivations: Number(r.deactivations),
            reactivations: Number(r.reactivations),
            failures: Number(r.failures),
          });
      }
      for (const o of outside) {
        const row = byDay.get(o.day);
        if (row) row.outside = Number(o.outside);
      }
      return [...byDay.values()];
    },

    async latestChanges(limit) {
      const [records, observations] = await Promise.all([
        // Changes only: sign-ins and sign-outs are in the audit log, not the overview.
        db
          .selectFrom('audit_records')
          .selectAll()
          .where('action', 'in', ACTIVATION_ACTIONS)
          .$narrowType<{ action: ActivationAction }>()
          .orderBy('created_at', 'desc')
          .orderBy('seq', 'desc')
          .limit(limit)
          .execute(),
        db.selectFrom('audit_observations').selectAll().where('source', '=', 'outside').orderBy('seq', 'desc').limit(limit).execute(),
      ]);
      const changes: OverviewChange[] = [
        ...records.map(fromRecord),
        ...observations.map((o): OverviewChange => ({
          id: o.id,
          at: o.observed_at,
          kind: 'outside',
          target: { id: o.target_id, userName: o.target_user_name },
          actorEmail: null,
          outcome: 'succeeded',
          activeAfter: toBool(o.active),
          reason: null,
          error: null,
        })),
      ];
      return changes.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
    },

    async needsAttention({ days, limit }) {
      const since = new Date(now().getTime() - days * DAY_MS).toISOString();
      const rows = await db
        .selectFrom('audit_records as r')
        .selectAll('r')
        .where('r.action', 'in', ACTIVATION_ACTIONS)
        .$narrowType<{ action: ActivationAction }>()
        .where((eb) =>
          eb.or([
            eb('r.state', '=', 'pending'),
            eb.and([
              eb('r.created_at', '>=', since),
              eb.or([eb('r.state', '=', 'failed'), eb.and([eb('r.state', '=', 'reconciled'), eb.not(sql<boolean>`${took}`)])]),
              // A later change to the same user that went through settles it.
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('audit_records as later')
                    .select('later.seq')
                    .whereRef('later.target_id', '=', 'r.target_id')
                    .whereRef('later.created_at', '>', 'r.created_at')
                    .where('later.state', 'in', ['succeeded', 'reconciled']),
                ),
              ),
            ]),
          ]),
        )
        .orderBy('r.created_at', 'desc')
        .orderBy('r.seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map(fromRecord);
    },
  };
}

function fromRecord(r: Selectable<AuditRecordTable> & { action: ActivationAction }): OverviewChange {
  return {
    id: r.id,
    at: r.created_at,
    kind: r.action,
    target: { id: r.target_id, userName: r.target_user_name },
    actorEmail: r.actor_email,
    outcome: r.state,
    activeAfter: toBool(r.after_active),
    reason: r.reason,
    error: r.error_detail,
  };
}

/** Over the process's one migrated database handle (lib/server/audit/store.ts#getAuditDb). */
export async function getAuditOverview(): Promise<AuditOverview> {
  return createAuditOverview(await getAuditDb());
}
