import Link from 'next/link';
import { RelativeTime } from '@/components/ui/date-time';
import type { AuditEntry } from '@/lib/audit-log/types';
import { OutcomeBadge } from './outcome-badge';

const th = 'px-4 py-2.5 whitespace-nowrap text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400';
const td = 'px-4 py-3 align-top';
const muted = 'text-slate-600 dark:text-slate-400';

function NotSet() {
  return (
    <span className={muted}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">None</span>
    </span>
  );
}

export function AuditTable({ entries, busy }: { entries: AuditEntry[]; busy: boolean }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table
        aria-label="Audit log"
        aria-busy={busy || undefined}
        className={`w-full min-w-[68rem] text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}
      >
        <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/50">
          <tr>
            {['When', 'Actor', 'User', 'Action', 'Outcome', 'Reason', 'Version', 'Upstream'].map((name) => (
              <th key={name} scope="col" className={th}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className={`${td} whitespace-nowrap`}>
                <RelativeTime value={entry.at} />
              </td>
              <td className={`${td} max-w-56 min-w-44 [overflow-wrap:anywhere]`}>{entry.actor.email ?? entry.actor.sub}</td>
              <td className={`${td} max-w-60 min-w-44`}>
                <Link
                  href={`/users/${encodeURIComponent(entry.target.id)}`}
                  className="font-medium [overflow-wrap:anywhere] text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                >
                  {entry.target.userName ?? entry.target.id}
                </Link>
              </td>
              <td className={`${td} whitespace-nowrap`}>
                {entry.action === 'deactivate' ? 'Deactivate' : 'Reactivate'}{' '}
                <span className={`font-mono text-xs ${muted}`}>{entry.method}</span>
              </td>
              <td className={td}>
                <OutcomeBadge outcome={entry.outcome} />
              </td>
              <td className={`${td} max-w-72 [overflow-wrap:anywhere] whitespace-pre-wrap`}>{entry.reason ?? <NotSet />}</td>
              <td className={`${td} font-mono text-xs whitespace-nowrap`}>
                {entry.versionBefore || entry.versionAfter ? (
                  <>
                    {entry.versionBefore ?? '—'} <span aria-hidden="true">→</span>
                    <span className="sr-only">to</span> {entry.versionAfter ?? '—'}
                  </>
                ) : (
                  <NotSet />
                )}
              </td>
              <td className={`${td} max-w-72 [overflow-wrap:anywhere]`}>
                {entry.upstreamStatus === null && !entry.error ? (
                  <NotSet />
                ) : (
                  <>
                    {entry.upstreamStatus !== null ? <span className="font-mono">{entry.upstreamStatus}</span> : null}
                    {entry.error ? <span className={`block text-xs ${muted}`}>{entry.error}</span> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
