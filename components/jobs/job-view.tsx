'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/date-time';
import { Panel } from '@/components/ui/panel';
import { jobResultsCsvPath } from '@/lib/jobs/api-client';
import { jobQueries } from '@/lib/jobs/query-keys';
import { isJobActive } from '@/lib/jobs/types';
import { useJobCommand } from '@/lib/jobs/use-job-command';
import { JobProgress } from './job-progress';
import { JobResultsTable } from './job-results-table';
import { JobStateBadge } from './job-state-badge';

type JobViewProps = {
  id: string;
  /** What the viewer's role may do: cancel or retry a job of that action, revert any. */
  may: { deactivate: boolean; reactivate: boolean; revert: boolean };
};

/** One job: progress while it runs (polling), then its results; cancel, retry failed, revert. */
export function JobView({ id, may }: JobViewProps) {
  const router = useRouter();
  // Result pages: the `after` positions walked so far.
  const [afters, setAfters] = useState<number[]>([-1]);
  const after = afters.at(-1)!;
  const { data, error, refetch, isFetching } = useQuery(jobQueries.detail(id, after));
  const command = useJobCommand(id);

  if (error && !data) return <Alert onRetry={() => void refetch()}>{error.message}</Alert>;
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading the job…</p>;

  const { job, results, nextAfter, startedByViewer } = data;
  const active = isJobActive(job.state);
  const mayAct = job.action === 'deactivate' ? may.deactivate : may.reactivate;
  const who = job.actor.email ?? job.actor.sub;

  const run = (which: 'cancel' | 'retry' | 'revert') =>
    command.mutate(which, { onSuccess: (res) => (which === 'revert' ? router.push(`/jobs/${encodeURIComponent(res.id)}`) : undefined) });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {job.action === 'deactivate' ? 'Bulk deactivation' : 'Bulk reactivation'}
          </h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Started by {who} <RelativeTime value={job.createdAt} /> · {job.method === 'DELETE' ? 'DELETE' : 'PATCH active'}
            {job.reasonCode ? <> · Reason code: {job.reasonCode}</> : null}
            {job.reason ? <> · Reason: {job.reason}</> : null}
            {job.ticket ? <> · Ticket: {job.ticket}</> : null}
            {job.revertsJobId ? (
              <>
                {' '}
                · Reverts{' '}
                <a className="text-blue-800 underline dark:text-blue-300" href={`/jobs/${encodeURIComponent(job.revertsJobId)}`}>
                  an earlier job
                </a>
              </>
            ) : null}
          </p>
        </div>
        <JobStateBadge state={job.state} />
      </div>

      {job.state === 'paused' ? (
        <Alert tone="info" role="status" title="Paused — sign in to resume">
          {startedByViewer
            ? 'This job runs with your access to the SCIM provider, which had lapsed. It resumes now that you are here.'
            : `This job runs with ${who}'s access to the SCIM provider, which has lapsed. It resumes when they sign in and open this page.`}
        </Alert>
      ) : active ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          It runs on the server with {startedByViewer ? 'your' : `${who}'s`} access to the SCIM provider: you may close this page. If that
          access lapses the job pauses until {startedByViewer ? 'you open this page again' : 'they open this page again'}.
          {job.notBefore ? ' The provider asked the console to slow down; the job waits and then goes on.' : ''}
        </p>
      ) : null}

      <Panel title="Progress" busy={active}>
        <div className="space-y-4 px-6 py-4">
          <JobProgress job={job} />
          {command.error ? <Alert onDismiss={() => command.reset()}>{command.error.message}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            {active && mayAct ? (
              <Button variant="outline-danger" disabled={command.isPending} onClick={() => run('cancel')}>
                Cancel
              </Button>
            ) : null}
            {!active && mayAct && startedByViewer && job.counts.failed > 0 ? (
              <Button variant="primary" disabled={command.isPending} onClick={() => run('retry')}>
                Retry failed
              </Button>
            ) : null}
            {!active && may.revert && job.counts.succeeded > 0 ? (
              <Button disabled={command.isPending} onClick={() => run('revert')}>
                Revert
              </Button>
            ) : null}
            <a href={jobResultsCsvPath(job.id)} className={buttonClasses({ variant: 'ghost' })} download>
              Download results (CSV)
            </a>
          </div>
        </div>
      </Panel>

      <section className="space-y-3" aria-label="Results of this job">
        <JobResultsTable results={results} busy={isFetching && !active} />
        <div className="flex gap-2">
          <Button size="sm" disabled={afters.length === 1} onClick={() => setAfters((a) => a.slice(0, -1))}>
            Previous results
          </Button>
          <Button size="sm" disabled={nextAfter === null} onClick={() => nextAfter !== null && setAfters((a) => [...a, nextAfter])}>
            Next results
          </Button>
        </div>
      </section>
    </div>
  );
}
