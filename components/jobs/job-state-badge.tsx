import { Badge } from '@/components/ui/badge';
import type { JobItemState, JobState } from '@/lib/jobs/types';

const JOB: Record<JobState, { label: string; tone: 'success' | 'neutral' | 'info' | 'warning' }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  paused: { label: 'Paused — sign in to resume', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  done: { label: 'Finished', tone: 'success' },
};

const ITEM: Record<JobItemState, { label: string; tone: 'success' | 'neutral' | 'info' | 'warning' }> = {
  queued: { label: 'Waiting', tone: 'neutral' },
  running: { label: 'In progress', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function JobStateBadge({ state }: { state: JobState }) {
  return (
    <Badge tone={JOB[state].tone} dot>
      {JOB[state].label}
    </Badge>
  );
}

export function JobItemBadge({ state }: { state: JobItemState }) {
  return (
    <Badge tone={ITEM[state].tone} dot>
      {ITEM[state].label}
    </Badge>
  );
}
