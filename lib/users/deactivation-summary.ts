// "Why is this user off?": the latest deactivation in a user's History, for the
// detail page's status, the reactivation dialog and (built on the server from the
// same History rules, lib/server/api/history.ts#lastDeactivations) the list's
// Inactive badge.
import { describeReason } from '@/lib/change-reason';
import { formatInstant } from '@/lib/format-time';
import type { DeactivationSummary, HistoryEntry, User } from './types';

export type { DeactivationSummary };

/** Said when the console never saw the user deactivated (inactive when it first read it). */
export const NO_RECORD_WORDS = 'Deactivated outside the console; the console has no record of when.';

/**
 * The newest entry that switched the user off; null when History holds none
 * (entries are newest first). An outside change counts only where it turned
 * the user off: an edit of a user already inactive leaves the earlier reason standing.
 */
export function lastDeactivation(entries: readonly HistoryEntry[]): DeactivationSummary | null {
  const entry = entries.find(
    (e) =>
      e.kind === 'deactivated' ||
      (e.kind === 'outside-change' && e.activeAfter === false && e.activeBefore !== false) ||
      (e.kind === 'reconciled' && e.action === 'deactivate' && e.activeAfter === false),
  );
  if (!entry) return null;
  return {
    at: entry.at,
    by: entry.actor ? (entry.actor.email ?? entry.actor.sub) : null,
    reason: entry.reason,
    reasonCode: entry.reasonCode,
    ticket: entry.ticket,
  };
}

/**
 * The status in one line: `Deactivated <when> by <who> — <reason code>: <reason> (<ticket>)`,
 * `Deactivated outside the console <when>`, or that the console has no record;
 * `when` formats the time (the page shows it as DateTime, a description as text).
 */
export function describeDeactivation(summary: DeactivationSummary | null, when: (iso: string) => string): string {
  if (!summary) return NO_RECORD_WORDS;
  if (!summary.by) return `Deactivated outside the console ${when(summary.at)}`;
  const why = describeReason(summary);
  return `Deactivated ${when(summary.at)} by ${summary.by}${why ? ` — ${why}` : ''}`;
}

/**
 * The Inactive badge's accessible description: the same status line as the
 * detail page, the time as its DateTime shows it (without "(2 hours ago)";
 * `local` as components/ui/date-time.tsx#useNow gives it). Null for an active user or where the
 * API attached no lifecycle (the viewer may not read History). A scheduled
 * change, where one exists, is added here as a further sentence.
 */
export function inactiveDescription(user: User, local: boolean): string | null {
  if (user.active || !user.lifecycle) return null;
  return describeDeactivation(user.lifecycle.lastDeactivation, (iso) => formatInstant(new Date(iso), local));
}
