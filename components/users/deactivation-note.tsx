import { deactivationLine, lastDeactivation } from '@/lib/users/deactivation-summary';
import type { HistoryEntry } from '@/lib/users/types';

/** Why a user is off: who deactivated it, when and why, from its History (newest first). */
export function DeactivationNote({ entries }: { entries: readonly HistoryEntry[] }) {
  const last = lastDeactivation(entries);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">{deactivationLine(last)}</p>
      {last?.reason ? <p className="mt-1 break-words whitespace-pre-wrap">“{last.reason}”</p> : null}
    </div>
  );
}
