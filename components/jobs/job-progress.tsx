import type { JobSummary } from '@/lib/jobs/types';

/** Finished items of the total, as a progressbar named Progress, and the counts as text. */
export function JobProgress({ job }: { job: JobSummary }) {
  const { succeeded, skipped, failed, cancelled } = job.counts;
  const done = succeeded + skipped + failed + cancelled;
  const percent = job.total ? Math.round((done / job.total) * 100) : 100;
  return (
    <div className="space-y-3">
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${job.total} users`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-blue-700 transition-[width] dark:bg-blue-500" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {done} of {job.total} users
      </p>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm font-medium">
        <li>Succeeded {succeeded}</li>
        <li>Skipped {skipped}</li>
        <li>Failed {failed}</li>
        <li>Cancelled {cancelled}</li>
      </ul>
    </div>
  );
}
