// "Why is this user off?": the latest deactivation in a user's History, for the
// detail page's banner and the reactivation dialog.
import type { HistoryEntry } from './types';

export type DeactivationSummary = {
  at: string;
  /** Who did it; null when it happened outside the console. */
  by: string | null;
  reason: string | null;
};

/** The newest entry that left the user inactive; null when History holds none (entries are newest first). */
export function lastDeactivation(entries: readonly HistoryEntry[]): DeactivationSummary | null {
  const entry = entries.find(
    (e) =>
      e.kind === 'deactivated' ||
      (e.kind === 'outside-change' && e.activeAfter === false) ||
      (e.kind === 'reconciled' && e.action === 'deactivate' && e.activeAfter === false),
  );
  if (!entry) return null;
  return { at: entry.at, by: entry.actor ? (entry.actor.email ?? entry.actor.sub) : null, reason: entry.reason };
}
