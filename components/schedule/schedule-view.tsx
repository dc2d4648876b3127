'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { cell, headerCell, TableBody, TableFrame, TableHead } from '@/components/ui/table';
import { cancelScheduledChange } from '@/lib/schedule/api-client';
import { scheduleQueries } from '@/lib/schedule/query-keys';
import type { UpcomingChange } from '@/lib/schedule/types';
import { useScheduleCommand } from '@/lib/schedule/use-schedule-command';
import { ScheduledTime } from './scheduled-time';

const changeWords = (c: UpcomingChange) =>
  c.kind === 'expiry'
    ? 'Deactivate (reactivation ends)'
    : c.action === 'deactivate'
      ? `Deactivate${c.method === 'DELETE' ? ' (DELETE)' : ''}`
      : 'Reactivate';

/** The table `Scheduled changes`: what will change by itself, soonest first; admins may cancel each. */
export function ScheduleView({ canCancel }: { canCancel: boolean }) {
  const { data, error, refetch } = useQuery(scheduleQueries.list());
  const cancel = useScheduleCommand((c: UpcomingChange) => cancelScheduledChange(c.jobId, c.seq));
  const [failure, setFailure] = useState<string | null>(null);

  if (error && !data) return <Alert onRetry={() => void refetch()}>{error.message}</Alert>;
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading scheduled changes…</p>;
  return (
    <div className="space-y-4">
      {failure ? <Alert title="Could not cancel">{failure}</Alert> : null}
      {data.changes.length === 0 ? (
        <EmptyState
          title="Nothing scheduled"
          hint="Schedule a deactivation or reactivation from a user’s confirm dialog (Schedule…), or reactivate someone for a limited time."
        />
      ) : (
        <TableFrame>
          <table aria-label="Scheduled changes" className="w-full min-w-[56rem] text-sm">
            <TableHead>
              {['User', 'Change', 'When', 'Requested by', 'Reason code', 'Ticket', ...(canCancel ? [''] : [])].map((name, i) => (
                <th key={i} scope="col" className={headerCell}>
                  {name || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </TableHead>
            <TableBody>
              {data.changes.map((c) => (
                <tr key={`${c.jobId}:${c.seq}`}>
                  <td className={`${cell} [overflow-wrap:anywhere]`}>
                    <Link
                      href={`/users/${encodeURIComponent(c.targetId)}`}
                      className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
                    >
                      {c.userName ?? c.targetId}
                    </Link>
                  </td>
                  <td className={cell}>{changeWords(c)}</td>
                  <td className={cell}>
                    <ScheduledTime value={c.runAt} timeZone={c.timeZone} />
                  </td>
                  <td className={`${cell} [overflow-wrap:anywhere]`}>{c.actor.email ?? c.actor.sub}</td>
                  <td className={cell}>{c.reasonCode ?? '—'}</td>
                  <td className={cell}>{c.ticket ?? '—'}</td>
                  {canCancel ? (
                    <td className={`${cell} text-right`}>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={cancel.isPending && cancel.variables === c}
                        onClick={() => {
                          setFailure(null);
                          cancel.mutate(c, { onError: (e) => setFailure(e.message) });
                        }}
                      >
                        Cancel
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </TableBody>
          </table>
        </TableFrame>
      )}
    </div>
  );
}
