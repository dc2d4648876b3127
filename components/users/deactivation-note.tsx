import { DateTime } from '@/components/ui/date-time';
import { lastDeactivation } from '@/lib/users/deactivation-summary';
import type { HistoryEntry } from '@/lib/users/types';

/**
 * Why a user is off: "Deactivated <when> by <who>" or "Deactivated outside the
 * console <when>", and the reason, from its History (newest first). The time is
 * the same DateTime as History's entries.
 */
export function DeactivationNote({ entries }: { entries: readonly HistoryEntry[] }) {
  const last = lastDeactivation(entries);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">
        {!last ? (
          'Deactivated outside the console; the console has no record of when.'
        ) : last.by ? (
          <>
            Deactivated <DateTime value={last.at} /> by {last.by}
          </>
        ) : (
          <>
            Deactivated outside the console <DateTime value={last.at} />
          </>
        )}
      </p>
      {last?.reason ? <p className="mt-1 break-words whitespace-pre-wrap">“{last.reason}”</p> : null}
    </div>
  );
}
