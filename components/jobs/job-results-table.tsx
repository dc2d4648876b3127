import Link from 'next/link';
import { NoneMarker } from '@/components/ui/none-marker';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import type { JobResult } from '@/lib/jobs/types';
import { JobItemBadge } from './job-state-badge';

export function JobResultsTable({ results, busy }: { results: JobResult[]; busy: boolean }) {
  return (
    <TableFrame>
      <table aria-label="Results" aria-busy={busy || undefined} className="w-full min-w-[40rem] text-sm">
        <TableHead>
          {['User', 'Outcome', 'Provider’s message'].map((name) => (
            <th key={name} scope="col" className={headerCell}>
              {name}
            </th>
          ))}
        </TableHead>
        <TableBody>
          {results.map((r) => (
            <tr key={r.seq}>
              <td className={`${cell} [overflow-wrap:anywhere]`}>
                <Link
                  href={`/users/${encodeURIComponent(r.targetId)}`}
                  className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                >
                  {r.userName ?? r.targetId}
                </Link>
              </td>
              <td className={cell}>
                <JobItemBadge state={r.state} />
              </td>
              <td className={`${cell} [overflow-wrap:anywhere]`}>
                {r.detail ? (
                  <>
                    {r.upstreamStatus ? <span className="font-mono text-xs">{r.upstreamStatus} </span> : null}
                    {r.detail}
                  </>
                ) : (
                  <NoneMarker />
                )}
              </td>
            </tr>
          ))}
        </TableBody>
      </table>
    </TableFrame>
  );
}
