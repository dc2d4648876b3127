import Link from 'next/link';
import { OutcomeBadge } from '@/components/audit/outcome-badge';
import type { OverviewChange } from '@/lib/overview/types';
import { DateTime } from '@/components/ui/date-time';

function describe(change: OverviewChange): string {
  if (change.kind === 'outside') {
    if (change.activeAfter === false) return 'Deactivated outside the console';
    if (change.activeAfter === true) return 'Changed outside the console (active)';
    return 'Changed outside the console';
  }
  return change.kind === 'deactivate' ? 'Deactivation' : 'Reactivation';
}

/** Changes, newest first; each names its user with a link to the user's page (and History). */
export function ChangeList({ changes, empty }: { changes: readonly OverviewChange[]; empty: string }) {
  if (changes.length === 0) return <p className="px-6 py-4 text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800">
      {changes.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-6 py-3 text-sm">
          <Link
            href={`/users/${encodeURIComponent(c.target.id)}`}
            className="font-medium break-all text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
          >
            {c.target.userName ?? c.target.id}
          </Link>
          <span>{describe(c)}</span>
          {c.kind !== 'outside' ? <OutcomeBadge outcome={c.outcome} /> : null}
          <span className="basis-full text-slate-600 dark:text-slate-400">
            <DateTime value={c.at} />
            {c.actorEmail ? <> · by {c.actorEmail}</> : c.kind === 'outside' ? <> · seen by the console</> : null}
            {c.reason ? <> · “{c.reason}”</> : null}
          </span>
          {c.error ? <span className="basis-full break-words text-slate-700 dark:text-slate-300">{c.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}
