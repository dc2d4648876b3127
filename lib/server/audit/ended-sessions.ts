import 'server-only';
// Sessions that were signed out. The session cookie is a self-contained
// encrypted JWT, so a copy of it (a shared desk, a HAR file, malware) would
// keep working after sign-out until its absolute expiry; every API route and
// page asks this list first. It lives in the audit database, so several
// console instances agree. See docs/decisions/0042-session-end.md.

import type { Kysely } from 'kysely';
import type { AuditDatabase } from './db';
import { getAuditDb } from './store';

export type EndedSessions = {
  /** Remembers the session as ended until `expiresAt` (epoch seconds), and forgets sessions past theirs. */
  end(sessionId: string, expiresAt: number): Promise<void>;
  isEnded(sessionId: string): Promise<boolean>;
};

export function createEndedSessions(db: Kysely<AuditDatabase>, now: () => Date = () => new Date()): EndedSessions {
  return {
    async end(sessionId, expiresAt) {
      const at = now();
      await db
        .insertInto('ended_sessions')
        .values({ session_id: sessionId, ended_at: at.toISOString(), expires_at: new Date(expiresAt * 1000).toISOString() })
        .onConflict((c) => c.column('session_id').doNothing())
        .execute();
      await db.deleteFrom('ended_sessions').where('expires_at', '<', at.toISOString()).execute();
    },
    async isEnded(sessionId) {
      const row = await db.selectFrom('ended_sessions').select('session_id').where('session_id', '=', sessionId).executeTakeFirst();
      return row !== undefined;
    },
  };
}

/** Over the process's one migrated database handle (lib/server/audit/store.ts#getAuditDb). */
export async function getEndedSessions(): Promise<EndedSessions> {
  return createEndedSessions(await getAuditDb());
}
