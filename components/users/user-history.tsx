import { Panel } from '@/components/ui/panel';
import { Alert } from '@/components/ui/alert';
import { DateTime } from '@/components/ui/date-time';
import { Skeleton } from '@/components/ui/skeleton';
import { EXPIRY_REASON } from '@/lib/schedule/reactivation-policy';
import type { HistoryEntry } from '@/lib/users/types';
import { useUserHistory } from '@/lib/users/use-user-history';
import { ReasonText } from './reason-text';

const state = (active: boolean | null) => (active === null ? 'unknown' : active ? 'active' : 'inactive');

/** What happened, in words. */
export function describeHistoryEntry(entry: HistoryEntry): string {
  const via = entry.method ? ` via ${entry.method}` : '';
  const schedule = entry.schedule;
  const asScheduled = schedule?.kind === 'scheduled' ? ` as scheduled${schedule.late ? ' (ran late)' : ''}` : '';
  const late = schedule?.late ? ' (ran late)' : '';
  switch (entry.kind) {
    case 'deactivated':
      return schedule?.kind === 'expiry' ? `${EXPIRY_REASON}${late}` : `${entry.removed ? 'Removed' : 'Deactivated'}${via}${asScheduled}`;
    case 'reactivated':
      return `Reactivated${asScheduled}`;
    case 'scheduled':
      return schedule?.kind === 'expiry'
        ? 'Reactivation set to expire'
        : `${entry.action === 'reactivate' ? 'Reactivation' : 'Deactivation'} scheduled`;
    case 'schedule-ended': {
      const what =
        schedule?.kind === 'expiry'
          ? 'Reactivation expiry'
          : `Scheduled ${entry.action === 'reactivate' ? 'reactivation' : 'deactivation'}`;
      const detail = schedule?.detail ? `: ${schedule.detail}` : '';
      return `${what} ${schedule?.state === 'cancelled' ? 'cancelled' : 'skipped'}${detail}`;
    }
    case 'failed':
      return `Failed to ${entry.action ?? 'change'}${entry.error ? `: ${entry.error}` : ''}`;
    case 'pending':
      return `Pending… (${entry.action ?? 'change'}${via})`;
    case 'reconciled':
      return `Settled after an interrupted ${entry.action ? `${entry.action.slice(0, -1)}ion` : 'change'}${entry.error ? `: ${entry.error}` : ''}`;
    case 'outside-change':
      if (entry.changedBack)
        return `Changed back outside the console: ${state(entry.activeBefore ?? !entry.activeAfter)} → ${state(entry.activeAfter)}`;
      return entry.activeBefore !== null && entry.activeBefore !== entry.activeAfter
        ? `Changed outside the console: ${state(entry.activeBefore)} → ${state(entry.activeAfter)}`
        : `Changed outside the console: now ${state(entry.activeAfter)}`;
  }
}

/** The History region of a user's page: activations through the console and changes seen outside it, newest first. */
export function UserHistory({ userId, detailUpdatedAt }: { userId: string; detailUpdatedAt: number }) {
  const query = useUserHistory(userId, detailUpdatedAt);

  return (
    <Panel title="History" busy={query.isFetching}>
      <div className="px-6 py-4">
        {query.isError && !query.data ? (
          <Alert title="Could not load the history" onRetry={() => void query.refetch()}>
            {query.error.message}
          </Alert>
        ) : query.data ? (
          query.data.entries.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No changes recorded yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100 dark:divide-slate-800">
              {query.data.entries.map((entry) => (
                <HistoryItem key={entry.id} entry={entry} />
              ))}
            </ol>
          )
        ) : (
          <HistorySkeleton />
        )}
      </div>
    </Panel>
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const who = entry.actor ? (entry.actor.email ?? entry.actor.sub) : 'Outside the console';
  const tone =
    entry.kind === 'failed'
      ? 'text-red-800 dark:text-red-300'
      : entry.kind === 'pending' || entry.kind === 'reconciled'
        ? 'text-amber-900 dark:text-amber-200'
        : '';
  return (
    <li className="grid gap-1 py-3 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
      {/* The exact time first (people cite it), how long ago after it. */}
      <p className="text-slate-600 dark:text-slate-400">
        <DateTime value={entry.at} />
      </p>
      <div className="min-w-0 space-y-1">
        <p className={`font-medium break-words ${tone}`}>{describeHistoryEntry(entry)}</p>
        {entry.schedule && (entry.kind === 'scheduled' || entry.schedule.late) ? (
          <p className="text-slate-700 dark:text-slate-300">
            {entry.kind !== 'scheduled' ? 'Due ' : entry.schedule.kind === 'expiry' ? 'At ' : 'For '}
            <DateTime value={entry.schedule.runAt} />
          </p>
        ) : null}
        <p className="text-slate-700 dark:text-slate-300">
          <span className="sr-only">By </span>
          <span className={entry.actor ? 'break-all' : 'italic'}>{who}</span>
        </p>
        <div className="text-slate-700 dark:text-slate-300">
          <ReasonText
            reasonCode={entry.reasonCode}
            reason={entry.reason}
            ticket={entry.ticket}
            fallback={<span className="text-slate-600 dark:text-slate-400">No reason given</span>}
          />
        </div>
        {entry.versionBefore || entry.versionAfter ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <span className="sr-only">Version </span>
            <code className="font-mono">{entry.versionBefore ?? '—'}</code>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> to </span>
            <code className="font-mono">{entry.versionAfter ?? '—'}</code>
          </p>
        ) : null}
      </div>
    </li>
  );
}

function HistorySkeleton() {
  return (
    <div role="status" className="space-y-3">
      <span className="sr-only">Loading history…</span>
      {[0, 1, 2].map((i) => (
        <div key={i} className="grid gap-2 sm:grid-cols-[8rem_1fr] sm:gap-4">
          <Skeleton className="h-4 w-20" />
          <div className="space-y-2">
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-4 w-32" />
          </div>
        </div>
      ))}
    </div>
  );
}
