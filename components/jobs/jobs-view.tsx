'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { RelativeTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import { jobQueries } from '@/lib/jobs/query-keys';
import { JobStateBadge } from './job-state-badge';

/** Recent jobs, newest first. */
export function JobsView() {
  const { data, error, refetch } = useQuery(jobQueries.list());
  if (error && !data) return <Alert onRetry={() => void refetch()}>{error.message}</Alert>;
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading jobs…</p>;
  if (data.jobs.length === 0) return <EmptyState title="No bulk jobs yet" hint="Select users on the Users page to change many at once." />;
  return (
    <TableFrame>
      <table aria-label="Jobs" className="w-full min-w-[48rem] text-sm">
        <TableHead>
          {['Job', 'Started', 'By', 'Users', 'State'].map((name) => (
            <th key={name} scope="col" className={headerCell}>
              {name}
            </th>
          ))}
        </TableHead>
        <TableBody>
          {data.jobs.map((job) => (
            <tr key={job.id}>
              <td className={cell}>
                <Link href={`/jobs/${job.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300">
                  {job.action === 'deactivate' ? 'Bulk deactivation' : 'Bulk reactivation'}
                  {job.revertsJobId ? ' (revert)' : ''}
                </Link>
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                <RelativeTime value={job.createdAt} />
              </td>
              <td className={`${cell} [overflow-wrap:anywhere]`}>{job.actor.email ?? job.actor.sub}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {job.counts.succeeded} succeeded, {job.counts.skipped} skipped, {job.counts.failed} failed of {job.total}
              </td>
              <td className={cell}>
                <JobStateBadge state={job.state} />
              </td>
            </tr>
          ))}
        </TableBody>
      </table>
    </TableFrame>
  );
}
