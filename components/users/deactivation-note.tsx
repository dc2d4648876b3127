import type { ReactNode } from 'react';
import { DateTime } from '@/components/ui/date-time';
import { describeReason } from '@/lib/change-reason';
import { lastDeactivation, NO_RECORD_WORDS } from '@/lib/users/deactivation-summary';
import type { HistoryEntry } from '@/lib/users/types';

/**
 * Why a user is off, in one line: `Deactivated <when> by <who> — <reason code>:
 * <reason> (<ticket>)`, or `Deactivated outside the console <when>`, from its
 * History (newest first); the same words as the list's Inactive badge describes
 * (lib/users/deactivation-summary.ts#describeDeactivation). The time is the same
 * DateTime as History's entries. `children`: more about the user's status (a
 * scheduled change), below the line.
 */
export function DeactivationNote({ entries, children }: { entries: readonly HistoryEntry[]; children?: ReactNode }) {
  const last = lastDeactivation(entries);
  const why = last ? describeReason(last) : '';
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="break-words whitespace-pre-wrap">
        {!last ? (
          <span className="font-semibold">{NO_RECORD_WORDS}</span>
        ) : last.by ? (
          <>
            <span className="font-semibold">
              Deactivated <DateTime value={last.at} /> by {last.by}
            </span>
            {why ? ` — ${why}` : null}
          </>
        ) : (
          <span className="font-semibold">
            Deactivated outside the console <DateTime value={last.at} />
          </span>
        )}
      </p>
      {children}
    </div>
  );
}
